package dev.bulwark.cli;

import dev.bulwark.scanner.budget.TemporarySpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one directory a scan command's temporary files go to, under {@code java.io.tmpdir} (the launcher sets it from
 * {@code TMPDIR}): inflated archives, rpm database copies, and the native libraries zstd-jni and sqlite-jdbc unpack
 * (each reads its own property before {@code java.io.tmpdir}). A shutdown hook removes it, so a scan that ends,
 * fails, runs out of memory or is sent SIGTERM leaves nothing behind; only SIGKILL can.
 */
final class ScratchDirectory {

    private ScratchDirectory() {}

    static TemporarySpace create(long maxBytes) {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bulwark-scan-");
            System.setProperty("ZstdTempFolder", dir.toString());
            System.setProperty("org.sqlite.tmpdir", dir.toString());
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> delete(dir)));
            return new TemporarySpace(dir, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the process is ending; what is left is in $TMPDIR under a name that says whose it is
        }
    }
}
