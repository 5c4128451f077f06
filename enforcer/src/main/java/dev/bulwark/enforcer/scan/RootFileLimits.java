package dev.bulwark.enforcer.scan;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The bounds of one collection by {@link RootFiles}: a container is hostile and may be huge, so every dimension is
 * bounded, and reaching a bound skips or stops, never fails (the result says which, {@link Bound}).
 *
 * @param budgetBytes file bytes written in all, before compression; package databases count against it like the
 *     rest but are not held to {@code maxFileBytes} (an rpm {@code Packages} of a large image may exceed it, and
 *     without it the scanner finds no OS package at all)
 * @param maxFileBytes the largest manifest, archive or program written
 * @param maxEntries directory entries looked at, walk and package directories together
 * @param maxDepth directories deeper than this below the root are not walked
 * @param timeBudget after this the collection stops, ending the tar after the last whole file
 */
public record RootFileLimits(long budgetBytes, long maxFileBytes, int maxEntries, int maxDepth,
        Duration timeBudget) {

    public RootFileLimits {
        requireNonNull(timeBudget, "timeBudget");
        if (budgetBytes < 0 || maxFileBytes < 0 || maxEntries < 0 || maxDepth < 0 || timeBudget.isNegative()) {
            throw new IllegalArgumentException("limits must not be negative: " + budgetBytes + " bytes, "
                    + maxFileBytes + " bytes a file, " + maxEntries + " entries, depth " + maxDepth + ", "
                    + timeBudget);
        }
    }

    /** 256 MiB in all, 64 MiB a file, 100,000 entries, 32 directories deep, one minute. */
    public static RootFileLimits defaults() {
        return new RootFileLimits(256L << 20, 64L << 20, 100_000, 32, Duration.ofMinutes(1));
    }

    public RootFileLimits withBudgetBytes(long bytes) {
        return new RootFileLimits(bytes, maxFileBytes, maxEntries, maxDepth, timeBudget);
    }

    public RootFileLimits withMaxFileBytes(long bytes) {
        return new RootFileLimits(budgetBytes, bytes, maxEntries, maxDepth, timeBudget);
    }

    public RootFileLimits withMaxEntries(int entries) {
        return new RootFileLimits(budgetBytes, maxFileBytes, entries, maxDepth, timeBudget);
    }

    public RootFileLimits withMaxDepth(int depth) {
        return new RootFileLimits(budgetBytes, maxFileBytes, maxEntries, depth, timeBudget);
    }

    public RootFileLimits withTimeBudget(Duration time) {
        return new RootFileLimits(budgetBytes, maxFileBytes, maxEntries, maxDepth, time);
    }
}
