package dev.bulwark.enforcer.linux;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * A fanotify group of class content: marks on mounts, and permission events that the kernel holds until they are
 * answered. Every permission event read is answered once, whatever the handler does (an exception or an error
 * from it means allow), and the kernel allows whatever is still waiting when the group is closed, so a fault in
 * the enforcer never leaves a process hanging.
 */
public final class Fanotify extends KernelChannel {

    // <linux/fanotify.h>: event masks
    public static final long FAN_CLOSE_WRITE = 0x8;
    public static final long FAN_OPEN_PERM = 0x10000;
    private static final long FAN_ACCESS_PERM = 0x20000;
    public static final long FAN_OPEN_EXEC_PERM = 0x40000;
    /** With a directory mark: the events of the files in it too. */
    public static final long FAN_EVENT_ON_CHILD = 0x08000000;
    private static final long PERMISSION_EVENTS = FAN_OPEN_PERM | FAN_ACCESS_PERM | FAN_OPEN_EXEC_PERM;

    // fanotify_init flags
    private static final int FAN_CLOEXEC = 0x1;
    private static final int FAN_CLASS_CONTENT = 0x4;
    private static final int FAN_UNLIMITED_QUEUE = 0x10;
    private static final int FAN_UNLIMITED_MARKS = 0x20;
    private static final int O_LARGEFILE = 0x8000;
    private static final int O_CLOEXEC = 0x80000;

    // fanotify_mark flags
    private static final int FAN_MARK_ADD = 0x1;
    private static final int FAN_MARK_DONT_FOLLOW = 0x4;
    private static final int FAN_MARK_MOUNT = 0x10;
    private static final int FAN_MARK_FILESYSTEM = 0x100;

    private static final int FAN_ALLOW = 0x1;
    private static final int FAN_DENY = 0x2;

    private static final StructLayout EVENT_METADATA = MemoryLayout.structLayout(
            JAVA_INT.withName("event_len"),
            JAVA_BYTE.withName("vers"),
            JAVA_BYTE.withName("reserved"),
            JAVA_SHORT.withName("metadata_len"),
            JAVA_LONG.withName("mask"),
            JAVA_INT.withName("fd"),
            JAVA_INT.withName("pid")).withName("fanotify_event_metadata");
    private static final VarHandle EVENT_LEN = EVENT_METADATA.varHandle(groupElement("event_len"));
    private static final VarHandle EVENT_MASK = EVENT_METADATA.varHandle(groupElement("mask"));
    private static final VarHandle EVENT_FD = EVENT_METADATA.varHandle(groupElement("fd"));
    private static final VarHandle EVENT_PID = EVENT_METADATA.varHandle(groupElement("pid"));

    private static final StructLayout RESPONSE = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            JAVA_INT.withName("response")).withName("fanotify_response");
    private static final VarHandle RESPONSE_FD = RESPONSE.varHandle(groupElement("fd"));
    private static final VarHandle RESPONSE_ANSWER = RESPONSE.varHandle(groupElement("response"));

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

    private final MemorySegment response = arena.allocate(RESPONSE);
    private final EventFile eventFile = new EventFile(arena, libc);
    private final int self = (int) ProcessHandle.current().pid();
    private Handler handler = e -> true;

    private Fanotify(int fd) {
        super(fd);
    }

    /** A new group that may receive permission events. Needs CAP_SYS_ADMIN. */
    public static Fanotify open() {
        try (Arena arena = Arena.ofConfined()) {
            return new Fanotify(new Libc(arena).fanotifyInit(FAN_CLOEXEC | FAN_CLASS_CONTENT | FAN_UNLIMITED_QUEUE
                    | FAN_UNLIMITED_MARKS, O_LARGEFILE | O_CLOEXEC));
        }
    }

    /**
     * Marks the mount that {@code path} is on for the events in {@code mask}. Given {@code /proc/PID/root/}, that
     * is the root mount of PID's mount namespace: a container's own root, not the host's.
     */
    public void markMount(Path path, long mask) {
        mark(FAN_MARK_ADD | FAN_MARK_MOUNT, mask, path);
    }

    /**
     * Marks the whole file system {@code path} is on: every mount of it, including the copies a new mount namespace
     * makes and bind mounts made later, which a mount mark would miss.
     */
    public void markFilesystem(Path path, long mask) {
        mark(FAN_MARK_ADD | FAN_MARK_FILESYSTEM, mask, path);
    }

    /** Marks one directory or file (its inode), not following a symbolic link at its end. */
    public void markPath(Path path, long mask) {
        mark(FAN_MARK_ADD | FAN_MARK_DONT_FOLLOW, mask, path);
    }

    /**
     * Marks from any thread, while the reader runs: a confined arena of the call's own holds the path and errno.
     * Marks are made once per container or file system, never per event.
     */
    private void mark(int flags, long mask, Path path) {
        try (Arena call = Arena.ofConfined()) {
            new Libc(call).fanotifyMark(fd, flags, mask, Libc.AT_FDCWD, call.allocateFrom(path.toString()));
        }
    }

    /** Reads and handles events until {@link #close}; answers every permission event it reads. */
    public void run(Handler eventHandler, int pollMillis) {
        this.handler = eventHandler;
        loop(pollMillis);
    }

    @Override
    protected long receive() {
        return libc.read(fd, buffer);
    }

    @Override
    protected void consume(long length) {
        long offset = 0;
        while (offset + EVENT_METADATA.byteSize() <= length) {
            int eventLength = (int) EVENT_LEN.get(buffer, offset);
            if (eventLength < EVENT_METADATA.byteSize() || offset + eventLength > length) {
                return;
            }
            int eventFd = (int) EVENT_FD.get(buffer, offset);
            if (eventFd >= 0) { // FAN_NOFD: a queue overflow, which carries no file
                handleOne((long) EVENT_MASK.get(buffer, offset), eventFd, (int) EVENT_PID.get(buffer, offset));
            }
            offset += eventLength;
        }
    }

    /**
     * Decides and answers one event. The enforcer's own file accesses are allowed without asking the handler
     * (it could otherwise wait on itself), and whatever the handler throws, errors included, means allow.
     */
    private void handleOne(long mask, int eventFd, int pid) {
        boolean allow = true;
        try {
            if (pid != self) {
                allow = handler.allow(new Event(mask, pid, eventFile.path(eventFd), eventFile.id(eventFd)));
            }
        } catch (Throwable t) {
            allow = true;
        }
        try {
            if ((mask & PERMISSION_EVENTS) != 0) {
                answer(eventFd, allow);
            }
        } finally {
            libc.close(eventFd);
        }
    }

    private void answer(int eventFd, boolean allow) {
        RESPONSE_FD.set(response, 0L, eventFd);
        RESPONSE_ANSWER.set(response, 0L, allow ? FAN_ALLOW : FAN_DENY);
        libc.write(fd, response);
    }
}
