package dev.bulwark.enforcer.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code O_PATH} descriptors taken one path component at a time, never through a symbolic link: for reading a
 * directory tree that another party controls, such as a container's root reached as {@code /proc/PID/root}. Each
 * name is looked up relative to its parent's descriptor ({@code openat2} with {@code O_NOFOLLOW} and
 * {@code RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS}), so a directory swapped for a link between two lookups redirects
 * nothing; a link is handed back as itself, for the caller to decide what its target means. Taking an
 * {@code O_PATH} descriptor opens nothing: no device driver is called and a FIFO never blocks, so the type can be
 * checked ({@link #id}) before the file is opened for reading through {@link PathHandle#reopenPath()}.
 *
 * <p>Not thread-safe: an instance belongs to one thread, like the {@link Libc} and the buffers it owns. Close every
 * handle, then this. A failed call throws {@link LinuxException} with errno ({@code ENOENT}, {@code ENOTDIR},
 * {@code EACCES}, {@code ENAMETOOLONG}).
 */
public final class PathHandles implements AutoCloseable {

    private static final boolean ARM64 = System.getProperty("os.arch").equals("aarch64");
    private static final long O_NOFOLLOW = ARM64 ? 0x8000 : 0x20000;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_NO_SYMLINKS = 0x04;
    private static final long RESOLVE_BENEATH = 0x08;
    private static final int PATH_MAX = 4096;
    private static final int ENOTDIR = 20;
    private static final int ENAMETOOLONG = 36;

    /** File names as the JDK decodes those it lists, so that a listed name is looked up by the same bytes. */
    private static final Charset NAMES = Charset.forName(
            Objects.requireNonNullElse(System.getProperty("sun.jnu.encoding"), "UTF-8"), Charset.defaultCharset());

    private final Arena arena = Arena.ofConfined();
    private final Libc libc = new Libc(arena);
    private final Statx statx = new Statx(arena, libc);
    private final MemorySegment how = arena.allocate(FileId.OPEN_HOW);
    private final MemorySegment path = arena.allocate(PATH_MAX);
    private final MemorySegment target = arena.allocate(PATH_MAX);
    private final MemorySegment empty = arena.allocateFrom("");

    /** A directory named by {@code dir}, resolved as any path is (following links: {@code /proc/PID/root} is one). */
    public PathHandle directory(Path dir) {
        int fd = open(Libc.AT_FDCWD, dir.toString(), FileId.O_PATH | FileId.O_CLOEXEC, 0);
        if (!statx.of(fd).directory()) {
            libc.close(fd);
            throw new LinuxException("openat2 " + dir, ENOTDIR);
        }
        return new PathHandle(this, fd);
    }

    /**
     * The entry {@code name} of the directory {@code dir}, not followed if it is a link.
     *
     * @param name one path component: not empty, no {@code /}, not {@code ..}; {@code .} is the directory itself
     */
    public PathHandle child(PathHandle dir, String name) {
        if (name.isEmpty() || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a name within a directory: \"" + name + "\"");
        }
        return new PathHandle(this, open(dir.fd(), name, FileId.O_PATH | O_NOFOLLOW | FileId.O_CLOEXEC,
                RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS));
    }

    /** What the handle's file is: type, size, change time. Never follows a link. */
    public FileId id(PathHandle handle) {
        return statx.of(handle.fd());
    }

    /** The target of the link {@code link} is a handle of, as written in it. */
    public String linkTarget(PathHandle link) {
        long length = libc.readlinkat(link.fd(), empty, target);
        if (length >= PATH_MAX) {
            throw new LinuxException("readlinkat", ENAMETOOLONG);
        }
        return new String(target.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), NAMES);
    }

    private int open(int dirFd, String name, long flags, long resolve) {
        byte[] bytes = name.getBytes(NAMES);
        if (bytes.length >= PATH_MAX) {
            throw new LinuxException("openat2", ENAMETOOLONG);
        }
        MemorySegment.copy(bytes, 0, path, ValueLayout.JAVA_BYTE, 0, bytes.length);
        path.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        how.fill((byte) 0);
        FileId.HOW_FLAGS.set(how, 0L, flags);
        FileId.HOW_RESOLVE.set(how, 0L, resolve);
        return libc.openat2(dirFd, path, how);
    }

    void close(int fd) {
        libc.close(fd);
    }

    /** Frees the buffers; handles still open stay open and must not be used. */
    @Override
    public void close() {
        arena.close();
    }
}
