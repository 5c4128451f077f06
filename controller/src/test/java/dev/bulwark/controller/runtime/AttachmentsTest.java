package dev.bulwark.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files on their way to a scanner: bounded each and in all, counted back when deleted, found by id only. */
class AttachmentsTest {

    @TempDir
    Path dir;

    @Test
    void eachFileAndAllTogetherAreBoundedAndDeletingGivesTheRoomBack() throws IOException {
        Attachments attachments = new Attachments(dir, 100, 150);
        Attachments.Writing first = attachments.create();
        try (OutputStream out = first.out()) {
            out.write(new byte[100]);
            assertThatThrownBy(() -> out.write(1)).hasMessageContaining("larger than the controller takes");
        }
        Attachments.Writing second = attachments.create();
        try (OutputStream out = second.out()) {
            out.write(new byte[50]);
            assertThatThrownBy(() -> out.write(new byte[10])).as("150 bytes held at most")
                    .hasMessageContaining("larger than the controller takes");
        }
        assertThat(attachments.used()).isEqualTo(150);

        attachments.delete(first.id());
        assertThat(attachments.path(first.id())).isEmpty();
        assertThat(attachments.used()).isEqualTo(50);
        Attachments.Writing third = attachments.create();
        try (OutputStream out = third.out()) {
            out.write(new byte[100]);
        }
        assertThat(attachments.path(third.id())).isPresent();
    }

    @Test
    void onlyAnIdOfItsOwnNamesAFileAndWhatAnEarlierRunLeftIsGone() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/0123456789abcdef0123456789abcdef"), "left over");
        Attachments attachments = new Attachments(dir.resolve("a"));
        assertThat(attachments.path("0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(attachments.path("../../etc/passwd")).isEmpty();
        assertThat(attachments.path("")).isEmpty();
        Attachments.Writing w = attachments.create();
        w.out().close();
        assertThat(w.id()).matches("[0-9a-f]{32}");
        assertThat(attachments.path(w.id().toUpperCase())).isEmpty();
    }
}
