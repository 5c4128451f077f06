package dev.bulwark.bench;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.SourceOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Does heap stay bounded whatever the image size? Scans a large image (default: a 1 GB one that
 * {@link BigImageBuilder} makes) and prints the peak heap used. Run under {@code -Xmx256m}: {@code bench/run memory}.
 */
public final class BigImageMemory {

    private BigImageMemory() {}

    public static void main(String[] args) throws IOException {
        Path layout = args.length > 0 ? Path.of(args[0]) : BigImageBuilder.build(1L << 30);
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
        long imageBytes = 0;
        try (var files = Files.walk(layout.resolve("blobs"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                imageBytes += Files.size(p);
            }
        }
        print(List.of(
                "image (stored)      %,d MB".formatted(imageBytes >> 20),
                "packages found      %d".formatted(inventory.packages().size()),
                "scan time           %.1f s".formatted(seconds),
                "max heap (-Xmx)     %,d MB".formatted(Runtime.getRuntime().maxMemory() >> 20),
                "peak heap used      %,d MB (including garbage not yet collected)".formatted(peak >> 20),
                "peak live heap      %,d MB (largest heap in use right after a collection)"
                        .formatted(live.peakAfterCollection() >> 20)));
    }

    static void print(List<String> lines) {
        OutputStream out = System.out;
        try {
            out.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
