package dev.bulwark.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.enforcer.policy.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enforcer against a real podman container (runc runtime, overlay root file system): discovery names it and
 * its image's group, and zero-drift refuses an executable written into the container's upper layer while the
 * image's own run.
 */
class PodmanIT {

    private static final Path PODMAN = Path.of("/usr/bin/podman");
    private static final List<String> GLOBAL = List.of(PODMAN.toString(), "--runtime", "runc", "--cgroup-manager",
            "cgroupfs", "--events-backend", "file");

    @TempDir
    Path dir;

    private record Result(int exitCode, String out) {}

    private static Result podman(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(GLOBAL);
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void zeroDriftRefusesWhatWasWrittenIntoAPodmanContainer() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(PODMAN)
                && Files.isExecutable(Path.of("/usr/sbin/runc")), "needs root, podman and runc: skipped");
        Path root = Files.createDirectories(dir.resolve("rootfs/bin"));
        Files.createDirectories(dir.resolve("rootfs/tmp"));
        Files.copy(Path.of("/usr/bin/busybox"), root.resolve("busybox"));
        for (String applet : List.of("sh", "sleep", "cat", "cp")) {
            Files.createSymbolicLink(root.resolve(applet), Path.of("busybox"));
        }
        Path tar = dir.resolve("rootfs.tar");
        assertThat(new ProcessBuilder("tar", "-C", dir.resolve("rootfs").toString(), "-cf", tar.toString(), ".")
                .start().waitFor()).isZero();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String image = "localhost/bulwark-test:" + tag;
        String name = "bulwark-pm-" + tag;
        Result imported = podman("import", tar.toString(), image);
        assumeTrue(imported.exitCode() == 0, "podman cannot import here: " + imported.out());
        try {
            Result run = podman("run", "-d", "--name", name, "--ulimit", "nofile=1024:1024", "--ulimit",
                    "nproc=4096:4096", image, "sleep", "600");
            assumeTrue(run.exitCode() == 0, "podman cannot run containers here: " + run.out());
            String id = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
            Path policy = Files.writeString(dir.resolve("policy.yaml"), "groups:\n- name: nv.bulwark-test\n"
                    + "  mode: Protect\n  baseline: zero-drift\n");
            Path events = dir.resolve("events.jsonl");
            try (Enforcer enforcer = Enforcer.start(new Enforcer.Settings(Optional.of(policy), dir.resolve("data"),
                    Mode.Discover, Optional.of(events), 1000, "test-node", Optional.empty()), Optional.empty())) {
                Result refused = podman("exec", name, "sh", "-c", "cp /bin/busybox /tmp/cat; /tmp/cat /bin/sh");
                assertThat(refused.exitCode()).isEqualTo(126);
                assertThat(refused.out()).contains("Operation not permitted");
                assertThat(podman("exec", name, "cat", "/proc/self/comm").out()).contains("cat");
                Thread.sleep(300);
                List<JsonNode> incidents = new ArrayList<>();
                for (String line : Files.readAllLines(events)) {
                    incidents.add(new ObjectMapper().readTree(line));
                }
                assertThat(incidents).anySatisfy(e -> {
                    assertThat(e.path("proc_path").asText()).isEqualTo("/tmp/cat");
                    assertThat(e.path("action").asText()).isEqualTo("deny");
                    assertThat(e.path("workload_id").asText()).isEqualTo(id);
                    assertThat(e.path("workload_name").asText()).isEqualTo(name);
                    assertThat(e.path("group").asText()).isEqualTo("nv.bulwark-test");
                });
                assertThat(incidents).as("the image's own programs run")
                        .noneMatch(e -> e.path("proc_path").asText().equals("/bin/busybox"));
            }
        } finally {
            podman("rm", "-f", "-t", "0", name);
            podman("rmi", "-f", image);
        }
    }
}
