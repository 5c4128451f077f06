package dev.bulwark.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's shared data (../shared beside the repository) and skips the test when it is absent. */
public final class SharedData {

    private SharedData() {}

    /** A path under shared/, or an aborted (skipped) test with the reason when it is not there. */
    public static Path path(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared data " + relative + " not found beside the repository: test skipped");
        throw new IllegalStateException("unreachable");
    }
}
