package dev.bulwark.bench;

import dev.bulwark.enforcer.linux.FileId;
import dev.bulwark.enforcer.process.ImageBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The enforcer's image baseline of a root with many files: time to take it (a walk of the file system), time to
 * read it back as a restarted enforcer does, and the memory it takes. {@code BaselineBench [FILES]}, default
 * 100,000 files in directories of 100, one in ten executable.
 */
public final class BaselineBench {

    private BaselineBench() {}

    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Files.createTempDirectory("bulwark-baseline-");
        try {
            for (int i = 0; i < files; i++) {
                Path dir = root.resolve("usr/lib/d" + i / 100);
                if (i % 100 == 0) {
                    Files.createDirectories(dir);
                }
                Path file = Files.writeString(dir.resolve("f" + i), "x");
                if (i % 10 == 0) {
                    file.toFile().setExecutable(true);
                }
            }
            long device = FileId.of(root).device();
            // once to warm the JIT and the dentry cache
            ImageBaseline.build(root, new long[] {device}, Optional.empty(), Set.of());
            long start = System.nanoTime();
            ImageBaseline baseline = ImageBaseline.build(root, new long[] {device}, Optional.empty(), Set.of());
            double took = (System.nanoTime() - start) / 1e6;
            Path kept = root.resolve("kept.baseline");
            baseline.write(kept, "bench");
            start = System.nanoTime();
            ImageBaseline read = ImageBaseline.read(kept, "bench", device).orElseThrow();
            double readMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("image baseline of %,d files: taken in %.0f ms, read back in %.0f ms, %.1f MB held"
                    + " (%d bytes a file), %,d bytes kept on disk%n", read.size(), took, readMs,
                    baseline.bytes() / 1e6, baseline.bytes() / Math.max(1, baseline.size()), Files.size(kept));
        } finally {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
