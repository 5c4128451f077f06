package dev.bulwark.enforcer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuncContainerIT {

    @TempDir
    Path dir;

    @BeforeEach
    void needsRunc() {
        RuncContainer.assumeAvailable();
    }

    @Test
    void runsTheArgsWithExtraFilesAndExecsBesideThem() throws IOException {
        String id;
        try (RuncContainer c = RuncContainer.builder(dir).applets("sh", "sleep", "cat").args("sleep", "30")
                .file("etc/motd", "hello\n").symlink("etc/issue", "motd")
                .config(spec -> spec.put("hostname", "bulwark-test")).start()) {
            id = c.id();

            assertThat(c.pid()).isPositive();
            assertThat(Files.readString(Path.of("/proc/" + c.pid() + "/cmdline"))).isEqualTo("sleep\u000030\u0000");
            assertThat(c.exec("cat", "/etc/issue").requireSuccess().stdout()).isEqualTo("hello\n");
            assertThat(c.exec("sh", "-c", "cat /proc/sys/kernel/hostname; exit 3"))
                    .extracting(RuncContainer.Result::exitCode, RuncContainer.Result::stdout)
                    .containsExactly(3, "bulwark-test\n");
        }
        assertThat(RuncContainer.STATE_ROOT.resolve(id)).doesNotExist();
    }
}
