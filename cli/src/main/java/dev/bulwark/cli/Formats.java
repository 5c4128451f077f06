package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import java.util.List;

/** Small formatting helpers of the command line: choice options checked against their values, sizes. */
final class Formats {

    private Formats() {}

    static String check(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new InvalidInputException("unknown format '%s' (use one of: %s)".formatted(value,
                String.join(", ", List.of(allowed))));
    }

    /** A byte count for people: {@code 812 B}, {@code 14.2 MiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return "%.1f %s".formatted(value, units[unit]);
    }
}
