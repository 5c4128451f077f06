package dev.bulwark.enforcer.linux;

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

    /** Same file, unchanged: everything but the mount it was reached through. */
    public boolean sameContent(FileId other) {
        return known() && device == other.device && inode == other.inode && size == other.size
                && changedNanos == other.changedNanos;
    }
}
