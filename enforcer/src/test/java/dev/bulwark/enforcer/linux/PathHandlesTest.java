package dev.bulwark.enforcer.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Descriptors that name files without following links or opening them. */
class PathHandlesTest {

    @TempDir
    Path dir;

    @Test
    void aLinkIsHandedBackAsItselfWithItsTarget() throws Exception {
        Files.writeString(dir.resolve("file"), "content");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(dir.resolve("up"), Path.of(".."));
        try (PathHandles handles = new PathHandles(); PathHandle root = handles.directory(dir);
                PathHandle link = handles.child(root, "link"); PathHandle up = handles.child(root, "up");
                PathHandle file = handles.child(root, "file")) {
            assertThat(handles.id(link).symbolicLink()).isTrue();
            assertThat(handles.linkTarget(link)).isEqualTo("/etc/passwd");
            assertThat(handles.id(up).symbolicLink()).isTrue();
            assertThat(handles.id(file).regularFile()).isTrue();
            assertThat(handles.id(file).size()).isEqualTo(7);
            assertThat(Files.readString(file.reopenPath())).isEqualTo("content");
            try (PathHandle self = handles.child(root, ".")) {
                assertThat(handles.id(self).directory()).isTrue();
            }
            assertThatThrownBy(() -> handles.directory(dir.resolve("file"))).isInstanceOf(LinuxException.class)
                    .hasMessageContaining("ENOTDIR");
        }
    }

    @Test
    void onlyOneNameInsideTheDirectoryIsLookedUp() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        try (PathHandles handles = new PathHandles(); PathHandle root = handles.directory(dir)) {
            assertThatThrownBy(() -> handles.child(root, "..")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> handles.child(root, "a/b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> handles.child(root, "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> handles.child(root, "absent")).isInstanceOf(LinuxException.class)
                    .extracting(e -> ((LinuxException) e).errno()).isEqualTo(2);
            assertThatThrownBy(() -> handles.directory(dir.resolve("absent"))).isInstanceOf(LinuxException.class);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsNamedWithoutBlocking() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start();
        assertThat(mkfifo.waitFor(20, TimeUnit.SECONDS)).isTrue();
        try (PathHandles handles = new PathHandles(); PathHandle root = handles.directory(dir);
                PathHandle fifo = handles.child(root, "fifo")) {
            FileId id = handles.id(fifo);
            assertThat(id.regularFile()).isFalse();
            assertThat(id.mode() & 0xF000).isEqualTo(0x1000);
        }
    }
}
