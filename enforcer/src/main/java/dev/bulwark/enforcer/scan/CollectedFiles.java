package dev.bulwark.enforcer.scan;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link RootFiles} wrote: how many files and bytes, what it left out and why, and which bounds it reached.
 * Absent files are not listed: most of the wanted paths are absent from any one root.
 *
 * @param files regular files in the tar
 * @param bytes their bytes, before compression
 * @param skipped wanted files left out, in the order met, at most {@link #MAX_LISTED}
 * @param unlisted how many more were left out past that
 * @param bounds the bounds reached; empty when the collection is complete
 */
public record CollectedFiles(int files, long bytes, List<SkippedFile> skipped, int unlisted, Set<Bound> bounds) {

    /** Skipped files listed at most: a hostile root may hold millions of them. */
    public static final int MAX_LISTED = 1000;

    public CollectedFiles {
        skipped = List.copyOf(skipped);
        EnumSet<Bound> ordered = EnumSet.noneOf(Bound.class);
        ordered.addAll(requireNonNull(bounds, "bounds"));
        bounds = Collections.unmodifiableSet(ordered);
        if (files < 0 || bytes < 0 || unlisted < 0 || skipped.size() > MAX_LISTED) {
            throw new IllegalArgumentException("counts out of range: %d files, %d bytes, %d listed, %d unlisted"
                    .formatted(files, bytes, skipped.size(), unlisted));
        }
    }

    /** Whether some bound was reached, so that files may be missing beyond those listed. */
    public boolean truncated() {
        return !bounds.isEmpty();
    }
}
