package dev.bulwark.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.testing.EventsFile;
import dev.bulwark.enforcer.testing.Podman;
import dev.bulwark.enforcer.testing.RuncContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enforcer against a real podman container (runc runtime, overlay root file system): discovery names it and
 * its image's group, and zero-drift refuses an executable written into the container's upper layer while the
 * image's own run, also after a new user and mount namespace.
 */
class PodmanIT {

    @TempDir
    Path dir;

    @Test
    void zeroDriftRefusesWhatWasWrittenIntoAPodmanContainer() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Podman.PODMAN)
                && Files.isExecutable(Path.of("/usr/sbin/runc")), "needs root, podman and runc: skipped");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String image = "localhost/bulwark-test:" + tag;
        String name = "bulwark-pm-" + tag;
        RuncContainer.Result imported = Podman.importBusybox(dir, image,
                List.of("sh", "sleep", "cat", "cp", "unshare", "true"));
        assumeTrue(imported.exitCode() == 0, "podman cannot import here: " + imported.stdout() + imported.stderr());
        try {
            RuncContainer.Result run = Podman.run(dir, "run", "-d", "--name", name, "--ulimit", "nofile=1024:1024",
                    "--ulimit", "nproc=4096:4096", image, "sleep", "600");
            assumeTrue(run.exitCode() == 0, "podman cannot run containers here: " + run.stdout() + run.stderr());
            String id = run.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
            Path policy = Files.writeString(dir.resolve("policy.yaml"), "groups:\n- name: nv.bulwark-test\n"
                    + "  mode: Protect\n  baseline: zero-drift\n");
            Path events = dir.resolve("events.jsonl");
            try (Enforcer enforcer = Enforcer.start(new Enforcer.Settings(Optional.of(policy), dir.resolve("data"),
                    Mode.Discover, Optional.of(events), 1000, "test-node", Optional.empty()), Optional.empty())) {
                RuncContainer.Result refused = Podman.run(dir, "exec", name, "sh", "-c",
                        "cp /bin/busybox /tmp/cat; /tmp/cat /bin/sh");
                assertThat(refused.exitCode()).as(refused.stdout() + refused.stderr()).isEqualTo(126);
                assertThat(refused.stdout() + refused.stderr()).contains("Operation not permitted");
                assertThat(Podman.run(dir, "exec", name, "cat", "/proc/self/comm").stdout()).contains("cat");
                RuncContainer.Result nested = Podman.run(dir, "exec", name, "sh", "-c",
                        "unshare -Um /bin/true && /tmp/cat /bin/sh");
                assertThat(nested.exitCode()).as("a new mount namespace changes nothing: " + nested.stdout()
                        + nested.stderr()).isEqualTo(126);
                JsonNode denied = new EventsFile(events).await(e -> e.path("proc_path").asText().equals("/tmp/cat"),
                        () -> enforcer.counters().toString());
                assertThat(denied.path("action").asText()).isEqualTo("deny");
                assertThat(denied.path("workload_id").asText()).isEqualTo(id);
                assertThat(denied.path("workload_name").asText()).isEqualTo(name);
                assertThat(denied.path("group").asText()).isEqualTo("nv.bulwark-test");
                List<JsonNode> incidents = new EventsFile(events).all();
                assertThat(incidents).as("the image's own programs run")
                        .noneMatch(e -> e.path("proc_path").asText().equals("/bin/busybox"));
            }
        } finally {
            Podman.run(dir, "rm", "-f", "-t", "0", name);
            Podman.run(dir, "rmi", "-f", image);
        }
    }
}
