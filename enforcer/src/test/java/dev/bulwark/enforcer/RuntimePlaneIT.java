package dev.bulwark.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.testing.ControllerProcess;
import dev.bulwark.enforcer.testing.Podman;
import dev.bulwark.enforcer.testing.RuncContainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime plane end to end: a real controller (in a process of its own, so that it can be killed with SIGKILL)
 * and a real enforcer joined to it with a token over the real link, against real runc and podman containers, seen
 * only through NeuVector's REST API.
 */
class RuntimePlaneIT {

    @TempDir
    Path dir;

    ControllerProcess controller;
    Rest rest;
    Enforcer enforcer;
    final List<RuncContainer> containers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        RuncContainer.assumeAvailable();
        controller = ControllerProcess.start(dir.resolve("controller"), ControllerProcess.freePort(),
                ControllerProcess.freePort());
        rest = controller.login();
        Rest.Reply token = rest.send("POST", "/v1/enforcer/join_token", "{\"duration\": 600}");
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        enforcer = Enforcer.start(new Enforcer.Settings(Optional.empty(), dir.resolve("enforcer"), Mode.Discover,
                Optional.of(dir.resolve("events.jsonl")), 1000, "test-node", Optional.empty(),
                Optional.of(new Enforcer.Link("127.0.0.1:" + controller.linkPort,
                        Optional.of(token.body().path("token").asText()), Optional.empty()))), Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        for (RuncContainer c : containers) {
            c.close();
        }
        if (enforcer != null) {
            enforcer.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    private RuncContainer container(String... args) throws Exception {
        RuncContainer c = RuncContainer.builder(dir.resolve("bundle-" + containers.size())).args(args)
                .applets("sh", "sleep", "cat", "cp", "true", "nc", "kill").file("etc/passwd",
                        "root:x:0:0:root:/:/bin/sh\n").file("tmp/.keep", "").hostNetwork().start();
        containers.add(c);
        return c;
    }

    private JsonNode await(String path, java.util.function.Predicate<Rest.Reply> wanted) throws Exception {
        Rest.Reply[] last = {null};
        Patience.await(() -> {
            try {
                last[0] = rest.get(path);
                return wanted.test(last[0]);
            } catch (Exception e) {
                return false;
            }
        }, () -> "GET " + path + " answered " + last[0] + "; enforcer " + (enforcer == null ? "stopped"
                : enforcer.counters() + ", link connected " + enforcer.link().orElseThrow().connected() + " after "
                + enforcer.link().orElseThrow().sessions() + " sessions"));
        return last[0].body();
    }

    private static List<String> learned(JsonNode profile) {
        return StreamSupport.stream(profile.path("process_profile").path("process_list").spliterator(), false)
                .filter(e -> e.path("cfg_type").asText().equals("learned"))
                .map(e -> e.path("name").asText() + " " + e.path("path").asText()).sorted().toList();
    }

    @Test
    void containerIsListedLearnedProtectedAcrossAControllerCrashAndLeaves() throws Exception {
        RuncContainer c = container("sleep", "600");
        String group = "nv." + c.id();
        JsonNode workload = await("/v1/workload/" + c.id(), r -> r.status() == 200).path("workload");
        await("/v1/log/event", r -> r.body().path("events").findValuesAsText("name").containsAll(
                List.of("Agent.Start", "Agent.Connect", "Container.Start")));
        assertThat(workload.path("service_group").asText()).isEqualTo(group);
        assertThat(workload.path("host_name").asText()).isEqualTo("test-node");
        assertThat(workload.path("policy_mode").asText()).isEqualTo("Discover");

        c.exec("sh", "-c", "sleep 0.3 | cat").requireSuccess(); // cat lives long enough to be read by name
        JsonNode profile = await("/v1/process_profile/" + group, r -> learned(r.body()).stream()
                .anyMatch(e -> e.startsWith("cat ")));
        List<String> before = learned(profile);

        controller.kill();
        controller = ControllerProcess.start(controller.data, controller.port, controller.linkPort);
        rest = controller.login();
        long sessions = enforcer.link().orElseThrow().sessions();
        Patience.await(() -> enforcer.link().orElseThrow().sessions() > sessions || enforcer.link().orElseThrow()
                .connected(), () -> "the enforcer did not reconnect");
        await("/v1/workload/" + c.id(), r -> r.status() == 200);
        assertThat(learned(rest.get("/v1/process_profile/" + group).body()))
                .as("what was learned survives SIGKILL, once").isEqualTo(before).doesNotHaveDuplicates();

        c.exec("cp", "/bin/busybox", "/tmp/evil").requireSuccess();
        Rest.Reply patched = rest.send("PATCH", "/v1/service/config", """
                {"config":{"services":["%s"],"policy_mode":"Protect","baseline_profile":null}}"""
                .formatted(group.substring(3)));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        Patience.await(() -> refused(c), () -> "a copied binary still runs after the switch to Protect");
        JsonNode incidents = await("/v1/log/incident", r -> StreamSupport.stream(r.body().path("incidents")
                .spliterator(), false).anyMatch(i -> i.path("proc_path").asText().equals("/tmp/evil")));
        JsonNode denied = StreamSupport.stream(incidents.path("incidents").spliterator(), false)
                .filter(i -> i.path("proc_path").asText().equals("/tmp/evil")).findFirst().orElseThrow();
        assertThat(denied.path("action").asText()).isEqualTo("deny");
        assertThat(denied.path("workload_id").asText()).isEqualTo(c.id());
        assertThat(denied.path("host_name").asText()).isEqualTo("test-node");

        controller.kill();
        assertThat(refused(c)).as("the controller is down: Protect holds").isTrue();
        controller = ControllerProcess.start(controller.data, controller.port, controller.linkPort);
        rest = controller.login();
        await("/v1/workload/" + c.id(), r -> r.status() == 200); // the enforcer is back and reported it
        c.close();
        containers.remove(c);
        await("/v1/workload/" + c.id(), r -> r.status() == 404);
        enforcer.close();
        enforcer = null;
        await("/v1/log/event", r -> r.body().path("events").findValuesAsText("name").contains("Agent.Stop"));
    }

    @Test
    void aPodmanContainerIsListedWithItsImageGroupAndLeaves() throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String image = "localhost/bulwark-rt:" + tag;
        String name = "bulwark-rt-" + tag;
        Podman.importBusybox(dir, image, List.of("sh", "sleep")).requireSuccess();
        try {
            String id = Podman.run(dir, "run", "-d", "--name", name, "--ulimit", "nofile=1024:1024", "--ulimit",
                    "nproc=4096:4096", image, "sleep", "600").requireSuccess()
                    .stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
            JsonNode workload = await("/v1/workload/" + id, r -> r.status() == 200).path("workload");
            assertThat(workload.path("name").asText()).isEqualTo(name);
            assertThat(workload.path("image").asText()).isEqualTo(image);
            assertThat(workload.path("service_group").asText()).isEqualTo("nv.bulwark-rt");
            Podman.run(dir, "rm", "-f", "-t", "0", name).requireSuccess();
            await("/v1/workload/" + id, r -> r.status() == 404);
        } finally {
            Podman.run(dir, "rm", "-f", "-t", "0", name);
            Podman.run(dir, "rmi", "-f", image);
        }
    }

    private static boolean refused(RuncContainer c) {
        try {
            return c.exec("sh", "-c", "/tmp/evil true").exitCode() == 126;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The container is gone before the enforcer's next report; what it did is reported all the same. (A process that
     * ends before its {@code /proc} entry is read, in a container not seen before, is not: see the README.)
     */
    @Test
    void aContainerThatLivesAMomentStillLeavesItsIncident() throws Exception {
        int port = 20000 + new java.util.Random().nextInt(20000);
        RuncContainer c = container("sh", "-c", "nc -l -p %d & sleep 0.3; kill $!".formatted(port));
        JsonNode incidents = await("/v1/log/incident", r -> StreamSupport.stream(r.body().path("incidents")
                .spliterator(), false).anyMatch(i -> i.path("workload_id").asText().equals(c.id())));
        assertThat(incidents.path("incidents").get(0).path("name").asText()).isEqualTo("Container.Tunnel.Detected");
    }
}
