package dev.bulwark.enforcer;

import dev.bulwark.core.testing.Patience;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.ProcessRule;
import dev.bulwark.enforcer.testing.EventsFile;
import dev.bulwark.enforcer.testing.RuncContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enforcer against real runc containers: it learns a profile in Discover, reports exactly what is outside it
 * in Monitor, refuses new executables before they run and kills unknown processes in Protect, and reports
 * network tools, reverse shells and escalation to root in every mode.
 */
class EnforcerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path events;
    RuncContainer container;
    Enforcer enforcer;
    String group;

    @BeforeEach
    void start() throws IOException {
        RuncContainer.assumeAvailable();
        container = RuncContainer.builder(dir.resolve("bundle")).args("sleep", "600")
                .applets("sh", "sleep", "cat", "wc", "od", "cp", "nc", "echo", "true")
                .file("tmp/.keep", "").file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
                .file("etc/secret", "s3cret\n").file("srv/deep/er/key", "k3y\n").hostNetwork()
                .config(EnforcerIT::setuidWorks).start();
        group = "nv." + container.id();
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                groups:
                - name: %s
                  mode: Discover
                  baseline: basic
                  file:
                  - {filter: /etc/secret, behavior: block_access, applications: [cat]}
                  - {filter: /srv/*, recursive: true, behavior: block_access, applications: [cat]}
                """.formatted(group));
        events = dir.resolve("events.jsonl");
        enforcer = Enforcer.start(new Enforcer.Settings(Optional.of(policy), dir.resolve("data"), Mode.Discover,
                Optional.of(events), 1000, "test-node", Optional.empty()), Optional.empty());
    }

    /**
     * Setuid programs work in the container (runc's default sets no_new_privs), for the escalation; it shares the
     * host's network, for the reverse shell.
     */
    private static void setuidWorks(com.fasterxml.jackson.databind.node.ObjectNode spec) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) spec.path("process")).put("noNewPrivileges", false);
    }

    @AfterEach
    void stop() throws IOException {
        if (enforcer != null) {
            enforcer.close();
        }
        if (container != null) {
            container.close();
        }
    }

    private List<JsonNode> incidents() throws IOException {
        return new EventsFile(events).all();
    }

    private JsonNode awaitIncident(Predicate<JsonNode> wanted) throws Exception {
        return new EventsFile(events).await(wanted, () -> "enforcer counters %s; policy %s".formatted(
                enforcer.counters(), enforcer.policies().of(group)));
    }

    private static Predicate<JsonNode> named(String name, String process) {
        return e -> e.path("name").asText().equals(name) && e.path("proc_name").asText().equals(process);
    }

    /** Gives the enforcer time to handle what the container just did: milliseconds, even on a loaded machine. */
    private void settle() throws Exception {
        Thread.sleep(300);
    }

    @Test
    void discoverLearnsMonitorReportsProtectRefusesAndKills() throws Exception {
        container.exec("sh", "-c", "sleep 0.1 | cat; sleep 0.1 | wc").requireSuccess();
        settle();
        List<String> learned = enforcer.policies().of(group).process().stream().map(ProcessRule::name).toList();
        assertThat(learned).contains("sh", "sleep", "cat", "wc");
        assertThat(enforcer.policies().of(group).process()).allMatch(r -> r.cfgType().equals(ProcessRule.LEARNED)
                && r.path().equals("/bin/busybox") && "root".equals(r.user()));
        assertThat(incidents()).as("nothing to report while learning").isEmpty();

        enforcer.setMode(group, Mode.Monitor);
        container.exec("sh", "-c", "sleep 0.1 | cat; sleep 0.1 | od").requireSuccess();
        JsonNode violation = awaitIncident(named("Process.Profile.Violation", "od"));
        assertThat(violation.path("action").asText()).isEqualTo("violate");
        assertThat(violation.path("group").asText()).isEqualTo(group);
        assertThat(violation.path("workload_id").asText()).isEqualTo(container.id());
        assertThat(violation.path("proc_path").asText()).isEqualTo("/bin/busybox");
        assertThat(violation.path("proc_parent_name").asText()).isEqualTo("sh");
        settle();
        assertThat(incidents()).as("exactly the one process outside the profile").hasSize(1);

        container.exec("cp", "/bin/busybox", "/tmp/echo").requireSuccess();
        enforcer.setMode(group, Mode.Protect);
        RuncContainer.Result refused = container.exec("sh", "-c", "/tmp/echo hi");
        assertThat(refused.exitCode()).isEqualTo(126);
        assertThat(refused.stderr()).contains("Operation not permitted");
        JsonNode denied = awaitIncident(e -> e.path("proc_path").asText().equals("/tmp/echo"));
        assertThat(denied.path("name").asText()).isEqualTo("Process.Profile.Violation");
        assertThat(denied.path("action").asText()).isEqualTo("deny");

        assertThat(container.exec("cat", "/proc/self/comm").requireSuccess().stdout()).contains("cat");
        RuncContainer.Result killed = container.exec("sh", "-c", "sleep 2 | od; echo still-here");
        assertThat(killed.stdout()).doesNotContain("0000000").contains("still-here");
        JsonNode kill = awaitIncident(e -> named("Process.Profile.Violation", "od").test(e)
                && e.path("action").asText().equals("deny"));
        assertThat(kill.path("level").asText()).isEqualTo("Critical");
    }

    @Test
    void networkToolsAndReverseShellsAreReportedInEveryModeAndNeverLearned() throws Exception {
        int port = 20000 + new java.util.Random().nextInt(20000);
        container.exec("sh", "-c", "nc -l -p %d & sleep 0.5; kill $!".formatted(port + 2));
        JsonNode tunnel = awaitIncident(named("Container.Tunnel.Detected", "nc"));
        assertThat(tunnel.path("action").asText()).isEqualTo("violate");
        assertThat(enforcer.policies().of(group).process()).noneMatch(r -> r.name().equals("nc"));

        enforcer.setMode(group, Mode.Monitor);
        container.exec("sh", "-c", "sleep 2 | nc -l -p %d > /dev/null & sleep 0.3; nc 127.0.0.1 %d -e /bin/sh; true"
                .formatted(port, port));
        JsonNode shell = awaitIncident(e -> e.path("name").asText().equals("Container.Tunnel.Detected")
                && e.path("message").asText().startsWith("reverse shell"));
        assertThat(shell.path("proc_name").asText()).isEqualTo("sh");

        enforcer.setMode(group, Mode.Protect);
        RuncContainer.Result stopped = container.exec("sh", "-c", ("nc -l -p %d & sleep 1; kill $! 2>/dev/null;"
                + " echo after").formatted(port + 1));
        assertThat(stopped.stdout()).contains("after");
        assertThat(awaitIncident(e -> named("Container.Tunnel.Detected", "nc").test(e)
                && e.path("action").asText().equals("deny"))).isNotNull();
    }

    @Test
    void watchedFilesAreReportedAndBlockAccessRulesLearnReportAndRefuse() throws Exception {
        container.exec("sh", "-c", "echo 'eve:x:0:0::/:/bin/sh' >> /etc/passwd; sleep 0.3").requireSuccess();
        JsonNode changed = awaitIncident(e -> e.path("file_path").asText().equals("/etc/passwd"));
        assertThat(changed.path("name").asText()).isEqualTo("Container.FileAccess.Violation");
        assertThat(changed.path("proc_name").asText()).isEqualTo("sh");

        assertThat(container.exec("wc", "-c", "/etc/secret").requireSuccess().stdout()).contains("7");
        container.exec("sh", "-c", "sleep 0.2 | cat; sleep 0.2 | od; sleep 0.2 | wc").requireSuccess();
        settle();
        assertThat(enforcer.policies().of(group).file().getFirst().applications()).containsExactly("cat", "wc");

        enforcer.setMode(group, Mode.Monitor);
        assertThat(container.exec("od", "-c", "/etc/secret").requireSuccess().stdout()).contains("s   3   c");
        JsonNode reported = awaitIncident(e -> e.path("file_path").asText().equals("/etc/secret"));
        assertThat(reported.path("action").asText()).isEqualTo("violate");
        assertThat(reported.path("proc_name").asText()).isEqualTo("od");

        enforcer.setMode(group, Mode.Protect);
        RuncContainer.Result refused = container.exec("od", "-c", "/etc/secret");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("/etc/secret").containsAnyOf("not permitted", "Permission denied");
        assertThat(awaitIncident(e -> e.path("file_path").asText().equals("/etc/secret")
                && e.path("action").asText().equals("deny")).path("level").asText()).isEqualTo("Critical");
        assertThat(container.exec("cat", "/etc/secret").requireSuccess().stdout()).isEqualTo("s3cret\n");
        assertThat(container.exec("od", "-c", "/srv/deep/er/key").exitCode()).as("a recursive rule").isNotZero();
        assertThat(container.exec("cat", "/srv/deep/er/key").requireSuccess().stdout()).isEqualTo("k3y\n");
        assertThat(container.exec("wc", "-c", "/etc/secret").requireSuccess().stdout()).contains("7");
        assertThat(container.exec("cat", "/etc/passwd").requireSuccess().stdout()).as("other files are untouched")
                .contains("root:x:0:0");
    }

    @Test
    void aProgramLearnedForRootIsAViolationWhenAnotherUserRunsIt() throws Exception {
        container.exec("sh", "-c", "sleep 0.1 | cat").requireSuccess();
        settle();
        enforcer.setMode(group, Mode.Monitor);
        container.execAs("1000:1000", "sh", "-c", "sleep 0.2 | cat").requireSuccess();
        JsonNode violation = awaitIncident(named("Process.Profile.Violation", "cat"));
        assertThat(violation.path("proc_effective_uid").asInt()).isEqualTo(1000);
        container.exec("sh", "-c", "sleep 0.2 | cat").requireSuccess();
        settle();
        assertThat(incidents()).as("as root, as learned: nothing").allMatch(e -> e.path("proc_effective_uid")
                .asInt() == 1000);
    }

    @Test
    void aSetuidRootProgramRunByAnotherUserIsAnEscalation() throws Exception {
        Path gcc = Path.of("/usr/bin/gcc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(gcc), "gcc is needed to build the setuid "
                + "program: skipped");
        Path source = Files.writeString(dir.resolve("hold.c"), "#include <unistd.h>\nint main(void) { sleep(1); "
                + "return 0; }\n");
        Path binary = container.rootfs().resolve("hold");
        assertThat(new ProcessBuilder(gcc.toString(), "-static", "-O2", "-o", binary.toString(), source.toString())
                .inheritIO().start().waitFor()).isZero();
        assertThat(new ProcessBuilder("chmod", "4755", binary.toString()).start().waitFor()).isZero();

        container.execAs("1000:1000", "/hold").requireSuccess();
        JsonNode escalation = awaitIncident(named("Container.Privilege.Escalation", "hold"));
        assertThat(escalation.path("proc_real_uid").asInt()).isEqualTo(1000);
        assertThat(escalation.path("proc_effective_uid").asInt()).isZero();
        container.exec("/hold").requireSuccess();
        settle();
        assertThat(incidents()).as("root running it is no escalation")
                .filteredOn(e -> e.path("name").asText().equals("Container.Privilege.Escalation")).hasSize(1);
    }

    @Test
    void tenThousandShortProcessesAreAllCountedAndPathsWithNewlinesStayOneLine() throws Exception {
        long before = enforcer.counters().get("execs");
        container.exec("sh", "-c", "i=0; while [ $i -lt 10000 ]; do /bin/true; i=$((i+1)); done").requireSuccess();
        Patience.await(() -> enforcer.counters().get("execs") - before >= 10_000,
                () -> "execs counted: " + (enforcer.counters().get("execs") - before));
        var counters = enforcer.counters();
        assertThat(counters.get("execs") - before).as("every exec reached the enforcer").isGreaterThanOrEqualTo(10_000);
        assertThat(counters.get("lost")).as("no kernel buffer overflow").isZero();
        assertThat(counters.get("errors")).isZero();

        container.exec("sh", "-c", "sleep 0.1; cp /bin/busybox '/tmp/two\nlines'").requireSuccess();
        settle();
        enforcer.setMode(group, Mode.Protect);
        assertThat(container.exec("sh", "-c", "'/tmp/two\nlines' true").exitCode()).isEqualTo(126);
        JsonNode odd = awaitIncident(e -> e.path("proc_path").asText().equals("/tmp/two\nlines"));
        assertThat(odd.path("action").asText()).isEqualTo("deny");
        assertThat(Files.readAllLines(events)).allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).isTrue());
    }

    @Test
    void aContainerDyingWhileItsExecsAreDecidedHarmsNothingElse() throws Exception {
        container.exec("sh", "-c", "sleep 0.1; cp /bin/busybox /tmp/echo").requireSuccess();
        settle();
        enforcer.setMode(group, Mode.Protect);
        try (RuncContainer doomed = RuncContainer.builder(dir.resolve("doomed")).args("sh", "-c",
                "while true; do /bin/true; done").applets("sh", "true").start()) {
            enforcer.setMode("nv." + doomed.id(), Mode.Protect);
            Thread.sleep(300);
        }
        assertThat(enforcer.counters().get("errors")).isZero();
        assertThat(container.exec("sh", "-c", "/tmp/echo x").exitCode()).as("the gate still decides").isEqualTo(126);
    }

    @Test
    void stoppingTheEnforcerLeavesTheContainerWorking() throws Exception {
        container.exec("sh", "-c", "sleep 0.1; cp /bin/busybox /tmp/echo").requireSuccess();
        settle();
        enforcer.setMode(group, Mode.Protect);
        assertThat(container.exec("sh", "-c", "/tmp/echo true").exitCode()).isEqualTo(126);
        enforcer.close();
        enforcer = null;
        assertThat(container.exec("/tmp/echo", "free").requireSuccess().stdout()).contains("free");
    }
}
