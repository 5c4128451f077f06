package dev.bulwark.enforcer.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the enforcer makes, bound once through {@code java.lang.foreign}. Each returns the call's
 * result; a failed call throws {@link LinuxException} with errno's name, read from the captured call state so that
 * no other native call can overwrite it first.
 */
public final class Libc {

    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ENOENT = 2;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle SEND = bind("send", FunctionDescriptor.of(LONG, INT, PTR, LONG, INT));
    private static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(LONG, INT, PTR, LONG, INT));
    private static final MethodHandle READ = bind("read", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt", FunctionDescriptor.of(INT, INT, INT, INT, PTR,
            INT));
    private static final MethodHandle FANOTIFY_INIT = bind("fanotify_init", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle FANOTIFY_MARK = bind("fanotify_mark", FunctionDescriptor.of(INT, INT, INT,
            LONG, INT, PTR));
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(INT, PTR, LONG, INT));
    private static final MethodHandle PIDFD_OPEN = bind("pidfd_open", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle PIDFD_SEND_SIGNAL = bind("pidfd_send_signal", FunctionDescriptor.of(INT, INT,
            INT, PTR, INT));
    private static final MethodHandle STATX = bind("statx", FunctionDescriptor.of(INT, INT, PTR, INT, INT, PTR));
    private static final MethodHandle SYSCALL_OPENAT2 = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall")
            .orElseThrow(), FunctionDescriptor.of(LONG, LONG, INT, PTR, PTR, LONG), Linker.Option.firstVariadicArg(1),
            CAPTURE);
    private static final MethodHandle GETPID = LINKER.downcallHandle(LINKER.defaultLookup().find("getpid")
            .orElseThrow(), FunctionDescriptor.of(INT));

    private Libc() {}

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, CAPTURE);
    }

    /** Runs one downcall with a fresh call-state buffer; a negative result becomes a {@link LinuxException}. */
    private static long call(String name, MethodHandle handle, Object... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            Object[] all = new Object[args.length + 1];
            all[0] = state;
            System.arraycopy(args, 0, all, 1, args.length);
            Object result = handle.invokeWithArguments(all);
            long value = result instanceof Integer i ? i : (Long) result;
            if (value < 0) {
                throw new LinuxException(name, (int) ERRNO.get(state, 0L));
            }
            return value;
        } catch (LinuxException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call " + name + " failed", t);
        }
    }

    public static int socket(int domain, int type, int protocol) {
        return (int) call("socket", SOCKET, domain, type, protocol);
    }

    public static void bind(int fd, MemorySegment address) {
        call("bind", BIND, fd, address, (int) address.byteSize());
    }

    public static long send(int fd, MemorySegment data) {
        return call("send", SEND, fd, data, data.byteSize(), 0);
    }

    public static long recv(int fd, MemorySegment buffer) {
        return call("recv", RECV, fd, buffer, buffer.byteSize(), 0);
    }

    public static long read(int fd, MemorySegment buffer) {
        return call("read", READ, fd, buffer, buffer.byteSize());
    }

    public static long write(int fd, MemorySegment data) {
        return call("write", WRITE, fd, data, data.byteSize());
    }

    public static void setsockopt(int fd, int level, int option, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(INT, value);
            call("setsockopt", SETSOCKOPT, fd, level, option, v, 4);
        }
    }

    /** Closes quietly: used on cleanup paths, where a failure has nothing left to undo. */
    public static void close(int fd) {
        if (fd >= 0) {
            try {
                call("close", CLOSE, fd);
            } catch (LinuxException ignored) {
                // the descriptor is gone either way
            }
        }
    }

    public static int fanotifyInit(int flags, int eventFlags) {
        return (int) call("fanotify_init", FANOTIFY_INIT, flags, eventFlags);
    }

    public static void fanotifyMark(int fd, int flags, long mask, int dirFd, String path) {
        try (Arena arena = Arena.ofConfined()) {
            call("fanotify_mark", FANOTIFY_MARK, fd, flags, mask, dirFd, arena.allocateFrom(path));
        }
    }

    /** Waits until {@code fd} is readable or the timeout passes; true when readable. */
    public static boolean pollIn(int fd, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(8);
            pfd.set(INT, 0, fd);
            pfd.set(ValueLayout.JAVA_SHORT, 4, (short) 1); // POLLIN
            try {
                return call("poll", POLL, pfd, 1L, timeoutMillis) > 0;
            } catch (LinuxException e) {
                if (e.errno() == EINTR) {
                    return false;
                }
                throw e;
            }
        }
    }

    /** A descriptor of process {@code pid} that keeps naming that very process, even once its pid is reused. */
    public static int pidfdOpen(int pid) {
        return (int) call("pidfd_open", PIDFD_OPEN, pid, 0);
    }

    /** Signals the process a pidfd names; fails with ESRCH when it has exited, whoever has its pid now. */
    public static void pidfdSendSignal(int pidfd, int signal) {
        call("pidfd_send_signal", PIDFD_SEND_SIGNAL, pidfd, signal, MemorySegment.NULL, 0);
    }

    private static final int AT_FDCWD = -100;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_WANTED = 0x7ff | 0x1000; // basic stats and the mount id
    private static final int STATX_SIZE = 256;

    /** What an open descriptor is ({@code statx} with {@code AT_EMPTY_PATH}): never resolves a path. */
    public static FileId statx(int fd) {
        return statx(fd, "", AT_EMPTY_PATH);
    }

    /** What a path is, following links: for {@code /proc/PID/exe}, the very file the process runs. */
    public static FileId statx(java.nio.file.Path path) {
        return statx(AT_FDCWD, path.toString(), 0);
    }

    private static FileId statx(int dirFd, String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(STATX_SIZE, 8);
            call("statx", STATX, dirFd, arena.allocateFrom(path), flags, STATX_WANTED, buffer);
            var i32 = ValueLayout.JAVA_INT_UNALIGNED;
            var i64 = ValueLayout.JAVA_LONG_UNALIGNED;
            int mode = Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, 28));
            long changed = buffer.get(i64, 96) * 1_000_000_000L + Integer.toUnsignedLong(buffer.get(i32, 104));
            boolean mountKnown = (buffer.get(i32, 0) & 0x1000) != 0;
            return new FileId(FileId.device(buffer.get(i32, 136), buffer.get(i32, 140)), buffer.get(i64, 32),
                    buffer.get(i64, 40), changed, mode, mountKnown ? buffer.get(i64, 144) : -1);
        }
    }

    private static final long SYS_OPENAT2 = 437; // the same number on every architecture
    private static final long O_PATH = 0x200000;
    private static final long O_CLOEXEC = 0x80000;
    private static final long RESOLVE_IN_ROOT = 0x10;

    /**
     * What {@code path} names inside the directory tree at {@code root}, resolved as if {@code root} were "/":
     * symbolic links and ".." never lead out of it ({@code openat2} with {@code RESOLVE_IN_ROOT}). For a
     * container's root ({@code /proc/PID/root}) that is what the container's own processes would reach.
     */
    public static FileId statxInRoot(java.nio.file.Path root, String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment how = arena.allocate(24, 8);
            how.set(ValueLayout.JAVA_LONG, 0, O_PATH | O_CLOEXEC);
            int rootFd = (int) call("openat2", SYSCALL_OPENAT2, SYS_OPENAT2, AT_FDCWD, arena.allocateFrom(
                    root.toString()), how, 24L);
            try {
                how.set(ValueLayout.JAVA_LONG, 16, RESOLVE_IN_ROOT);
                int fd = (int) call("openat2", SYSCALL_OPENAT2, SYS_OPENAT2, rootFd, arena.allocateFrom(path), how,
                        24L);
                try {
                    return statx(fd);
                } finally {
                    close(fd);
                }
            } finally {
                close(rootFd);
            }
        }
    }

    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
