package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecGateTest {

    private static final Workload WEB = new Workload("c1", "web-1", "nv.web", Optional.of(Path.of("/nonexistent")));

    private static Fanotify.Event exec(int pid, String path) {
        return new Fanotify.Event(Fanotify.FAN_OPEN_EXEC_PERM, pid, Path.of(path), -1);
    }

    @Test
    void onlyContainersInProtectAreRefusedAndTheirExecsAreRemembered() {
        List<Incident> incidents = new CopyOnWriteArrayList<>();
        Policies policies = Policies.load(Optional.empty(), Mode.Monitor, Optional.empty());
        ExecGate gate = new ExecGate(pid -> pid == 1 ? Workload.HOST : WEB, policies, w -> Optional.empty(),
                incidents::add, "node");
        assertThat(gate.allow(exec(4242, "/tmp/miner"))).as("Monitor").isTrue();
        assertThat(gate.recentExec(4242)).map(ExecGate.Exec::path).hasValue("/tmp/miner");
        policies.setMode("nv.web", Mode.Protect);
        assertThat(gate.allow(exec(4242, "/tmp/miner"))).as("Protect").isFalse();
        assertThat(gate.allow(exec(1, "/tmp/x"))).as("the host").isTrue();
        assertThat(incidents).singleElement().extracting(Incident::action).isEqualTo(Incident.DENY);
    }

    @Test
    void theImagesLoaderRunsUnderABasicProfileAndIsNeverTakenForTheProgram(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("lib64"));
        Files.createDirectories(root.resolve("usr/bin"));
        for (String file : new String[] {"lib64/ld-linux-x86-64.so.2", "usr/bin/curl"}) {
            Files.writeString(root.resolve(file), "binary");
            root.resolve(file).toFile().setExecutable(true);
        }
        Workload w = new Workload("c1", "web-1", "nv.web", Optional.of(root));
        Policies policies = Policies.load(Optional.empty(), Mode.Protect, Optional.empty());
        policies.learn("nv.web", "curl", "/usr/bin/curl", "root");
        ImageBaseline baseline = ImageBaseline.of(root).orElseThrow();
        ExecGate gate = new ExecGate(pid -> w, policies, x -> Optional.of(baseline), i -> { }, "node");
        assertThat(gate.allow(exec(7, "/usr/bin/curl"))).isTrue();
        assertThat(gate.allow(exec(7, "/lib64/ld-linux-x86-64.so.2"))).isTrue();
        assertThat(gate.recentExec(7)).map(ExecGate.Exec::path).hasValue("/usr/bin/curl");

        policies.setMode("nv.web", Mode.Discover);
        Files.writeString(root.resolve("lib64/ld-linux-x86-64.so.2"), "rewritten");
        policies.setMode("nv.web", Mode.Protect);
        assertThat(gate.allow(exec(8, "/lib64/ld-linux-x86-64.so.2"))).as("a rewritten loader").isFalse();
    }
}
