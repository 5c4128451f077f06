package dev.bulwark.enforcer.linux;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * Which file an open descriptor or a path is, and whether it changed: its file system ({@code st_dev} in glibc's
 * encoding, as Java's {@code unix:dev} gives it), inode, size and change time. The change time, not the
 * modification time, since no writer can set it back; a file put in place by a rename has another inode.
 *
 * @param mode the type and permission bits
 * @param mountId the id of the mount it was reached through (as in {@code mountinfo}), -1 when unknown
 */
public record FileId(long device, long inode, long size, long changedNanos, int mode, long mountId) {

    /** What is known of a file that could not be examined: it matches nothing. */
    public static final FileId UNKNOWN = new FileId(-1, -1, -1, -1, 0, -1);

    private static final int S_IFMT = 0xF000;
    private static final int S_IFREG = 0x8000;
    private static final int S_IFDIR = 0x4000;
    private static final int S_IFLNK = 0xA000;

    /** {@code struct open_how} of {@code <linux/openat2.h>}. */
    static final StructLayout OPEN_HOW = MemoryLayout.structLayout(
            JAVA_LONG.withName("flags"),
            JAVA_LONG.withName("mode"),
            JAVA_LONG.withName("resolve")).withName("open_how");
    static final VarHandle HOW_FLAGS = OPEN_HOW.varHandle(groupElement("flags"));
    static final VarHandle HOW_RESOLVE = OPEN_HOW.varHandle(groupElement("resolve"));
    static final long O_PATH = 0x200000;
    static final long O_CLOEXEC = 0x80000;
    private static final long RESOLVE_IN_ROOT = 0x10;

    /** What a path is, following links: for {@code /proc/PID/exe}, the very file the process runs. */
    public static FileId of(Path path) {
        try (Arena arena = Arena.ofConfined()) {
            Libc libc = new Libc(arena);
            return new Statx(arena, libc).at(Libc.AT_FDCWD, arena.allocateFrom(path.toString()));
        }
    }

    /**
     * What {@code path} names inside the directory tree at {@code root}, resolved as if {@code root} were "/":
     * symbolic links and ".." never lead out of it ({@code openat2} with {@code RESOLVE_IN_ROOT}). For a
     * container's root ({@code /proc/PID/root}) that is what the container's own processes would reach.
     */
    public static FileId inRoot(Path root, String path) {
        try (Arena arena = Arena.ofConfined()) {
            Libc libc = new Libc(arena);
            MemorySegment how = arena.allocate(OPEN_HOW);
            HOW_FLAGS.set(how, 0L, O_PATH | O_CLOEXEC);
            int rootFd = libc.openat2(Libc.AT_FDCWD, arena.allocateFrom(root.toString()), how);
            try {
                HOW_RESOLVE.set(how, 0L, RESOLVE_IN_ROOT);
                int fd = libc.openat2(rootFd, arena.allocateFrom(path), how);
                try {
                    return new Statx(arena, libc).of(fd);
                } finally {
                    libc.close(fd);
                }
            } finally {
                libc.close(rootFd);
            }
        }
    }

    /** glibc's {@code makedev}: how {@code stat} encodes a device from its major and minor numbers. */
    static long device(int major, int minor) {
        long maj = Integer.toUnsignedLong(major);
        long min = Integer.toUnsignedLong(minor);
        return (maj & 0xfffff000L) << 32 | (maj & 0xfffL) << 8 | (min & 0xffffff00L) << 12 | min & 0xffL;
    }

    public boolean known() {
        return inode >= 0;
    }

    public boolean regularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public boolean directory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean symbolicLink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** Same file, unchanged: everything but the mount it was reached through. */
    public boolean sameContent(FileId other) {
        return known() && device == other.device && inode == other.inode && size == other.size
                && changedNanos == other.changedNanos;
    }
}
