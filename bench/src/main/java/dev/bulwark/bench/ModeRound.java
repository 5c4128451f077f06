package dev.bulwark.bench;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One change of a group's mode: which nodes have acknowledged a push that holds the group in its new mode. */
final class ModeRound {

    private final String group;
    private final String mode;
    private final Set<SimulatedNode> reached = ConcurrentHashMap.newKeySet();
    private final CountDownLatch all;
    private final AtomicLong lastAck = new AtomicLong();

    ModeRound(String group, String mode, int nodes) {
        this.group = group;
        this.mode = mode;
        this.all = new CountDownLatch(nodes);
    }

    /** A node acknowledged a push: counted once, if that push held the new mode. */
    void acked(SimulatedNode node) {
        if (mode.equals(node.mode(group)) && reached.add(node)) {
            lastAck.accumulateAndGet(System.nanoTime(), Math::max);
            all.countDown();
        }
    }

    /** Waits until every node was reached; whether they were within {@code bound}. */
    boolean await(Duration bound) throws InterruptedException {
        return all.await(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** {@link System#nanoTime()} of the last acknowledgement counted. */
    long lastAck() {
        return lastAck.get();
    }

    int reached() {
        return reached.size();
    }
}
