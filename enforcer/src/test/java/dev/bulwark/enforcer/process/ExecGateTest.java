package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.linux.FileId;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exec gate's decisions on files it is handed. The processes are not real ({@code proc} is an empty
 * directory), so what a real process asks for is covered by the integration tests.
 */
class ExecGateTest {

    private static final Workload WEB = new Workload("c1", "web-1", "nv.web", Optional.of(Path.of("/nonexistent")));

    @TempDir
    Path proc;

    private static Fanotify.Event exec(int pid, String path, FileId file) {
        return new Fanotify.Event(Fanotify.FAN_OPEN_EXEC_PERM, pid, Path.of(path), file);
    }

    @Test
    void onlyContainersInProtectAreRefusedAndTheirExecsAreRemembered() {
        List<Incident> incidents = new CopyOnWriteArrayList<>();
        Policies policies = Policies.load(Optional.empty(), Mode.Monitor, Optional.empty());
        ExecGate gate = new ExecGate(proc, pid -> pid == 1 ? Workload.HOST : WEB, policies,
                (w, wait) -> Optional.empty(), Duration.ZERO, incidents::add, "node");
        assertThat(gate.allow(exec(4242, "/tmp/miner", FileId.UNKNOWN))).as("Monitor").isTrue();
        assertThat(gate.takeRecentExec(4242)).map(ExecGate.Exec::path).hasValue("/tmp/miner");
        assertThat(gate.takeRecentExec(4242)).as("taken once").isEmpty();
        policies.setMode("nv.web", Mode.Protect);
        assertThat(gate.allow(exec(4242, "/tmp/miner", FileId.UNKNOWN))).as("Protect").isFalse();
        assertThat(gate.takeRecentExec(4242)).as("a refused exec never runs").isEmpty();
        assertThat(gate.allow(exec(1, "/tmp/x", FileId.UNKNOWN))).as("the host").isTrue();
        assertThat(incidents).singleElement().extracting(i -> i.outcome().action()).isEqualTo(Incident.DENY);
    }

    @Test
    void theFileIsJudgedNotItsNameAndTheImagesLoaderRunsUnderABasicProfile(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("lib64"));
        Files.createDirectories(root.resolve("usr/bin"));
        for (String file : new String[] {"lib64/ld-linux-x86-64.so.2", "usr/bin/curl", "usr/bin/other"}) {
            Files.writeString(root.resolve(file), "binary " + file);
            root.resolve(file).toFile().setExecutable(true);
        }
        Workload w = new Workload("c1", "web-1", "nv.web", Optional.of(root));
        Policies policies = Policies.load(Optional.empty(), Mode.Protect, Optional.empty());
        policies.learn("nv.web", "curl", "/usr/bin/curl", "root");
        ImageBaseline baseline = ImageBaseline.build(root, new long[] {FileId.of(root).device()}, Optional.empty(),
                Set.of());
        List<Incident> incidents = new CopyOnWriteArrayList<>();
        ExecGate gate = new ExecGate(proc, pid -> w, policies, (x, wait) -> Optional.of(baseline), Duration.ZERO,
                incidents::add, "node");
        FileId loader = FileId.of(root.resolve("lib64/ld-linux-x86-64.so.2"));
        assertThat(gate.allow(exec(7, "/usr/bin/curl", FileId.of(root.resolve("usr/bin/curl"))))).isTrue();
        assertThat(gate.allow(exec(7, "/lib64/ld-linux-x86-64.so.2", loader))).isTrue();
        assertThat(gate.takeRecentExec(7)).map(ExecGate.Exec::path).hasValue("/usr/bin/curl");

        policies.setMode("nv.web", Mode.Discover);
        Files.writeString(root.resolve("lib64/ld-linux-x86-64.so.2"), "rewritten");
        policies.setMode("nv.web", Mode.Protect);
        assertThat(gate.allow(exec(8, "/lib64/ld-linux-x86-64.so.2", FileId.of(root.resolve(
                "lib64/ld-linux-x86-64.so.2"))))).as("a rewritten loader").isFalse();

        Path file = Files.writeString(proc.resolve("policy.yaml"), """
                groups:
                - {name: nv.web, mode: Protect, baseline: zero-drift}
                """);
        gate = new ExecGate(proc, pid -> w, Policies.load(Optional.of(file), Mode.Protect, Optional.empty()),
                (x, wait) -> Optional.of(baseline), Duration.ZERO, incidents::add, "node");
        assertThat(gate.allow(exec(9, "/usr/bin/other", FileId.of(root.resolve("usr/bin/other")))))
                .as("zero-drift: the image's program").isTrue();
        assertThat(gate.allow(exec(9, "/usr/bin/other", FileId.of(root.resolve("usr/bin/curl")))))
                .as("judged by the file: curl's, unchanged").isTrue();
        Files.writeString(root.resolve("payload"), "dropped");
        assertThat(gate.allow(exec(9, "/usr/bin/other", FileId.of(root.resolve("payload")))))
                .as("a dropped file under an image program's name (a swap between check and use)").isFalse();
        assertThat(incidents).extracting(i -> i.outcome().action()).containsOnly(Incident.DENY);
    }
}
