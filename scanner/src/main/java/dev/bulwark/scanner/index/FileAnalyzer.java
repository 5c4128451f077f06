package dev.bulwark.scanner.index;

import java.io.IOException;

/**
 * Reads one file on its own as its layer streams past (a jar, a lock file, a binary) and says what it holds. Such
 * a file is never kept in memory whole unless the analyzer buffers it itself, so analyzers bound what they read.
 * Packages found in a file stay in the report while the file stays in the image. Implementations are stateless
 * and thread-safe.
 */
public interface FileAnalyzer {

    /** Stable name: shows in warnings. */
    String name();

    /** Bump when the same input gives a different output. */
    int version();

    /**
     * Pure and cheap: asked for every regular file of every layer.
     *
     * @param path normalised path relative to the image root, no leading slash
     * @param mode Unix permission and type bits
     */
    boolean wants(String path, int mode, long size);

    /**
     * Whether the packages come from a lock file or manifest (what a project would install) rather than from what
     * is installed. A declared package that is also found installed, same name and version, is reported once,
     * as installed.
     */
    default boolean declaresOnly() {
        return false;
    }

    /**
     * Whether this analyzer finds no packages, only what depends on the file alone (secrets), so that it may run on
     * a thread of its own while the layers stream on.
     */
    default boolean runsAside() {
        return false;
    }

    /** Files larger than this are not read; a warning names them. */
    default long maxFileSize() {
        return 256L << 20;
    }

    /**
     * Analyzes one file. Bad content is a warning in the result; an exception means the file could not be read
     * at all and becomes a warning naming the file.
     */
    Inventory analyze(FileStream file) throws IOException;
}
