package dev.bulwark.bench;

import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.Image;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.LayerDescriptor;
import dev.bulwark.scanner.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How close is a scan to the floor that decompression sets? Times {@code tar -xzf} of every layer of an OCI
 * layout against an in-process scan of the same image (warm JVM, median of runs) and prints the ratio.
 * Run: {@code bench/run scan [OCI_LAYOUT_DIR]}.
 */
public final class ScanVsTar {

    private static final int RUNS = 5;

    private ScanVsTar() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--layers")) { // for bench/run: the layer blobs, in order, on one line
            System.out.println(String.join(" ", blobs(Path.of(args[1]), args.length > 2 ? args[2] : "").stream()
                    .map(Path::toString).toList()));
            return;
        }
        Path layout = Path.of(args[0]);
        String tag = args.length > 1 ? args[1] : "";
        String spec = "oci-dir:" + layout + (tag.isEmpty() ? "" : ":" + tag);
        List<Path> blobs = blobs(layout, tag);
        List<Path> extracted = new ArrayList<>();
        double tar = median(() -> extracted.add(extract(blobs)));
        for (Path dir : extracted) {
            delete(dir);
        }
        for (int i = 0; i < 2; i++) {
            scan(spec);
        }
        double scan = median(() -> scan(spec));
        BigImageMemory.print(List.of(
                "layers              %d".formatted(blobs.size()),
                "tar -xzf (median)   %.3f s".formatted(tar),
                "scan (median, warm) %.3f s".formatted(scan),
                "scan / tar          %.2fx".formatted(scan / tar)));
    }

    private static List<Path> blobs(Path layout, String tag) {
        List<Path> blobs = new ArrayList<>();
        try (ImageSource source = ImageSources.open("oci-dir:" + layout + (tag.isEmpty() ? "" : ":" + tag),
                SourceOptions.defaults())) {
            for (LayerDescriptor l : ((Image) source).layers()) {
                blobs.add(layout.resolve("blobs/sha256/" + l.digest().substring("sha256:".length())));
            }
        }
        return blobs;
    }

    private static void scan(String spec) {
        try (ImageSource source = ImageSources.open(spec, SourceOptions.defaults())) {
            Analyzers.scanner().scan(source, ScanProgress.NONE);
        }
    }

    /** Extracts the layers in order into a new directory, as a runtime would; removal is not timed. */
    private static Path extract(List<Path> blobs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bulwark-bench-tar-");
        for (Path blob : blobs) {
            Process p = new ProcessBuilder("tar", "-xzf", blob.toString(), "-C", dir.toString(),
                    "--no-same-owner", "--delay-directory-restore").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("tar failed on " + blob);
            }
        }
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double median(Run run) throws Exception {
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }
}
