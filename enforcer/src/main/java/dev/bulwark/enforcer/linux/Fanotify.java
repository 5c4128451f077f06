package dev.bulwark.enforcer.linux;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fanotify group of class content: marks on mounts, and permission events that the kernel holds until they are
 * answered. Every permission event read is answered once, whatever the handler does (an exception or an error
 * from it means allow), and the kernel allows whatever is still waiting when the group is closed, so a fault in
 * the enforcer never leaves a process hanging.
 */
public final class Fanotify extends KernelChannel {

    public static final long FAN_OPEN_EXEC_PERM = 0x40000;
    public static final long FAN_OPEN_PERM = 0x10000;
    public static final long FAN_CLOSE_WRITE = 0x8;
    /** With a directory mark: the events of the files in it too. */
    public static final long FAN_EVENT_ON_CHILD = 0x08000000;

    private static final int FAN_CLOEXEC = 0x1;
    private static final int FAN_CLASS_CONTENT = 0x4;
    private static final int FAN_UNLIMITED_QUEUE = 0x10;
    private static final int FAN_UNLIMITED_MARKS = 0x20;
    private static final int O_LARGEFILE = 0x8000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int FAN_MARK_ADD = 0x1;
    private static final int FAN_MARK_DONT_FOLLOW = 0x4;
    private static final int FAN_MARK_MOUNT = 0x10;
    private static final int FAN_MARK_FILESYSTEM = 0x100;
    private static final int AT_FDCWD = -100;
    private static final int FAN_ALLOW = 0x1;
    private static final int FAN_DENY = 0x2;
    private static final long PERMISSION_EVENTS = FAN_OPEN_EXEC_PERM | FAN_OPEN_PERM | 0x20000;
    private static final int METADATA_LENGTH = 24;

    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    /**
     * A fanotify event: what happened ({@code mask}), by which process, to which file: its name (as the process's
     * mount namespace names it, for rules and reports) and what the event's own descriptor is (for every decision
     * about the file itself: a name resolved again may by then name another file). The mount it is on tells whose
     * file a notification was about, as its writer may be gone when the event is read.
     */
    public record Event(long mask, int pid, Path path, FileId file) {

        public int mountId() {
            return (int) file.mountId();
        }

        public boolean isPermission() {
            return (mask & PERMISSION_EVENTS) != 0;
        }
    }

    /** Decides a permission event: true allows it. Notification events are passed too; their answer is unused. */
    @FunctionalInterface
    public interface Handler {
        boolean allow(Event event);
    }

    private final MemorySegment response = arena.allocate(8, 4);
    private final int self = Libc.getpid();
    private Handler handler = e -> true;

    private Fanotify(int fd) {
        super(fd);
    }

    /** A new group that may receive permission events. Needs CAP_SYS_ADMIN. */
    public static Fanotify open() {
        return new Fanotify(Libc.fanotifyInit(FAN_CLOEXEC | FAN_CLASS_CONTENT | FAN_UNLIMITED_QUEUE
                | FAN_UNLIMITED_MARKS, O_LARGEFILE | O_CLOEXEC));
    }

    /**
     * Marks the mount that {@code path} is on for the events in {@code mask}. Given {@code /proc/PID/root/}, that
     * is the root mount of PID's mount namespace: a container's own root, not the host's.
     */
    public void markMount(Path path, long mask) {
        Libc.fanotifyMark(fd, FAN_MARK_ADD | FAN_MARK_MOUNT, mask, AT_FDCWD, path.toString());
    }

    /**
     * Marks the whole file system {@code path} is on: every mount of it, including the copies a new mount namespace
     * makes and bind mounts made later, which a mount mark would miss.
     */
    public void markFilesystem(Path path, long mask) {
        Libc.fanotifyMark(fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM, mask, AT_FDCWD, path.toString());
    }

    /** Marks one directory or file (its inode), not following a symbolic link at its end. */
    public void markPath(Path path, long mask) {
        Libc.fanotifyMark(fd, FAN_MARK_ADD | FAN_MARK_DONT_FOLLOW, mask, AT_FDCWD, path.toString());
    }

    /** Reads and handles events until {@link #close}; answers every permission event it reads. */
    public void run(Handler eventHandler, int pollMillis) {
        this.handler = eventHandler;
        loop(pollMillis);
    }

    @Override
    protected long receive() {
        return Libc.read(fd, buffer);
    }

    @Override
    protected void consume(long length) {
        handleAll(length, handler);
    }

    private void handleAll(long length, Handler handler) {
        long offset = 0;
        while (offset + METADATA_LENGTH <= length) {
            int eventLength = buffer.get(I32, offset);
            if (eventLength < METADATA_LENGTH || offset + eventLength > length) {
                return;
            }
            long mask = buffer.get(I64, offset + 8);
            int eventFd = buffer.get(I32, offset + 16);
            int pid = buffer.get(I32, offset + 20);
            if (eventFd >= 0) {
                handleOne(mask, eventFd, pid, handler);
            }
            offset += eventLength;
        }
    }

    /**
     * Decides and answers one event. The enforcer's own file accesses are allowed without asking the handler
     * (it could otherwise wait on itself), and whatever the handler throws, errors included, means allow.
     */
    private void handleOne(long mask, int eventFd, int pid, Handler handler) {
        boolean permission = (mask & PERMISSION_EVENTS) != 0;
        boolean allow = true;
        try {
            if (pid != self) {
                allow = handler.allow(new Event(mask, pid, pathOf(eventFd), fileOf(eventFd)));
            }
        } catch (Throwable t) {
            allow = true;
        }
        try {
            if (permission) {
                answer(eventFd, allow);
            }
        } finally {
            Libc.close(eventFd);
        }
    }

    private void answer(int eventFd, boolean allow) {
        response.set(I32, 0, eventFd);
        response.set(I32, 4, allow ? FAN_ALLOW : FAN_DENY);
        Libc.write(fd, response);
    }

    private static FileId fileOf(int eventFd) {
        try {
            return Libc.statx(eventFd);
        } catch (LinuxException e) {
            return FileId.UNKNOWN;
        }
    }

    private static Path pathOf(int eventFd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + eventFd));
        } catch (IOException e) {
            return Path.of("");
        }
    }
}
