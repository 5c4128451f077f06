/**
 * The runtime plane on the controller's side: enforcers join with a token and get a certificate
 * ({@link dev.bulwark.controller.runtime.Enrollments}), hold a session over the link
 * ({@link dev.bulwark.controller.runtime.LinkServer}), report their node, containers, incidents and what they
 * learned ({@link dev.bulwark.controller.runtime.RuntimeState}, {@link dev.bulwark.controller.runtime.Learning}),
 * and get their groups' policy pushed ({@link dev.bulwark.controller.runtime.PolicyPush}).
 */
package dev.bulwark.controller.runtime;
