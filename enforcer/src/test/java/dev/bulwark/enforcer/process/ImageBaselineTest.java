package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.linux.FileId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zero-drift's record of an image: what an attacker inside the container might do to pass a new file as old. */
class ImageBaselineTest {

    @TempDir
    Path root;

    private Path file(String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private ImageBaseline baseline(Optional<Path> upper, Set<String> mountPoints) {
        return ImageBaseline.build(root, new long[] {FileId.of(root).device()}, upper, mountPoints);
    }

    private static FileId id(Path file) {
        return FileId.of(file);
    }

    @Test
    void theImagesFilesAreOriginalUntilTouchedWhateverTheyAreCalled() throws Exception {
        Path app = file("bin/app", "#!/bin/sh\necho good\n");
        Path motd = root.resolve("etc/motd");
        Files.createDirectories(motd.getParent());
        Files.writeString(motd, "a script an interpreter may be given");
        ImageBaseline baseline = baseline(Optional.empty(), Set.of());
        assertThat(baseline.size()).isEqualTo(2);
        assertThat(baseline.original(id(app))).isTrue();
        assertThat(baseline.original(id(motd))).isTrue();
        assertThat(baseline.original(id(file("bin/new", "new")))).isFalse();
        assertThat(baseline.original(FileId.UNKNOWN)).isFalse();
        Thread.sleep(20);
        Path link = root.resolve("tmp/app");
        Files.createDirectories(link.getParent());
        Files.createLink(link, app);
        assertThat(baseline.original(id(app))).as("a new hard link changes the file (its link count)").isFalse();
    }

    @Test
    void aRewriteOfTheSameSizeWithItsOldModificationTimePutBackIsDrift() throws Exception {
        Path app = file("bin/app", "#!/bin/sh\necho good\n");
        FileTime modified = Files.getLastModifiedTime(app);
        ImageBaseline baseline = baseline(Optional.empty(), Set.of());
        Thread.sleep(20); // the kernel's clock for ctime moves in ticks
        Files.writeString(app, "#!/bin/sh\necho evil\n");
        Files.setLastModifiedTime(app, modified);
        assertThat(baseline.original(id(app))).isFalse();
    }

    @Test
    void aFileRenamedIntoPlaceIsDriftWhateverItsTimes() throws Exception {
        Path app = file("bin/app", "#!/bin/sh\necho good\n");
        ImageBaseline baseline = baseline(Optional.empty(), Set.of());
        Path other = file("tmp/app", "#!/bin/sh\necho evil\n");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(app));
        Files.move(other, app, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(baseline.original(id(app))).isFalse();
    }

    @Test
    void whatTheUpperDirectoryOrAnotherMountHoldsIsNotTheImages(@TempDir Path upper) throws Exception {
        Path image = file("bin/image", "from a layer");
        Path written = file("bin/written", "copied up or new");
        Files.createDirectories(upper.resolve("bin"));
        Files.writeString(upper.resolve("bin/written"), "copied up or new");
        Path mounted = file("data/tool", "a volume");
        ImageBaseline baseline = baseline(Optional.of(upper), Set.of("/data"));
        assertThat(baseline.original(id(image))).isTrue();
        assertThat(baseline.original(id(written))).isFalse();
        assertThat(baseline.original(id(mounted))).isFalse();
    }

    @Test
    void theLoaderIsKnownByItsInodeUnderAnyName() throws Exception {
        Path loader = file("lib64/ld-linux-x86-64.so.2", "loader");
        Path program = file("bin/app", "program");
        Files.createLink(root.resolve("bin/harmless"), loader);
        ImageBaseline baseline = baseline(Optional.empty(), Set.of());
        assertThat(baseline.loader(id(loader))).isTrue();
        assertThat(baseline.loader(id(root.resolve("bin/harmless")))).isTrue();
        assertThat(baseline.loader(id(program))).isFalse();
    }

    @Test
    void aKeptBaselineIsReadBackOnlyForTheSameRootAndWhole(@TempDir Path data) throws Exception {
        Path app = file("bin/app", "program");
        file("lib/ld-musl-x86_64.so.1", "loader");
        ImageBaseline baseline = baseline(Optional.empty(), Set.of());
        Path kept = data.resolve("baselines/c1.baseline");
        baseline.write(kept, "dir 1 2");
        long device = id(app).device();
        ImageBaseline read = ImageBaseline.read(kept, "dir 1 2", device).orElseThrow();
        assertThat(read.size()).isEqualTo(baseline.size());
        assertThat(read.original(id(app))).isTrue();
        assertThat(read.loader(id(root.resolve("lib/ld-musl-x86_64.so.1")))).isTrue();
        assertThat(ImageBaseline.read(kept, "dir 1 3", device)).as("another root").isEmpty();
        assertThat(ImageBaseline.read(data.resolve("none"), "dir 1 2", device)).isEmpty();

        byte[] bytes = Files.readAllBytes(kept);
        Files.write(kept, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThat(ImageBaseline.read(kept, "dir 1 2", device)).as("truncated").isEmpty();
        byte[] hostileCount = {0x42, 0x57, 0x42, 0x31, 0, 7, 'd', 'i', 'r', ' ', '1', ' ', '2', 1, 0x7f, 0, 0, 0};
        Files.write(kept, hostileCount);
        assertThat(ImageBaseline.read(kept, "dir 1 2", device)).as("a hostile count").isEmpty();
        Files.write(kept, "not a baseline at all".repeat(10_000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ImageBaseline.read(kept, "dir 1 2", device)).as("another file").isEmpty();
    }
}
