package dev.bulwark.enforcer.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A descriptor the kernel writes events to (a netlink socket, a fanotify group), read by one thread until closed.
 * Everything the reader passes to the kernel (the read buffer, the {@link Poller}, errno's capture) is allocated
 * once, with the channel: reading allocates no native memory. Closing from another thread only asks the reader to
 * stop: the reader releases the descriptor itself once its poll returns, so a descriptor number is never closed
 * under a thread still using it.
 */
abstract class KernelChannel implements AutoCloseable {

    private static final int BUFFER_SIZE = 64 * 1024;

    protected final int fd;
    protected final Arena arena = Arena.ofShared();
    /** The reader thread's own; whoever opens or releases the channel uses it before or after the reader. */
    protected final Libc libc = new Libc(arena);
    protected final MemorySegment buffer = arena.allocate(BUFFER_SIZE, 8);
    private final Poller poller = new Poller();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean open = true;
    private volatile boolean running;

    KernelChannel(int fd) {
        this.fd = fd;
    }

    /** Reads into {@link #buffer}; returns the bytes read, or -1 when there is nothing to handle this time. */
    protected abstract long receive();

    /** Handles the first {@code length} bytes of {@link #buffer}. */
    protected abstract void consume(long length);

    /** Runs before the descriptor is closed. */
    protected void beforeRelease() {
    }

    /** Reads and handles until {@link #close}; returns within {@code pollMillis} of it. */
    protected final void loop(int pollMillis) {
        running = true;
        try {
            while (open) {
                long n;
                try {
                    if (!poller.readable(fd, pollMillis)) {
                        continue;
                    }
                    n = receive();
                } catch (LinuxException e) {
                    if (e.errno() == Libc.EINTR || e.errno() == Libc.EAGAIN || !open) {
                        continue;
                    }
                    throw e;
                }
                if (n >= 0) {
                    consume(n);
                }
            }
        } finally {
            release();
        }
    }

    /** Stops the reading loop (which then releases the descriptor) or, when none runs, releases it now. */
    @Override
    public void close() {
        open = false;
        if (!running) {
            release();
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            beforeRelease();
            libc.close(fd);
            poller.close();
            arena.close();
        }
    }
}
