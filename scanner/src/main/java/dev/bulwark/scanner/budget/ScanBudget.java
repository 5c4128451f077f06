package dev.bulwark.scanner.budget;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one scan may spend. A limit that cuts what the report can say is a warning marked incomplete (a package
 * database over its size) or, when the image cannot be read within it at all (a layer of endless entries, the
 * wall time), an {@link dev.bulwark.core.error.InvalidInputException} naming the limit.
 *
 * @param fileBytes largest file an analyzer reads whole (a package database); each analyzer may ask for less
 * @param keptBytes all such files of the scan together, counted as read (a rewritten file counts again)
 * @param layerEntries entries of one layer
 * @param timeout wall time of the whole scan
 * @param temporary where temporary files go and how large they may grow
 */
public record ScanBudget(long fileBytes, long keptBytes, long layerEntries, Duration timeout,
        TemporarySpace temporary) {

    public static final long DEFAULT_FILE_BYTES = 256L << 20;
    public static final long DEFAULT_KEPT_BYTES = 512L << 20;
    public static final long DEFAULT_LAYER_ENTRIES = 2_000_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public ScanBudget {
        positive(fileBytes, "fileBytes");
        positive(keptBytes, "keptBytes");
        positive(layerEntries, "layerEntries");
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        requireNonNull(temporary, "temporary");
    }

    /** The defaults, with temporary files directly under {@code java.io.tmpdir}. */
    public static ScanBudget defaults() {
        return new ScanBudget(DEFAULT_FILE_BYTES, DEFAULT_KEPT_BYTES, DEFAULT_LAYER_ENTRIES, DEFAULT_TIMEOUT,
                TemporarySpace.systemDefault());
    }

    /** The clock of one scan, started now. */
    public Deadline start() {
        return Deadline.after(timeout);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("%s must be positive, not %d".formatted(name, value));
        }
    }
}
