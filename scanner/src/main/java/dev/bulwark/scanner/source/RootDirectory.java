package dev.bulwark.scanner.source;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** A root file system on disk: an unpacked image, or {@code /} to scan the host. */
public record RootDirectory(String reference, Path root) implements ImageSource {

    public RootDirectory {
        requireNonNull(reference, "reference");
        requireNonNull(root, "root");
    }

    @Override
    public void close() {
        // nothing is held open between reads
    }
}
