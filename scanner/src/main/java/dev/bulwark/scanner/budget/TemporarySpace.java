package dev.bulwark.scanner.budget;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one scan's temporary files go and how large one may grow.
 *
 * @param directory the parent of every temporary file and directory
 * @param maxBytes the most one temporary file may hold (an inflated archive)
 */
public record TemporarySpace(Path directory, long maxBytes) {

    public static final long DEFAULT_MAX_BYTES = 16L << 30;

    public TemporarySpace {
        requireNonNull(directory, "directory");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
    }

    /** {@code java.io.tmpdir}, which the launcher sets from {@code TMPDIR}. */
    public static TemporarySpace systemDefault() {
        return new TemporarySpace(Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_MAX_BYTES);
    }

    public Path newFile(String prefix, String suffix) throws IOException {
        return Files.createTempFile(directory, prefix, suffix);
    }

    public Path newDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(directory, prefix);
    }
}
