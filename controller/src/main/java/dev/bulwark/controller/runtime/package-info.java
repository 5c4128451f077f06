/**
 * The runtime plane on the controller's side: enforcers join with a token and get a certificate
 * ({@link dev.bulwark.controller.runtime.Enrollments}), hold a session over the link
 * ({@link dev.bulwark.controller.runtime.LinkServer}), report their node, containers, incidents and what they
 * learned ({@link dev.bulwark.controller.runtime.RuntimeState}, {@link dev.bulwark.controller.runtime.Learning}),
 * and get their groups' policy pushed ({@link dev.bulwark.controller.runtime.PolicyPush}). Its REST face is
 * NeuVector's: containers ({@link dev.bulwark.controller.runtime.WorkloadApi} over
 * {@link dev.bulwark.controller.runtime.WorkloadViews}), nodes, enforcers and join tokens, this controller, and
 * services ({@link dev.bulwark.controller.runtime.ServiceApi} over
 * {@link dev.bulwark.controller.runtime.LearnedServices}); start at {@link dev.bulwark.controller.runtime.Runtime}.
 */
package dev.bulwark.controller.runtime;
