package dev.bulwark.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.scanner.layer.TarBuilder;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.OciLayoutWriter;
import dev.bulwark.scanner.source.SourceOptions;
import dev.bulwark.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on an rpm image laid out as current distributions do it: the database under
 * {@code usr/lib/sysimage/rpm} and {@code var/lib/rpm} a symlink to it, with the real CBL-Mariner database.
 */
class RpmImageScanTest {

    @TempDir
    Path dir;

    @Test
    void marinerImageWithALinkedDatabaseDirectory() throws Exception {
        byte[] rpmdb = Files.readAllBytes(SharedData.path("fixtures/rpmdb/cbl-mariner-2.0/rpmdb.sqlite"));
        byte[] layer = new TarBuilder()
                .file("etc/os-release", "NAME=\"Common Base Linux Mariner\"\nVERSION=\"2.0.20220226\"\nID=mariner\n"
                        + "VERSION_ID=\"2.0\"\nPRETTY_NAME=\"CBL-Mariner/Linux\"\n")
                .dir("usr/lib/sysimage/rpm")
                .file("usr/lib/sysimage/rpm/rpmdb.sqlite", rpmdb, 0644)
                .dir("var/lib")
                .symlink("var/lib/rpm", "../../usr/lib/sysimage/rpm")
                .tar();
        var writer = new OciLayoutWriter(dir);
        writer.image("mariner", "linux/amd64", List.of(TarBuilder.gzip(layer)), List.of(layer));
        writer.write();
        ImageInventory inventory;
        try (ImageSource image = ImageSources.open("oci-dir:" + dir + ":mariner", SourceOptions.defaults())) {
            inventory = Analyzers.scanner().scan(image, ScanProgress.NONE);
        }
        assertThat(inventory.warnings()).isEmpty();
        assertThat(inventory.os().family()).isEqualTo("cbl-mariner");
        assertThat(inventory.os().version()).isEqualTo("2.0");
        assertThat(inventory.packages()).hasSize(129).extracting(InstalledPackage::layer)
                .containsOnly(inventory.layers().getFirst().diffId());
        assertThat(inventory.packages()).filteredOn(p -> p.name().equals("openssl-libs")).singleElement()
                .extracting(InstalledPackage::purl).asString()
                .startsWith("pkg:rpm/cbl-mariner/openssl-libs@1.1.1k-7.cm2?arch=x86_64&distro=cbl-mariner-2.0");
    }
}
