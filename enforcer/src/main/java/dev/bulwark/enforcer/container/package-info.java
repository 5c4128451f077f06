/**
 * Container discovery: which container a process belongs to (from {@code /proc/PID/cgroup}, every runtime's cgroup
 * v1 and v2 path forms), what is known of it from the runtime's state on the node, and its NeuVector group name.
 */
package dev.bulwark.enforcer.container;
