/**
 * The enforcer's side of the link to its controller: joining with a token, the session with reconnects
 * ({@link dev.bulwark.enforcer.link.ControllerLink}), the on-disk spool of telemetry not acknowledged yet
 * ({@link dev.bulwark.enforcer.link.Spool}), and what is reported of the node and its containers.
 */
package dev.bulwark.enforcer.link;
