package dev.bulwark.enforcer.linux;

import java.lang.foreign.Arena;

/**
 * A descriptor of one process ({@code pidfd_open}) that keeps naming that very process even once its pid is
 * reused: a signal sent through it reaches that process or fails. Used by one thread; close it.
 */
public final class Pidfd implements AutoCloseable {

    private static final int SIGKILL = 9;

    private final Arena arena = Arena.ofConfined();
    private final Libc libc = new Libc(arena);
    private final int fd;

    private Pidfd(int pid) {
        try {
            fd = libc.pidfdOpen(pid);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Pins process {@code pid}; throws {@link LinuxException} (ESRCH) when there is none. */
    public static Pidfd open(int pid) {
        return new Pidfd(pid);
    }

    /** Kills the process; throws {@link LinuxException} (ESRCH) when it has exited, whoever has its pid now. */
    public void kill() {
        libc.pidfdSendSignal(fd, SIGKILL);
    }

    @Override
    public void close() {
        libc.close(fd);
        arena.close();
    }
}
