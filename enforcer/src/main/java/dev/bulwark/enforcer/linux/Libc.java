package dev.bulwark.enforcer.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls the enforcer makes. Each function is bound once to a typed handle called with {@code invokeExact}:
 * no boxing, no argument array, no memory allocated by the call. errno is captured by the call itself
 * ({@code captureCallState}) into this object's own segment, so a {@code Libc} belongs to one thread at a time: a
 * reader thread keeps one for good, an occasional caller makes one in its own confined arena. A failed call throws
 * {@link LinuxException} with errno.
 */
final class Libc {

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int ENOBUFS = 105;

    /** {@code dirfd} meaning the working directory. */
    static final int AT_FDCWD = -100;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS,
            JAVA_INT));
    private static final MethodHandle SEND = bind("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT,
            JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG));
    private static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG));
    /** {@code openat} is variadic after the flags (the mode, read only when creating): one is always passed. */
    private static final MethodHandle OPENAT = LINKER.downcallHandle(symbol("openat"), FunctionDescriptor.of(
            JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3), CAPTURE_ERRNO);
    private static final MethodHandle SETNS = bind("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG,
            JAVA_INT));
    private static final MethodHandle READLINK = bind("readlink", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS,
            JAVA_LONG));
    private static final MethodHandle READLINKAT = bind("readlinkat", FunctionDescriptor.of(JAVA_LONG, JAVA_INT,
            ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle FANOTIFY_INIT = bind("fanotify_init", FunctionDescriptor.of(JAVA_INT,
            JAVA_INT, JAVA_INT));
    private static final MethodHandle FANOTIFY_MARK = bind("fanotify_mark", FunctionDescriptor.of(JAVA_INT,
            JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS));
    private static final MethodHandle PIDFD_OPEN = bind("pidfd_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT,
            JAVA_INT));
    private static final MethodHandle PIDFD_SEND_SIGNAL = bind("pidfd_send_signal", FunctionDescriptor.of(JAVA_INT,
            JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle STATX = bind("statx", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS,
            JAVA_INT, JAVA_INT, ADDRESS));
    /** glibc has no openat2 wrapper: {@code syscall(SYS_openat2, ...)}, variadic after the number. */
    private static final MethodHandle OPENAT2 = LINKER.downcallHandle(symbol("syscall"), FunctionDescriptor.of(
            JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG), Linker.Option.firstVariadicArg(1),
            CAPTURE_ERRNO);
    private static final long SYS_OPENAT2 = 437; // the same number on every architecture

    private final MemorySegment callState;

    /** A caller's own binding, its errno capture allocated in {@code arena}. */
    Libc(Arena arena) {
        callState = arena.allocate(CALL_STATE);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
    }

    int socket(int domain, int type, int protocol) {
        try {
            return check("socket", (int) SOCKET.invokeExact(callState, domain, type, protocol));
        } catch (Throwable t) {
            throw rethrow("socket", t);
        }
    }

    void bind(int fd, MemorySegment address) {
        try {
            check("bind", (int) BIND.invokeExact(callState, fd, address, (int) address.byteSize()));
        } catch (Throwable t) {
            throw rethrow("bind", t);
        }
    }

    long send(int fd, MemorySegment data) {
        try {
            return check("send", (long) SEND.invokeExact(callState, fd, data, data.byteSize(), 0));
        } catch (Throwable t) {
            throw rethrow("send", t);
        }
    }

    long recv(int fd, MemorySegment buffer) {
        try {
            return check("recv", (long) RECV.invokeExact(callState, fd, buffer, buffer.byteSize(), 0));
        } catch (Throwable t) {
            throw rethrow("recv", t);
        }
    }

    void setsockopt(int fd, int level, int option, MemorySegment value) {
        try {
            check("setsockopt", (int) SETSOCKOPT.invokeExact(callState, fd, level, option, value,
                    (int) value.byteSize()));
        } catch (Throwable t) {
            throw rethrow("setsockopt", t);
        }
    }

    long read(int fd, MemorySegment buffer) {
        try {
            return check("read", (long) READ.invokeExact(callState, fd, buffer, buffer.byteSize()));
        } catch (Throwable t) {
            throw rethrow("read", t);
        }
    }

    long write(int fd, MemorySegment data) {
        try {
            return check("write", (long) WRITE.invokeExact(callState, fd, data, data.byteSize()));
        } catch (Throwable t) {
            throw rethrow("write", t);
        }
    }

    /** {@code openat(2)} without creating: the new descriptor. */
    int openat(int dirFd, MemorySegment path, int flags) {
        try {
            return check("openat", (int) OPENAT.invokeExact(callState, dirFd, path, flags, 0));
        } catch (Throwable t) {
            throw rethrow("openat", t);
        }
    }

    /** {@code setns(2)}: moves the calling thread into the namespace {@code fd} refers to. */
    void setns(int fd, int namespaceType) {
        try {
            check("setns", (int) SETNS.invokeExact(callState, fd, namespaceType));
        } catch (Throwable t) {
            throw rethrow("setns", t);
        }
    }

    /** Closes quietly: used on cleanup paths, where a failure has nothing left to undo. */
    void close(int fd) {
        if (fd >= 0) {
            try {
                int _ = (int) CLOSE.invokeExact(callState, fd);
            } catch (Throwable t) {
                throw rethrow("close", t);
            }
        }
    }

    /** {@code poll(2)} on {@code count} {@code struct pollfd}s: how many are ready, 0 on timeout. */
    int poll(MemorySegment fds, long count, int timeoutMillis) {
        try {
            return check("poll", (int) POLL.invokeExact(callState, fds, count, timeoutMillis));
        } catch (Throwable t) {
            throw rethrow("poll", t);
        }
    }

    /** The link's target bytes put in {@code target} (not NUL-terminated): their count. */
    long readlink(MemorySegment path, MemorySegment target) {
        try {
            return check("readlink", (long) READLINK.invokeExact(callState, path, target, target.byteSize()));
        } catch (Throwable t) {
            throw rethrow("readlink", t);
        }
    }

    /** {@code readlinkat(2)}: the target bytes of the link {@code path} names relative to {@code dirFd}; their count. */
    long readlinkat(int dirFd, MemorySegment path, MemorySegment target) {
        try {
            return check("readlinkat", (long) READLINKAT.invokeExact(callState, dirFd, path, target,
                    target.byteSize()));
        } catch (Throwable t) {
            throw rethrow("readlinkat", t);
        }
    }

    int fanotifyInit(int flags, int eventFlags) {
        try {
            return check("fanotify_init", (int) FANOTIFY_INIT.invokeExact(callState, flags, eventFlags));
        } catch (Throwable t) {
            throw rethrow("fanotify_init", t);
        }
    }

    void fanotifyMark(int fd, int flags, long mask, int dirFd, MemorySegment path) {
        try {
            check("fanotify_mark", (int) FANOTIFY_MARK.invokeExact(callState, fd, flags, mask, dirFd, path));
        } catch (Throwable t) {
            throw rethrow("fanotify_mark", t);
        }
    }

    int pidfdOpen(int pid) {
        try {
            return check("pidfd_open", (int) PIDFD_OPEN.invokeExact(callState, pid, 0));
        } catch (Throwable t) {
            throw rethrow("pidfd_open", t);
        }
    }

    void pidfdSendSignal(int pidfd, int signal) {
        try {
            check("pidfd_send_signal", (int) PIDFD_SEND_SIGNAL.invokeExact(callState, pidfd, signal,
                    MemorySegment.NULL, 0));
        } catch (Throwable t) {
            throw rethrow("pidfd_send_signal", t);
        }
    }

    void statx(int dirFd, MemorySegment path, int flags, int mask, MemorySegment statx) {
        try {
            check("statx", (int) STATX.invokeExact(callState, dirFd, path, flags, mask, statx));
        } catch (Throwable t) {
            throw rethrow("statx", t);
        }
    }

    /** {@code openat2(2)} with a {@code struct open_how}: the new descriptor. */
    int openat2(int dirFd, MemorySegment path, MemorySegment how) {
        try {
            return (int) check("openat2", (long) OPENAT2.invokeExact(callState, SYS_OPENAT2, dirFd, path, how,
                    how.byteSize()));
        } catch (Throwable t) {
            throw rethrow("openat2", t);
        }
    }

    private int check(String call, int result) {
        if (result < 0) {
            throw new LinuxException(call, (int) ERRNO.get(callState, 0L));
        }
        return result;
    }

    private long check(String call, long result) {
        if (result < 0) {
            throw new LinuxException(call, (int) ERRNO.get(callState, 0L));
        }
        return result;
    }

    /** What a downcall threw: our own {@link LinuxException} or an unchecked throwable as it is. */
    private static RuntimeException rethrow(String call, Throwable t) {
        return switch (t) {
            case RuntimeException e -> e;
            case Error e -> throw e;
            default -> new IllegalStateException("native call " + call + " failed", t);
        };
    }
}
