package dev.bulwark.enforcer.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What the descriptor of a fanotify event is: the file ({@code statx}) and the name the process's mount namespace
 * gives it (the {@code /proc/self/fd} link), read into buffers allocated once with the reader that owns this.
 */
final class EventFile {

    private static final byte[] FD_DIRECTORY = "/proc/self/fd/".getBytes(StandardCharsets.US_ASCII);
    /** A descriptor number in decimal, and the NUL. */
    private static final int MAX_DIGITS = 11;
    /** The kernel writes a descriptor's link into one page at most. */
    private static final int MAX_LINK = 4096;

    private final Libc libc;
    private final Statx statx;
    private final MemorySegment linkName;
    private final MemorySegment link;
    private final byte[] linkBytes = new byte[MAX_LINK];

    EventFile(Arena arena, Libc libc) {
        this.libc = libc;
        statx = new Statx(arena, libc);
        linkName = arena.allocate(FD_DIRECTORY.length + MAX_DIGITS);
        MemorySegment.copy(FD_DIRECTORY, 0, linkName, ValueLayout.JAVA_BYTE, 0, FD_DIRECTORY.length);
        link = arena.allocate(MAX_LINK);
    }

    /** The file itself; {@link FileId#UNKNOWN} when it cannot be examined. */
    FileId id(int fd) {
        try {
            return statx.of(fd);
        } catch (LinuxException e) {
            return FileId.UNKNOWN;
        }
    }

    /** Its path; empty when the link cannot be read. */
    Path path(int fd) {
        writeLinkName(fd);
        long length;
        try {
            length = libc.readlink(linkName, link);
        } catch (LinuxException e) {
            return Path.of("");
        }
        MemorySegment.copy(link, ValueLayout.JAVA_BYTE, 0, linkBytes, 0, (int) length);
        return Path.of(new String(linkBytes, 0, (int) length, StandardCharsets.UTF_8));
    }

    /** {@code /proc/self/fd/FD} and a NUL, without making a string. */
    private void writeLinkName(int fd) {
        int digits = 1;
        for (int n = fd / 10; n > 0; n /= 10) {
            digits++;
        }
        for (int i = digits - 1, n = fd; i >= 0; i--, n /= 10) {
            linkName.set(ValueLayout.JAVA_BYTE, FD_DIRECTORY.length + i, (byte) ('0' + n % 10));
        }
        linkName.set(ValueLayout.JAVA_BYTE, FD_DIRECTORY.length + digits, (byte) 0);
    }
}
