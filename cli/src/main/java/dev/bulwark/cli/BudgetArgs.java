package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.budget.ScanBudget;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** What a scan may spend: the options {@code scan} and {@code sbom} share, read into a {@link ScanBudget}. */
final class BudgetArgs {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(s|m|h|)");

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "Give up on an image that takes longer, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "256m",
            description = "Largest package database or other file read whole (default: ${DEFAULT-VALUE}).")
    String maxFileSize;

    @Option(names = "--max-read-size", paramLabel = "SIZE", defaultValue = "512m",
            description = "All such files of one scan together (default: ${DEFAULT-VALUE}).")
    String maxReadSize;

    @Option(names = "--max-layer-entries", paramLabel = "N", defaultValue = "2000000",
            description = "Entries one layer may hold (default: ${DEFAULT-VALUE}).")
    long maxLayerEntries;

    @Option(names = "--max-temp-size", paramLabel = "SIZE", defaultValue = "16g",
            description = "Largest temporary file, a gzip archive inflated under $TMPDIR (default: ${DEFAULT-VALUE}).")
    String maxTempSize;

    /** The budget, with temporary files in a directory of this process's own that goes when the process does. */
    ScanBudget budget() {
        if (maxLayerEntries <= 0) {
            throw new InvalidInputException("--max-layer-entries must be positive");
        }
        return new ScanBudget(size("--max-file-size", maxFileSize), size("--max-read-size", maxReadSize),
                maxLayerEntries, duration(timeout), ScratchDirectory.create(size("--max-temp-size", maxTempSize)));
    }

    /** {@code 90s}, {@code 10m}, {@code 1h}, or seconds. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException("--timeout: '%s' is not a duration such as 90s, 10m or 1h".formatted(text));
        }
        long unit = switch (m.group(2)) {
            case "h" -> 3600;
            case "m" -> 60;
            default -> 1;
        };
        return Duration.ofSeconds(Math.multiplyExact(number("--timeout", m.group(1)), unit));
    }

    /** Bytes, or with a k, m or g suffix (powers of 1024). */
    static long size(String option, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        long n = number(option, shift == 0 ? t : t.substring(0, t.length() - 1));
        if (n > Long.MAX_VALUE >> shift) {
            throw new InvalidInputException("%s: %s is too large".formatted(option, text));
        }
        return n << shift;
    }

    private static long number(String option, String digits) {
        try {
            long n = Long.parseLong(digits);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("%s: '%s' is not a positive number with an optional unit"
                    .formatted(option, digits));
        }
    }
}
