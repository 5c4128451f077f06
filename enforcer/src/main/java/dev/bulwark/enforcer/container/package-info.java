/**
 * Container discovery: which container a process belongs to (from {@code /proc/PID/cgroup}, every runtime's cgroup
 * v1 and v2 path forms), what is known of it from the runtime's state on the node, and its NeuVector group name.
 * It reads files only; asking the runtimes' sockets (CRI, Docker API) is not done here. Start at
 * {@link dev.bulwark.enforcer.container.ContainerRegistry}; {@link dev.bulwark.enforcer.container.GroupNames} names
 * the learned group.
 */
package dev.bulwark.enforcer.container;
