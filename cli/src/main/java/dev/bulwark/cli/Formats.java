package dev.bulwark.cli;

/** Small formatting helpers of the command line: sizes. */
final class Formats {

    private Formats() {}

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
