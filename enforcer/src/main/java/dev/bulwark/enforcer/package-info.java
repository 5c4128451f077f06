/**
 * The enforcer: a per-node agent that maps processes to containers, learns what each container's group runs, and
 * reports or stops the rest (Discover, Monitor, Protect), with Linux facilities reached through
 * {@code java.lang.foreign}: the netlink process connector and fanotify permission events.
 */
package dev.bulwark.enforcer;
