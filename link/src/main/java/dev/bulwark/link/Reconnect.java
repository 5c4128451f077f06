package dev.bulwark.link;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Keeps a session with the controller up: runs one session after another, waiting between them with growing,
 * jittered waits (0.5 s doubling up to {@link #LONGEST_WAIT}), short again after a session that was up.
 */
public final class Reconnect {

    public static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(Reconnect.class.getName());

    /** One session, run to its end. */
    public interface Session {
        /** Connects and runs until the session ends; true when it was up (welcomed) for a while. */
        boolean run() throws InterruptedException;
    }

    private Reconnect() {}

    /** Runs sessions until {@code closing} says so or the thread is interrupted. */
    public static void loop(String address, BooleanSupplier closing, Session session) {
        long wait = 500;
        while (!closing.getAsBoolean()) {
            try {
                if (session.run()) {
                    wait = 500;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the link to " + address + " failed: " + e.getMessage());
            }
            if (closing.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(wait / 2 + ThreadLocalRandom.current().nextLong(wait / 2 + 1));
            } catch (InterruptedException e) {
                return;
            }
            wait = Math.min(wait * 2, LONGEST_WAIT.toMillis());
        }
    }
}
