package dev.bulwark.enforcer.network.flow;

import java.util.concurrent.atomic.AtomicLong;

/** What the reader counted, written by it and read by anyone. */
final class FlowCounters {

    final AtomicLong events = new AtomicLong();
    final AtomicLong packets = new AtomicLong();
    final AtomicLong overflows = new AtomicLong();
    final AtomicLong rescans = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong vanished = new AtomicLong();

    FlowStatistics snapshot() {
        return new FlowStatistics(events.get(), packets.get(), overflows.get(), rescans.get(), dropped.get(),
                malformed.get(), vanished.get());
    }
}
