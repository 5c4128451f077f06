package dev.bulwark.enforcer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The enforcer's long-running threads (the kernel readers, the sweeper). None of them may end while the enforcer
 * runs: the first that does, by a fault or otherwise, completes {@link #failure()}, so that the process can exit and
 * be restarted by its supervisor rather than run on without watching.
 */
final class Watchers {

    private static final System.Logger LOG = System.getLogger(Watchers.class.getName());

    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    /** Starts {@code body} on a daemon thread of its own, named {@code name}. */
    void start(String name, Runnable body) {
        threads.add(Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                body.run();
                if (!stopping) {
                    failure.complete(name + " stopped");
                }
            } catch (Throwable t) {
                if (!stopping) {
                    LOG.log(System.Logger.Level.ERROR, name + " failed", t);
                    failure.complete(name + " failed: " + t);
                }
            }
        }));
    }

    /** Completes, with which thread and why, when one of them ended while the enforcer was meant to run. */
    CompletableFuture<String> failure() {
        return failure;
    }

    /** From now on threads are expected to end: interrupts them, and waits up to {@code millis} for each. */
    void stop(long millis) {
        stopping = true;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
