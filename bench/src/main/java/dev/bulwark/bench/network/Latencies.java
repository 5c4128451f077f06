package dev.bulwark.bench.network;

import java.util.Arrays;

/** Connection times in nanoseconds, and the attempts that got no first byte. */
record Latencies(long[] nanos, int failed) {

    static final Latencies NONE = new Latencies(new long[0], 0);

    Latencies and(Latencies more) {
        long[] all = Arrays.copyOf(nanos, nanos.length + more.nanos.length);
        System.arraycopy(more.nanos, 0, all, nanos.length, more.nanos.length);
        return new Latencies(all, failed + more.failed);
    }

    double percentileMicros(int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e3;
    }

    double meanMicros() {
        return Arrays.stream(nanos).average().orElse(0) / 1e3;
    }

    String describe() {
        return "p50 %.0f µs, p99 %.0f µs, mean %.0f µs (%d connections, %d without a first byte)".formatted(
                percentileMicros(50), percentileMicros(99), meanMicros(), nanos.length, failed);
    }
}
