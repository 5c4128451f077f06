package dev.bulwark.vulndb.feed;

import dev.bulwark.vulndb.advisory.Advisory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs an importer over a file or directory and keeps what it produced and what it counted. */
record Imports(List<Advisory> advisories, ImportStats stats) {

    static Imports of(FeedKind kind, Path path) {
        List<Advisory> advisories = new ArrayList<>();
        ImportStats stats = new ImportStats();
        try {
            kind.importer().importFrom(path, advisories::add, stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Imports(advisories, stats);
    }

    /** Writes {@code text} to {@code name} in {@code dir} and imports that one file. */
    static Imports ofText(FeedKind kind, Path dir, String name, String text) {
        try {
            return of(kind, Files.writeString(dir.resolve(name), text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Advisory only() {
        if (advisories.size() != 1) {
            throw new AssertionError("expected one advisory, got " + advisories.size() + "; skipped: "
                    + stats.reasons());
        }
        return advisories.getFirst();
    }
}
