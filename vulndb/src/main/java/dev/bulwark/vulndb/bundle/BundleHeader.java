package dev.bulwark.vulndb.bundle;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a bundle says of itself, readable without touching its data.
 *
 * @param schema the layout version; a reader refuses a newer one
 * @param built when the bundle was built (ISO-8601 UTC), which is also its data version
 * @param sources per feed kind and path given to the build: files read, advisories imported and records skipped
 * @param advisories advisories after merging duplicates and NVD data
 * @param packages distinct (namespace, package) keys
 */
public record BundleHeader(int schema, String built, Map<String, SourceCounts> sources, long advisories,
        long packages) {

    /** The counts of one source. */
    public record SourceCounts(String kind, String path, long files, long imported, long skipped) {}

    public BundleHeader {
        requireNonNull(built, "built");
        sources = new TreeMap<>(sources);
    }
}
