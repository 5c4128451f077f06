package dev.bulwark.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How long a test waits for what it expects. Tests wait on the condition itself and go on the moment it holds; this
 * bound only stops a hung test from hanging the build. It is sized for a loaded two-core machine, never for speed:
 * speed is measured in {@code bench/}, not asserted.
 */
public final class Patience {

    /** The longest a test waits for a condition, a command or a server before it calls the wait a hang. */
    public static final Duration HANG = Duration.ofMinutes(5);

    private Patience() {}

    /**
     * Polls the condition until it holds; fails with {@code what} when {@link #HANG} passes first.
     *
     * @param what says what was awaited and what was seen, for the failure message
     */
    public static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + HANG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still not so after " + HANG + ": " + what.get());
            }
            Thread.sleep(20);
        }
    }

    /** The moment, in {@link System#nanoTime()} terms, after which a wait begun now is a hang. */
    public static long deadline() {
        return System.nanoTime() + HANG.toNanos();
    }
}
