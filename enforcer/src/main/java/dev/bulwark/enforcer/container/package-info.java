/**
 * Container discovery: which container a process belongs to (from {@code /proc/PID/cgroup}, every runtime's cgroup
 * v1 and v2 path forms), what is known of it from the runtime's state on the node, and its NeuVector group name.
 * It reads the runtimes' files, and asks a Kubernetes runtime's CRI socket for what only the runtime knows (the
 * pod's labels); Docker's API socket is not asked, its records on disk say the same. Start at
 * {@link dev.bulwark.enforcer.container.ContainerRegistry}; {@link dev.bulwark.enforcer.container.GroupNames} names
 * the learned group.
 */
package dev.bulwark.enforcer.container;
