package dev.bulwark.scanner.budget;

import dev.bulwark.core.error.InvalidInputException;
import java.time.Duration;

/** The wall-time limit of one scan, checked by the readers between units of work. Thread-safe. */
public final class Deadline {

    private final long endNanos;
    private final Duration timeout;

    private Deadline(long endNanos, Duration timeout) {
        this.endNanos = endNanos;
        this.timeout = timeout;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** No limit, for readers used outside a scan. */
    public static Deadline none() {
        return new Deadline(Long.MAX_VALUE, Duration.ofNanos(Long.MAX_VALUE));
    }

    /** Nanoseconds left, never negative. */
    public long remainingNanos() {
        return endNanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, endNanos - System.nanoTime());
    }

    /** @param doing what the scan was doing, for the message: {@code "reading layer sha256:..."} */
    public void check(String doing) {
        if (remainingNanos() == 0) {
            throw new InvalidInputException("the scan took longer than its %d s while %s (raise --timeout)"
                    .formatted(timeout.toSeconds(), doing));
        }
    }
}
