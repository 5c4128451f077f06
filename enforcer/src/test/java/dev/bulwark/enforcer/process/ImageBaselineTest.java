package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zero-drift's record of an image: what an attacker inside the container might do to pass a new binary as old. */
class ImageBaselineTest {

    @TempDir
    Path root;

    private Path executable(String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void theImagesExecutablesAreOriginalUntilTouched() throws Exception {
        executable("bin/app", "#!/bin/sh\necho good\n");
        Files.writeString(root.resolve("etc-motd"), "not executable");
        ImageBaseline baseline = ImageBaseline.of(root).orElseThrow();
        assertThat(baseline.size()).isEqualTo(1);
        assertThat(baseline.original("/bin/app")).isTrue();
        assertThat(baseline.original("/etc-motd")).isFalse();
        assertThat(baseline.original("/bin/new")).isFalse();
        assertThat(baseline.original("/../bin/app")).isFalse();
    }

    @Test
    void aRewriteOfTheSameSizeWithItsOldModificationTimePutBackIsDrift() throws Exception {
        Path app = executable("bin/app", "#!/bin/sh\necho good\n");
        FileTime modified = Files.getLastModifiedTime(app);
        long size = Files.size(app);
        ImageBaseline baseline = ImageBaseline.of(root).orElseThrow();
        Thread.sleep(20); // the kernel's clock for ctime moves in ticks
        Files.writeString(app, "#!/bin/sh\necho evil\n");
        Files.setLastModifiedTime(app, modified);
        assertThat(Files.size(app)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(app)).isEqualTo(modified);
        assertThat(baseline.original("/bin/app")).isFalse();
    }

    @Test
    void aFileRenamedIntoPlaceIsDriftWhateverItsTimes() throws Exception {
        Path app = executable("bin/app", "#!/bin/sh\necho good\n");
        ImageBaseline baseline = ImageBaseline.of(root).orElseThrow();
        Path other = executable("tmp/app", "#!/bin/sh\necho evil\n");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(app));
        Files.move(other, app, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(baseline.original("/bin/app")).isFalse();
    }

    @Test
    void aRootThatCannotBeReadGivesNoBaselineSoItIsTriedAgain() {
        assertThat(ImageBaseline.of(root.resolve("gone"))).isEmpty();
    }
}
