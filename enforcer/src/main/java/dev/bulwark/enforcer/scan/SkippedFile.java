package dev.bulwark.enforcer.scan;

import static java.util.Objects.requireNonNull;

/**
 * A wanted file, or a directory, left out of the tar.
 *
 * @param path relative to the root, as it would have been named in the tar
 * @param reason why
 * @param detail what was found (a size, a file type, an errno), for people; may be empty
 */
public record SkippedFile(String path, SkipReason reason, String detail) {

    public SkippedFile {
        requireNonNull(path, "path");
        requireNonNull(reason, "reason");
        requireNonNull(detail, "detail");
    }
}
