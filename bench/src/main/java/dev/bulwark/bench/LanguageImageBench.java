package dev.bulwark.bench;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.SourceOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scan time and memory of language-heavy images: one with 1,000 jars (real ones, from the local Maven
 * repository), one with 5,000 npm packages installed in {@code node_modules} plus their package-lock.json. Each
 * is packed as a one-layer OCI image and scanned with every analyzer, secrets included.
 */
public final class LanguageImageBench {

    private LanguageImageBench() {}

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("bulwark-lang-bench");
        measure("1,000 jars", TreeImage.pack(jars(work.resolve("jars"), 1000), work.resolve("jars-oci")));
        measure("5,000 npm packages", TreeImage.pack(npm(work.resolve("npm"), 5000), work.resolve("npm-oci")));
    }

    private static Path jars(Path root, int count) throws IOException {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        List<Path> found;
        try (Stream<Path> walk = Files.walk(m2)) {
            found = walk.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no jars in " + m2 + "; build the project first");
        }
        for (int i = 0; i < count; i++) {
            Path jar = found.get(i % found.size());
            Path target = root.resolve("opt/app%d/lib/%s".formatted(i / found.size(), jar.getFileName()));
            Files.createDirectories(target.getParent());
            Files.copy(jar, target);
        }
        return root;
    }

    private static Path npm(Path root, int count) throws IOException {
        Path app = root.resolve("srv/app");
        StringBuilder lock = new StringBuilder("{\"name\":\"app\",\"lockfileVersion\":3,\"packages\":{\"\":{}");
        for (int i = 0; i < count; i++) {
            String name = "pkg-" + i;
            String version = "1." + (i % 50) + "." + (i % 7);
            Path dir = app.resolve("node_modules/" + name);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), """
                    {"name": "%s", "version": "%s", "license": "MIT", "main": "index.js",
                     "dependencies": {"pkg-%d": "^1.0.0"}}
                    """.formatted(name, version, (i + 1) % count));
            Files.writeString(dir.resolve("index.js"), "module.exports = function () { return %d; };\n".formatted(i));
            lock.append(",\"node_modules/").append(name).append("\":{\"version\":\"").append(version)
                    .append("\",\"dependencies\":{\"pkg-").append((i + 1) % count).append("\":\"^1.0.0\"}}");
        }
        Files.writeString(app.resolve("package-lock.json"), lock.append("}}"));
        return root;
    }

    private static void measure(String what, Path layout) throws IOException {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        LiveHeapWatch live = LiveHeapWatch.start();
        long start = System.nanoTime();
        ImageInventory inventory;
        try (ImageSource image = ImageSources.open("oci-dir:" + layout, SourceOptions.defaults())) {
            inventory = Analyzers.scanner().scan(image, ScanProgress.NONE);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long stored;
        try (Stream<Path> files = Files.walk(layout.resolve("blobs"))) {
            stored = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("%s: image %,d MB stored, %d packages, scan %.2f s, peak heap %,d MB, peak live heap "
                + "%,d MB (-Xmx%,d MB)%n", what, stored >> 20, inventory.packages().size(), seconds, peak >> 20,
                live.peakAfterCollection() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
