package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import dev.bulwark.enforcer.policy.ProcessRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rescan after the kernel lost events, over a tree laid out as {@code /proc} is, whose pids and start times the
 * test controls: a pid reused while its exit was lost is judged again, not taken for the process it had before.
 */
class ProcessMonitorRescanTest {

    @TempDir
    Path proc;

    /** Process {@code pid} as {@code /proc} shows it: its executable link, status, command line and stat. */
    private void process(int pid, String program, long startTime) throws Exception {
        Path dir = proc.resolve(Integer.toString(pid));
        if (Files.exists(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        } else {
            Files.createDirectory(dir);
        }
        String name = program.substring(program.lastIndexOf('/') + 1);
        Files.createSymbolicLink(dir.resolve("exe"), Path.of(program));
        Files.writeString(dir.resolve("status"), "Name:\t%s\nPPid:\t1\nUid:\t0\t0\t0\t0\n".formatted(name));
        Files.writeString(dir.resolve("cmdline"), program + "\0");
        Files.writeString(dir.resolve("stat"), "%d (%s) S 1 %d %d 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 %d 0 0"
                .formatted(pid, name, pid, pid, startTime));
    }

    @Test
    void aPidReusedWhileItsExitWasLostIsJudgedAgain() throws Exception {
        Policies policies = Policies.load(Optional.empty(), Mode.Discover, Optional.empty());
        ProcessMonitor monitor = new ProcessMonitor(proc, pid -> Workload.HOST, policies, (w, wait) -> Optional.empty(),
                incident -> { }, pid -> Optional.empty(), "test-node");
        process(4242, "/usr/bin/first", 100);
        monitor.rescan();
        assertThat(learned(policies)).containsExactly("first");

        process(4242, "/usr/bin/second", 200); // exited, its exit lost, and its pid given to another program
        monitor.rescan();
        assertThat(learned(policies)).containsExactlyInAnyOrder("first", "second");

        Files.walk(proc.resolve("4242")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        monitor.rescan(); // gone: forgotten, so that the pid is judged whenever it comes back
        process(4242, "/usr/bin/second", 200);
        process(4243, "/usr/bin/third", 300);
        monitor.rescan();
        assertThat(learned(policies)).containsExactlyInAnyOrder("first", "second", "third");
        monitor.rescan();
        assertThat(monitor.counters()[0]).as("each process judged once").isEqualTo(4);
    }

    private static java.util.List<String> learned(Policies policies) {
        return policies.of("nodes").process().stream().map(ProcessRule::name).toList();
    }
}
