package dev.bulwark.enforcer.linux;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * {@code statx(2)} into a buffer of its own, read as a {@link FileId}. One per thread, like its {@link Libc}: the
 * fanotify reader keeps one for the descriptor of every event, so that examining the file allocates nothing native.
 */
final class Statx {

    private static final StructLayout TIMESTAMP = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_INT.withName("tv_nsec"),
            JAVA_INT.withName("__reserved"));

    /** {@code struct statx} of {@code <linux/stat.h>}, up to the mount id; the rest is spare. */
    private static final StructLayout STATX = MemoryLayout.structLayout(
            JAVA_INT.withName("stx_mask"),
            JAVA_INT.withName("stx_blksize"),
            JAVA_LONG.withName("stx_attributes"),
            JAVA_INT.withName("stx_nlink"),
            JAVA_INT.withName("stx_uid"),
            JAVA_INT.withName("stx_gid"),
            JAVA_SHORT.withName("stx_mode"),
            MemoryLayout.paddingLayout(2),
            JAVA_LONG.withName("stx_ino"),
            JAVA_LONG.withName("stx_size"),
            JAVA_LONG.withName("stx_blocks"),
            JAVA_LONG.withName("stx_attributes_mask"),
            TIMESTAMP.withName("stx_atime"),
            TIMESTAMP.withName("stx_btime"),
            TIMESTAMP.withName("stx_ctime"),
            TIMESTAMP.withName("stx_mtime"),
            JAVA_INT.withName("stx_rdev_major"),
            JAVA_INT.withName("stx_rdev_minor"),
            JAVA_INT.withName("stx_dev_major"),
            JAVA_INT.withName("stx_dev_minor"),
            JAVA_LONG.withName("stx_mnt_id"),
            MemoryLayout.paddingLayout(104)).withName("statx");

    private static final VarHandle MASK = field("stx_mask");
    private static final VarHandle MODE = field("stx_mode");
    private static final VarHandle INODE = field("stx_ino");
    private static final VarHandle SIZE = field("stx_size");
    private static final VarHandle CTIME_SEC = STATX.varHandle(groupElement("stx_ctime"), groupElement("tv_sec"));
    private static final VarHandle CTIME_NSEC = STATX.varHandle(groupElement("stx_ctime"), groupElement("tv_nsec"));
    private static final VarHandle DEV_MAJOR = field("stx_dev_major");
    private static final VarHandle DEV_MINOR = field("stx_dev_minor");
    private static final VarHandle MOUNT_ID = field("stx_mnt_id");

    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_MNT_ID = 0x1000;
    private static final int AT_EMPTY_PATH = 0x1000;

    private final Libc libc;
    private final MemorySegment buffer;
    private final MemorySegment emptyPath;

    Statx(Arena arena, Libc libc) {
        this.libc = libc;
        buffer = arena.allocate(STATX);
        emptyPath = arena.allocateFrom("");
    }

    private static VarHandle field(String name) {
        return STATX.varHandle(groupElement(name));
    }

    /** What an open descriptor is ({@code AT_EMPTY_PATH}): never resolves a path. */
    FileId of(int fd) {
        return at(fd, emptyPath, AT_EMPTY_PATH);
    }

    /** What {@code path} is, relative to {@code dirFd}, following links. */
    FileId at(int dirFd, MemorySegment path) {
        return at(dirFd, path, 0);
    }

    private FileId at(int dirFd, MemorySegment path, int flags) {
        libc.statx(dirFd, path, flags, STATX_BASIC_STATS | STATX_MNT_ID, buffer);
        long changed = (long) CTIME_SEC.get(buffer, 0L) * 1_000_000_000L
                + Integer.toUnsignedLong((int) CTIME_NSEC.get(buffer, 0L));
        boolean mountKnown = ((int) MASK.get(buffer, 0L) & STATX_MNT_ID) != 0;
        return new FileId(FileId.device((int) DEV_MAJOR.get(buffer, 0L), (int) DEV_MINOR.get(buffer, 0L)),
                (long) INODE.get(buffer, 0L), (long) SIZE.get(buffer, 0L), changed,
                Short.toUnsignedInt((short) MODE.get(buffer, 0L)), mountKnown ? (long) MOUNT_ID.get(buffer, 0L) : -1);
    }
}
