package dev.bulwark.scanner.index;

import dev.bulwark.core.scan.ScanWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings about one file, at most {@link #PER_SOURCE} of them and a count of the rest: a database of a million
 * bad lines must not become a million warnings (gigabytes of report and heap). Not thread-safe.
 */
public final class CappedWarnings {

    public static final int PER_SOURCE = 100;

    private final String path;
    private final String layer;
    private final List<ScanWarning> kept = new ArrayList<>();
    private long leftOut;

    public CappedWarnings(FileContent source) {
        this.path = source.path();
        this.layer = source.layer();
    }

    public void add(String reason) {
        if (kept.size() < PER_SOURCE) {
            kept.add(new ScanWarning(path, layer, reason));
        } else {
            leftOut++;
        }
    }

    /** A cut that makes the inventory knowingly incomplete; never left out. */
    public void addIncomplete(String reason) {
        kept.add(ScanWarning.incomplete(path, layer, reason));
    }

    /** The warnings kept, then one saying how many more were left out. */
    public List<ScanWarning> list() {
        if (leftOut == 0) {
            return List.copyOf(kept);
        }
        List<ScanWarning> all = new ArrayList<>(kept);
        all.add(new ScanWarning(path, layer, "%d more warnings like these left out".formatted(leftOut)));
        return all;
    }
}
