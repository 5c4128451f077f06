package dev.bulwark.vulndb.feed;

import dev.bulwark.vulndb.advisory.Advisory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads one feed format from a file or a directory tree of files and hands each advisory to the sink. */
public interface FeedImporter {

    /**
     * @throws IOException only when the path itself cannot be read; bad files and records are counted in
     *     {@code stats} and skipped
     */
    void importFrom(Path path, Consumer<Advisory> sink, ImportStats stats) throws IOException;
}
