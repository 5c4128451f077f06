package dev.bulwark.scanner;

/** Told as a scan advances, to draw progress; called on the scanning thread. */
@FunctionalInterface
public interface ScanProgress {

    ScanProgress NONE = (index, count, layer) -> { };

    /** Layer {@code index} (0-based) of {@code count} is about to be read. */
    void layer(int index, int count, String layer);
}
