package dev.bulwark.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.LayerInfo;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.RegistryServer;
import dev.bulwark.scanner.source.SourceOptions;
import dev.bulwark.scanner.testing.Command;
import dev.bulwark.scanner.testing.DebianImage;
import dev.bulwark.scanner.testing.DebianImage.DpkgEntry;
import dev.bulwark.scanner.testing.DebianImageFixture;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole inventory on a real two-layer Debian bookworm image, in every form the scanner reads: the package
 * list must equal what {@code dpkg-query} lists on the image's final root file system, the purged package must be
 * gone, and the package added by the second layer must be attributed to it.
 */
class DebianImageScanIT {

    private static DebianImage image;

    @BeforeAll
    static void build() throws Exception {
        image = DebianImageFixture.get();
    }

    private static ImageInventory scan(String spec) {
        return scan(spec, SourceOptions.defaults());
    }

    private static ImageInventory scan(String spec, SourceOptions options) {
        try (ImageSource source = ImageSources.open(spec, options)) {
            return Analyzers.scanner().scan(source, ScanProgress.NONE);
        }
    }

    private static List<DpkgEntry> entries(ImageInventory inventory) {
        return inventory.packages().stream()
                .map(p -> new DpkgEntry(p.name(), p.version(), p.arch(), p.sourceName(), p.sourceVersion()))
                .sorted(Comparator.comparing(DpkgEntry::name).thenComparing(DpkgEntry::architecture))
                .toList();
    }

    private static void assertFinalImage(ImageInventory inventory) {
        assertThat(inventory.warnings()).isEmpty();
        assertThat(inventory.os().family()).isEqualTo("debian");
        assertThat(inventory.os().version()).isEqualTo("12");
        assertThat(inventory.os().codename()).isEqualTo("bookworm");
        assertThat(entries(inventory)).containsExactlyElementsOf(image.expectedPackages());
        assertThat(inventory.packages()).extracting(InstalledPackage::name)
                .doesNotContain(DebianImage.REMOVED_PACKAGE);
        assertThat(inventory.packages()).extracting(InstalledPackage::purl).allSatisfy(purl -> assertThat(purl)
                .startsWith("pkg:deb/debian/").contains("arch=", "distro=debian-12"));
    }

    private static void assertLayerAttribution(ImageInventory inventory) {
        List<String> layers = inventory.layers().stream().map(LayerInfo::diffId).toList();
        assertThat(layers).hasSize(2);
        assertThat(inventory.packages()).allSatisfy(p -> assertThat(p.layer())
                .isEqualTo(p.name().equals(DebianImage.ADDED_PACKAGE) ? layers.get(1) : layers.get(0)));
    }

    @Test
    void ociLayoutGivesExactlyWhatDpkgLists() {
        ImageInventory inventory = scan("oci-dir:" + image.ociLayout() + ":" + DebianImage.TAG);
        assertFinalImage(inventory);
        assertLayerAttribution(inventory);
        assertThat(inventory.packages()).as("every package owns files, multi-arch ones via name:arch.list")
                .allSatisfy(p -> assertThat(p.files()).isNotEmpty());
        assertThat(inventory.packages()).filteredOn(p -> p.name().equals("bash")).singleElement()
                .satisfies(p -> assertThat(p.files()).contains("bin/bash", "usr/share/doc/bash/copyright"));
    }

    @Test
    void firstLayerAloneStillHasThePurgedPackage() {
        ImageInventory inventory = scan("oci-dir:" + image.ociLayout() + ":" + DebianImage.LAYER1_TAG);
        assertThat(entries(inventory)).containsExactlyElementsOf(image.layer1Packages());
        assertThat(inventory.packages()).extracting(InstalledPackage::name).contains(DebianImage.REMOVED_PACKAGE);
    }

    @Test
    void dockerArchivePlainAndGzipGiveTheSame() {
        for (Path archive : List.of(image.dockerArchive(), image.dockerArchiveGz())) {
            ImageInventory inventory = scan("docker-archive:" + archive);
            assertFinalImage(inventory);
            assertLayerAttribution(inventory);
        }
    }

    @Test
    void ociArchiveAndZstdLayersGiveTheSame() {
        assertFinalImage(scan("oci-archive:" + image.ociArchive() + ":" + DebianImage.TAG));
        assumeTrue(image.zstdOciLayout().isPresent(), "this skopeo cannot write zstd layers");
        ImageInventory zstd = scan("oci-dir:" + image.zstdOciLayout().orElseThrow());
        assertFinalImage(zstd);
        assertLayerAttribution(zstd);
    }

    @Test
    void rootFileSystemOnDiskGivesTheSame() {
        ImageInventory inventory = scan("dir:" + image.finalRootfs());
        assertFinalImage(inventory);
        assertThat(inventory.packages()).allSatisfy(p -> assertThat(p.layer()).isEmpty());
    }

    @Test
    void registryWithBasicAuthGivesTheSame(@TempDir Path dir) throws Exception {
        assumeTrue(Command.executable("docker-registry").isPresent(), "docker-registry is not installed");
        assumeTrue(Command.executable("htpasswd").isPresent(), "htpasswd (apache2-utils) is not installed");
        assumeTrue(Command.executable("skopeo").isPresent(), "skopeo is not installed");
        try (RegistryServer registry = RegistryServer.start(dir,
                new RegistryServer.Auth.Basic("scanner", "s3cret pass"))) {
            registry.push(image.dockerArchive(), "debian:bookworm-2layers");
            SourceOptions login = new SourceOptions("linux/amd64", true, "scanner", "s3cret pass",
                    dir.resolve("no-docker-config.json"));
            ImageInventory inventory = scan("registry:" + registry.host() + "/debian:bookworm-2layers", login);
            assertFinalImage(inventory);
            assertLayerAttribution(inventory);
            assertThat(inventory.digest()).startsWith("sha256:");
        }
    }
}
