package dev.bulwark.vulndb.feed;

import java.util.ArrayList;
import java.util.List;

/** What one import read and what it skipped, with the first few reasons to show the user. */
public final class ImportStats {

    private static final int KEPT_REASONS = 20;

    private long files;
    private long imported;
    private long skipped;
    private final List<String> reasons = new ArrayList<>();

    void countFile() {
        files++;
    }

    void countImported() {
        imported++;
    }

    void skipped(String where, String reason) {
        skipped++;
        if (reasons.size() < KEPT_REASONS) {
            reasons.add(where + ": " + reason);
        }
    }

    public long files() {
        return files;
    }

    public long imported() {
        return imported;
    }

    public long skipped() {
        return skipped;
    }

    /** The first reasons for skipping, {@code where: why}. */
    public List<String> reasons() {
        return List.copyOf(reasons);
    }
}
