package dev.bulwark.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private long entries() throws IOException {
        try (Stream<Path> all = Files.list(dir.resolve("sub"))) {
            return all.count();
        }
    }

    @Test
    void aFileIsReplacedWholeWithItsPermissionsAndNothingLeftBeside() throws IOException {
        Path file = dir.resolve("sub/login.json");
        AtomicFiles.write(file, "first".getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
        assertThat(Files.readString(file)).isEqualTo("first");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        AtomicFiles.write(file, AtomicFiles.PUBLIC, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(file)).isEqualTo("second");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(entries()).as("no temporary file left").isEqualTo(1);
    }

    @Test
    void aWriteThatFailsLeavesTheOldFileAsItWas() throws IOException {
        Path file = dir.resolve("sub/key.pem");
        AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
        assertThatThrownBy(() -> AtomicFiles.write(file, AtomicFiles.OWNER_ONLY, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(entries()).isEqualTo(1);
    }
}
