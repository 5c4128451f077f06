package dev.bulwark.enforcer;

import dev.bulwark.enforcer.linux.Fanotify;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Gives every fanotify decision a deadline: the decision runs on a virtual thread of its own, and one that fails
 * or is not made in time is answered allow, and reported. The process waiting in the kernel never waits longer
 * than the deadline for the enforcer, whatever the enforcer is doing.
 */
final class Deadline implements Fanotify.Handler, AutoCloseable {

    private final Fanotify.Handler decision;
    private final long millis;
    private final BiConsumer<Fanotify.Event, String> failsafe;
    private final ExecutorService deciders = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong allowedForLackOfTime = new AtomicLong();

    /** @param failsafe told of each event allowed because its decision failed or came late, and why */
    Deadline(Fanotify.Handler decision, long millis, BiConsumer<Fanotify.Event, String> failsafe) {
        this.decision = decision;
        this.millis = millis;
        this.failsafe = failsafe;
    }

    @Override
    public boolean allow(Fanotify.Event event) {
        decided.incrementAndGet();
        Future<Boolean> pending = deciders.submit(() -> decision.allow(event));
        try {
            return pending.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            pending.cancel(true);
            allowedForLackOfTime.incrementAndGet();
            failsafe.accept(event, e instanceof TimeoutException ? "no decision within %d ms: allowed"
                    .formatted(millis) : "deciding failed (" + e.getCause() + "): allowed");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Events decided, and those allowed because their decision failed or came late. */
    long[] counters() {
        return new long[] {decided.get(), allowedForLackOfTime.get()};
    }

    @Override
    public void close() {
        deciders.shutdownNow();
    }
}
