package dev.bulwark.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.layer.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutImageTest {

    @TempDir
    Path dir;

    private final byte[] layer = new TarBuilder().file("etc/hello", "hi").tar();
    private final byte[] gzLayer = TarBuilder.gzip(layer);

    @Test
    void opensByTagDigestAndAsTheOnlyImage() throws IOException {
        var writer = new OciLayoutWriter(dir);
        String digest = writer.image("1.0", "linux/amd64", List.of(gzLayer), List.of(layer));
        Path layout = writer.write();
        try (var byTag = OciLayoutImage.openDirectory(layout, "1.0", "linux/amd64");
                var byDigest = OciLayoutImage.openDirectory(layout, digest, "linux/amd64");
                var only = OciLayoutImage.openDirectory(layout, "", "linux/amd64")) {
            assertThat(byTag.manifestDigest()).isEqualTo(digest);
            assertThat(byDigest.layers()).isEqualTo(only.layers());
            LayerDescriptor l = byTag.layers().getFirst();
            assertThat(l.digest()).isEqualTo(Digest.sha256(gzLayer).toString());
            assertThat(l.diffId()).isEqualTo(Digest.sha256(layer).toString());
            try (InputStream in = byTag.openLayer(l)) {
                assertThat(in.readAllBytes()).isEqualTo(gzLayer);
            }
            assertThat(byTag.config().platform()).isEqualTo("linux/amd64");
        }
    }

    @Test
    void picksThePlatformFromANestedIndex() {
        var writer = new OciLayoutWriter(dir);
        writer.multiPlatform("multi", List.of("linux/amd64", "linux/arm64/v8", "linux/arm/v7"), List.of(layer));
        Path layout = writer.write();
        try (var arm = OciLayoutImage.openDirectory(layout, "multi", "linux/arm64")) {
            assertThat(arm.config().platform()).isEqualTo("linux/arm64");
        }
        assertThatThrownBy(() -> OciLayoutImage.openDirectory(layout, "multi", "linux/s390x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("no image for platform linux/s390x (offered: linux/amd64, linux/arm64/v8, "
                        + "linux/arm/v7; use --platform)");
    }

    @Test
    void refusesToGuessBetweenSeveralImages() {
        var writer = new OciLayoutWriter(dir);
        writer.image("a", "linux/amd64", List.of(layer), List.of(layer));
        writer.image("b", "linux/amd64", List.of(), List.of());
        Path layout = writer.write();
        assertThatThrownBy(() -> OciLayoutImage.openDirectory(layout, "", "linux/amd64"))
                .hasMessage(layout.toAbsolutePath() + " holds 2 images; name one by tag or digest (tags: a, b)");
        assertThatThrownBy(() -> OciLayoutImage.openDirectory(layout, "c", "linux/amd64"))
                .hasMessage(layout.toAbsolutePath() + " has no image c (tags: a, b)");
    }

    @Test
    void rejectsTamperedManifestBlob() throws IOException {
        var writer = new OciLayoutWriter(dir);
        String digest = writer.image("t", "linux/amd64", List.of(layer), List.of(layer));
        writer.write();
        Files.writeString(writer.blobPath(digest), "{\"schemaVersion\":2,\"config\":{},\"layers\":[]}");
        assertThatThrownBy(() -> OciLayoutImage.openDirectory(dir, "t", "linux/amd64"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("blob " + digest + " does not match its digest");
    }

    @Test
    void rejectsIndexThatIsNotJson() throws IOException {
        new OciLayoutWriter(dir).write();
        Files.writeString(dir.resolve("index.json"), "<html>not json</html>");
        assertThatThrownBy(() -> OciLayoutImage.openDirectory(dir, "", "linux/amd64"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.toAbsolutePath() + " index.json: manifest is not JSON");
    }

    @Test
    void rejectsHugeIndex() throws IOException {
        new OciLayoutWriter(dir).write();
        Files.write(dir.resolve("index.json"), new byte[Manifest.MAX_SIZE + 10]);
        assertThatThrownBy(() -> OciLayoutImage.openDirectory(dir, "", "linux/amd64"))
                .hasMessage(dir.toAbsolutePath() + ": index.json is larger than " + Manifest.MAX_SIZE + " bytes");
    }

    @Test
    void rejectsDirectoryWithoutLayout() {
        assertThatThrownBy(() -> OciLayoutImage.openDirectory(dir, "", "linux/amd64"))
                .hasMessage(dir.toAbsolutePath() + " is not an OCI image layout (no oci-layout or index.json)");
    }

    @Test
    void opensTheSameLayoutFromAnArchive() throws IOException {
        var writer = new OciLayoutWriter(dir.resolve("layout"));
        writer.image("1.0", "linux/amd64", List.of(gzLayer), List.of(layer));
        Path layout = writer.write();
        Path archive = dir.resolve("image.tar");
        var tar = new TarBuilder();
        try (var files = Files.walk(layout)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                tar.file("./" + layout.relativize(p), Files.readAllBytes(p), 0644);
            }
        }
        Files.write(archive, tar.tar());
        try (ImageSource image = ImageSources.open(archive.toString(), SourceOptions.defaults())) {
            assertThat(image).isInstanceOf(OciLayoutImage.class);
            assertThat(((Image) image).layers()).hasSize(1);
        }
    }
}
