package dev.bulwark.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Replacing a file so that readers see the old one or the new one, never a mix. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Moves {@code staged} over {@code target} with a rename, which is atomic when both are on one file system;
     * where the file system cannot rename atomically, a plain replacing move.
     */
    public static void replace(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
