package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessInfoTest {

    @Test
    void readsALiveProcessAndNothingOfAGoneOne() throws Exception {
        Process p = new ProcessBuilder("/bin/sleep", "5").start();
        try {
            ProcessInfo info = ProcessInfo.read(Path.of("/proc"), (int) p.pid()).orElseThrow();
            assertThat(info.name()).isEqualTo("sleep");
            assertThat(info.path()).isEqualTo(Path.of("/bin/sleep").toRealPath().toString());
            assertThat(info.cmdline()).isEqualTo("/bin/sleep 5");
            assertThat(info.ppid()).isEqualTo((int) ProcessHandle.current().pid());
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertThat(ProcessInfo.read(Path.of("/proc"), (int) p.pid())).isEmpty();
        assertThat(ProcessInfo.read(Path.of("/proc"), Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void programsRunThroughProcSelfExeAreNamedByTheirArgvZero() {
        assertThat(ProcessInfo.name("exe", List.of("cat", "/etc/passwd"))).isEqualTo("cat");
        assertThat(ProcessInfo.name("exe", List.of("/usr/bin/some-very-long-program-name", "x")))
                .isEqualTo("some-very-long-");
        assertThat(ProcessInfo.name("exe", List.of())).isEqualTo("exe");
        assertThat(ProcessInfo.name("nginx", List.of("nginx: worker process"))).isEqualTo("nginx");
    }

    @Test
    void malformedProcEntriesReadAsGone(@TempDir Path proc) throws Exception {
        Path dir = Files.createDirectories(proc.resolve("42"));
        Files.writeString(dir.resolve("status"), "Name:\tx\nPPid:\tnot-a-number\nUid:\t0\t0\t0\t0\n");
        Files.write(dir.resolve("cmdline"), new byte[0]);
        assertThat(ProcessInfo.read(proc, 42)).isEmpty();
        Files.writeString(dir.resolve("status"), "garbage\u0000\n".repeat(1000));
        assertThat(ProcessInfo.read(proc, 42)).isEmpty();
    }
}
