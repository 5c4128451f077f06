package dev.bulwark.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.scanner.budget.ScanBudget;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.AnalysisException;
import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.AnalyzerInput;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.layer.TarBuilder;
import dev.bulwark.scanner.source.Digest;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.OciLayoutWriter;
import dev.bulwark.scanner.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan pipeline's own logic (which layer introduced a package, failing analyzers), with a one-file test
 * format so that the cases stay readable; real package formats are covered by their analyzers' tests and the
 * image integration tests.
 */
class ImageScannerTest {

    @TempDir
    Path dir;

    /** Reads {@code pkgs.txt}: one {@code name version} per line. */
    private static final class PkgsTxtAnalyzer implements Analyzer {
        @Override
        public String name() {
            return "pkgs-txt";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public boolean wants(String path) {
            return path.equals("pkgs.txt");
        }

        @Override
        public Inventory analyze(AnalyzerInput input) throws AnalysisException {
            List<InstalledPackage> found = new ArrayList<>();
            for (var file : input.files()) {
                for (String line : file.text().split("\n")) {
                    if (line.equals("boom")) {
                        throw new AnalysisException("pkgs.txt: boom");
                    }
                    String[] f = line.split(" ");
                    found.add(new InstalledPackage(PackageType.DEB, f[0], f[1], "all", f[0], f[1], "", "", "",
                            List.of()));
                }
            }
            return Inventory.of(found, List.of());
        }
    }

    private ImageInventory scan(String... pkgsPerLayer) {
        List<byte[]> layers = new ArrayList<>();
        for (String content : pkgsPerLayer) {
            layers.add(content == null ? new TarBuilder().file("other", "x").tar()
                    : content.isEmpty() ? new TarBuilder().file(".wh.pkgs.txt", "").tar()
                    : new TarBuilder().file("pkgs.txt", content).tar());
        }
        var writer = new OciLayoutWriter(dir);
        writer.image("t", "linux/amd64", layers, layers);
        writer.write();
        try (ImageSource image = ImageSources.open("oci-dir:" + dir + ":t", SourceOptions.defaults())) {
            return new ImageScanner(List.of(new PkgsTxtAnalyzer()), List.of(), ScanBudget.defaults()).scan(image, ScanProgress.NONE);
        }
    }

    private static String diffId(String content) {
        return Digest.sha256(new TarBuilder().file("pkgs.txt", content).tar()).toString();
    }

    @Test
    void packageIsAttributedToTheLayerThatIntroducedIt() {
        ImageInventory inv = scan("a 1\nb 1", "a 1\nb 2\nc 1", null);
        assertThat(inv.packages()).extracting(InstalledPackage::name, InstalledPackage::version,
                InstalledPackage::layer).containsExactly(
                        tuple("a", "1", diffId("a 1\nb 1")),
                        tuple("b", "2", diffId("a 1\nb 2\nc 1")),
                        tuple("c", "1", diffId("a 1\nb 2\nc 1")));
        assertThat(inv.layers()).hasSize(3);
    }

    @Test
    void packageRemovedAndInstalledAgainBelongsToTheLaterLayer() {
        ImageInventory inv = scan("a 1", "", "a 1");
        assertThat(inv.packages()).singleElement().extracting(InstalledPackage::layer)
                .isEqualTo(Digest.sha256(new TarBuilder().file("pkgs.txt", "a 1").tar()).toString());
        assertThat(inv.layers().get(2).diffId()).isEqualTo(inv.packages().getFirst().layer());
    }

    @Test
    void whiteoutOfTheDatabaseRemovesItsPackages() {
        assertThat(scan("a 1", "").packages()).isEmpty();
    }

    @Test
    void failingAnalyzerBecomesAWarning() {
        ImageInventory inv = scan("boom");
        assertThat(inv.packages()).isEmpty();
        assertThat(inv.warnings()).singleElement().asString()
                .isEqualTo("pkgs-txt analyzer failed: pkgs.txt: boom");
    }

    @Test
    void scansARootDirectory() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("pkgs.txt"), "z 9");
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/etc/passwd"));
        try (ImageSource source = ImageSources.open("dir:" + root, SourceOptions.defaults())) {
            ImageInventory inv = new ImageScanner(List.of(new PkgsTxtAnalyzer()), List.of(), ScanBudget.defaults()).scan(source, ScanProgress.NONE);
            assertThat(inv.packages()).extracting(InstalledPackage::name, InstalledPackage::layer)
                    .containsExactly(tuple("z", ""));
            assertThat(inv.source()).isEqualTo("dir:" + root);
        }
    }
}
