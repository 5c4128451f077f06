package dev.bulwark.bench.network;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CPU time of a {@code NetworkPlane}'s own threads, found by the names it gives them: those that were not there
 * before it was made (the bench's own namespace thread has one of the same names).
 */
final class PlaneThreads {

    private static final List<String> NAMES = List.of("enforcer-network", "bulwark-flows", "bulwark-netns");
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private final Set<Long> before;
    private List<Thread> threads = List.of();

    private PlaneThreads(Set<Long> before) {
        this.before = before;
    }

    /** Call before the plane is made. */
    static PlaneThreads before() {
        return new PlaneThreads(Thread.getAllStackTraces().keySet().stream().map(Thread::threadId)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Call once the plane has started its threads (they start on first use): the names found. */
    List<String> find() {
        threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t.threadId()) && NAMES.stream().anyMatch(t.getName()::startsWith))
                .toList();
        return threads.stream().map(Thread::getName).sorted().toList();
    }

    long cpuNanos() {
        return threads.stream().mapToLong(t -> Math.max(0, MX.getThreadCpuTime(t.threadId()))).sum();
    }
}
