package dev.bulwark.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.layer.TarBuilder;
import dev.bulwark.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerArchiveImageTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRealAlpineArchive() {
        Path alpine = SharedData.path("fixtures/images/alpine-3.11.tar.gz");
        try (var image = DockerArchiveImage.open(alpine, "")) {
            assertThat(image.layers()).hasSize(1);
            assertThat(image.layers().getFirst().diffId()).startsWith("sha256:");
            assertThat(image.config().platform()).isEqualTo("linux/amd64");
        }
    }

    @Test
    void rejectsTarWithoutManifest() throws IOException {
        Path tar = write(new TarBuilder().file("hello.txt", "just a tar").tar());
        assertThatThrownBy(() -> DockerArchiveImage.open(tar, ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(tar + " is not a docker archive (no manifest.json)");
    }

    @Test
    void rejectsManifestThatIsNotJson() throws IOException {
        Path tar = write(new TarBuilder().file("manifest.json", "[{oops").tar());
        assertThatThrownBy(() -> DockerArchiveImage.open(tar, ""))
                .hasMessageStartingWith(tar + ": manifest.json is not JSON");
    }

    @Test
    void rejectsHugeManifest() throws IOException {
        Path tar = write(new TarBuilder().file("manifest.json", new byte[Manifest.MAX_SIZE + 1], 0644).tar());
        assertThatThrownBy(() -> DockerArchiveImage.open(tar, ""))
                .hasMessage(tar + ": manifest.json is larger than " + Manifest.MAX_SIZE + " bytes");
    }

    @Test
    void rejectsFileThatIsNotATar() throws IOException {
        Path junk = dir.resolve("junk.tar");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> ImageSources.open(junk.toString(), SourceOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(junk + " is not");
    }

    @Test
    void readsAnEmptyImage() throws IOException {
        String config = "{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        Path tar = write(new TarBuilder().file("cfg.json", config)
                .file("manifest.json", "[{\"Config\":\"cfg.json\",\"RepoTags\":[\"empty:1\"],\"Layers\":[]}]").tar());
        try (var image = DockerArchiveImage.open(tar, "empty:1")) {
            assertThat(image.layers()).isEmpty();
        }
    }

    @Test
    void rejectsLayerCountThatDisagreesWithConfig() throws IOException {
        String config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        Path tar = write(new TarBuilder().file("cfg.json", config)
                .file("manifest.json", "[{\"Config\":\"cfg.json\",\"Layers\":[\"a/layer.tar\"]}]").tar());
        assertThatThrownBy(() -> DockerArchiveImage.open(tar, ""))
                .hasMessage(tar + ": manifest.json lists 1 layers but the config has 0 diff ids");
    }

    private Path write(byte[] data) throws IOException {
        Path file = Files.createTempFile(dir, "archive", ".tar");
        Files.write(file, data);
        return file;
    }
}
