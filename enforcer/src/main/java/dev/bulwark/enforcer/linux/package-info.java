/**
 * The Linux facilities the enforcer uses, reached through {@code java.lang.foreign} and nowhere else: fanotify
 * ({@link dev.bulwark.enforcer.linux.Fanotify}), the netlink process connector
 * ({@link dev.bulwark.enforcer.linux.ProcConnector}), netlink sockets of any protocol and a poller over many
 * ({@link dev.bulwark.enforcer.linux.NetlinkSocket}, {@link dev.bulwark.enforcer.linux.Poller}), network namespaces
 * and a thread that works inside them ({@link dev.bulwark.enforcer.linux.NetNamespace},
 * {@link dev.bulwark.enforcer.linux.NamespaceThread}), {@code statx} and {@code openat2}
 * ({@link dev.bulwark.enforcer.linux.FileId}), {@code O_PATH} descriptors taken without following links
 * ({@link dev.bulwark.enforcer.linux.PathHandles}), pidfds and mountinfo. It knows nothing of policy, processes or
 * containers. Start at {@code Libc}, the package-private bindings, and {@code KernelChannel}, the reader loop.
 */
package dev.bulwark.enforcer.linux;
