package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ExecGateTest {

    private static final Workload WEB = new Workload("c1", "web-1", "nv.web", Optional.of(Path.of("/nonexistent")));
    private static final Fanotify.Event EXEC = new Fanotify.Event(Fanotify.FAN_OPEN_EXEC_PERM, 4242,
            Path.of("/tmp/miner"), -1);

    @Test
    void aDecisionThatTakesTooLongIsAllowedAndReported() {
        List<Incident> incidents = new CopyOnWriteArrayList<>();
        Policies policies = Policies.load(Optional.empty(), Mode.Protect, Optional.empty());
        try (ExecGate gate = new ExecGate(pid -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return WEB;
        }, policies, w -> Optional.empty(), incidents::add, "node", 50)) {
            long start = System.nanoTime();
            assertThat(gate.allow(EXEC)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
            assertThat(incidents).singleElement().satisfies(i -> {
                assertThat(i.name()).isEqualTo(Incident.ENFORCER_FAILSAFE);
                assertThat(i.message()).contains("no decision within 50 ms");
            });
            assertThat(gate.counters()).containsExactly(1, 1);
        }
    }

    @Test
    void aFailingDecisionIsAllowedAndReported() {
        List<Incident> incidents = new CopyOnWriteArrayList<>();
        Policies policies = Policies.load(Optional.empty(), Mode.Protect, Optional.empty());
        try (ExecGate gate = new ExecGate(pid -> {
            throw new IllegalStateException("registry broken");
        }, policies, w -> Optional.empty(), incidents::add, "node", 1_000)) {
            assertThat(gate.allow(EXEC)).isTrue();
            assertThat(incidents).singleElement().extracting(Incident::message).asString()
                    .contains("registry broken");
        }
    }

    @Test
    void onlyContainersInProtectAreRefusedAndTheirExecsAreRemembered() {
        List<Incident> incidents = new CopyOnWriteArrayList<>();
        Policies policies = Policies.load(Optional.empty(), Mode.Monitor, Optional.empty());
        try (ExecGate gate = new ExecGate(pid -> pid == 1 ? Workload.HOST : WEB, policies, w -> Optional.empty(),
                incidents::add, "node", 1_000)) {
            assertThat(gate.allow(EXEC)).as("Monitor").isTrue();
            assertThat(gate.recentExec(4242)).map(ExecGate.Exec::path).hasValue("/tmp/miner");
            policies.setMode("nv.web", Mode.Protect);
            assertThat(gate.allow(EXEC)).as("Protect").isFalse();
            assertThat(gate.allow(new Fanotify.Event(Fanotify.FAN_OPEN_EXEC_PERM, 1, Path.of("/tmp/x"), -1)))
                    .as("the host").isTrue();
            assertThat(incidents).singleElement().extracting(Incident::action).isEqualTo(Incident.DENY);
        }
    }
}
