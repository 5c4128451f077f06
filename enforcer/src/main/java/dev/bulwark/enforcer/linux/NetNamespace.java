package dev.bulwark.enforcer.linux;

import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * A network namespace, known by the inode of its nsfs file: two containers of one pod, which share a namespace,
 * give equal values, whatever path reached it. {@link #path()} is how {@link NamespaceThread} enters it again.
 */
public final class NetNamespace {

    private static final Path OWN = Path.of("/proc/self/ns/net");
    private static final NetNamespace HOST = at(OWN);

    private final long inode;
    private final Path path;

    private NetNamespace(long inode, Path path) {
        this.inode = inode;
        this.path = path;
    }

    /** The namespace of process {@code pid}; {@link NamespaceGoneException} when the process is gone. */
    public static NetNamespace ofPid(long pid) {
        return at(Path.of("/proc", Long.toString(pid), "ns", "net"));
    }

    /** The namespace a file names: {@code /proc/PID/ns/net}, or a bind mount such as {@code /run/netns/NAME}. */
    public static NetNamespace at(Path path) {
        return new NetNamespace(inodeOf(path), path);
    }

    /** The namespace the enforcer runs in: the host's. */
    public static NetNamespace host() {
        return HOST;
    }

    public boolean isHost() {
        return inode == HOST.inode;
    }

    public long inode() {
        return inode;
    }

    public Path path() {
        return path;
    }

    /** Whether {@link #path()} still names this namespace (its process or bind mount still there). */
    public boolean present() {
        try {
            return inodeOf(path) == inode;
        } catch (NamespaceGoneException e) {
            return false;
        }
    }

    private static long inodeOf(Path path) {
        try (Arena arena = Arena.ofConfined()) {
            return new Statx(arena, new Libc(arena)).at(Libc.AT_FDCWD, arena.allocateFrom(path.toString())).inode();
        } catch (LinuxException e) {
            throw NamespaceGoneException.orRethrow(path, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetNamespace n && n.inode == inode;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(inode);
    }

    @Override
    public String toString() {
        return "net:[" + inode + "] " + path;
    }
}
