package dev.bulwark.scanner.index;

/**
 * Reads one kind of file (a package database, a release file) and says what it finds. The layer walker asks
 * {@link #wants} for every entry of every layer and keeps only the bodies some analyzer wants, so memory follows
 * what analyzers ask for, not the image size. Implementations are stateless and thread-safe.
 */
public interface Analyzer {

    /** Stable name: shows in reports and warnings, and will key cached layer results. */
    String name();

    /** Bump when the same input gives a different output. */
    int version();

    /**
     * Pure and cheap: asked for every entry of every layer.
     *
     * @param path normalised path relative to the image root, no leading slash ({@code var/lib/dpkg/status})
     */
    boolean wants(String path);

    /** Bodies larger than this are not read; the analyzer gets a warning instead of the file. */
    default long maxFileSize() {
        return 32L << 20;
    }

    /**
     * Analyzes the wanted files of a view of the image. Bad input in one record is a warning in the result; an
     * exception means nothing at all could be read and is turned into a warning by the caller.
     */
    Inventory analyze(AnalyzerInput input) throws AnalysisException;
}
