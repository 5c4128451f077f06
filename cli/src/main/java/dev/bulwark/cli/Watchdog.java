package dev.bulwark.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Ends the process when a scan outlives its {@code --timeout} by a grace period. The readers check the deadline
 * themselves and fail with a message naming what they were doing; this is for what cannot check it (a blocked
 * native call, a read that never returns). Exiting runs the shutdown hooks, so temporary files go too.
 */
final class Watchdog implements AutoCloseable {

    static final Duration GRACE = Duration.ofSeconds(5);

    private final Thread thread;

    private Watchdog(Thread thread) {
        this.thread = thread;
    }

    /** Starts watching; closing stops it, once the scan is over. */
    static Watchdog start(Duration timeout, String source, PrintWriter err) {
        return new Watchdog(Thread.ofPlatform().daemon().name("scan watchdog").start(() -> {
            try {
                Thread.sleep(timeout.plus(GRACE));
            } catch (InterruptedException e) {
                return;
            }
            err.printf("bulwark: the scan of %s took longer than its %d s (raise --timeout)%n", source,
                    timeout.toSeconds());
            err.flush();
            System.exit(ExitCodes.INVALID_INPUT);
        }));
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
