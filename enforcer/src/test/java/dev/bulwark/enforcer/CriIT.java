package dev.bulwark.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.enforcer.container.Container;
import dev.bulwark.enforcer.container.ContainerRegistry;
import dev.bulwark.enforcer.container.ContainerRuntime;
import dev.bulwark.enforcer.container.CriClient;
import dev.bulwark.enforcer.container.GroupNames;
import dev.bulwark.enforcer.container.NodePaths;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.testing.Containerd;
import dev.bulwark.enforcer.testing.EventsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes containers run by a real containerd through its CRI, as a kubelet would run them: the pod's labels,
 * which only the runtime holds, name the group exactly; without the socket the runtime's files still tell the pod;
 * and a runtime that is down or is no CRI at all is an empty answer, never a hang or a failure.
 */
class CriIT {

    /** A Deployment's pod: its ReplicaSet hash is not hex, so the pod name alone does not tell the Deployment. */
    private static final String POD = "web-6cc8dbbw5q-7kd2x";
    private static final Map<String, String> POD_LABELS = Map.of("app", "web", "pod-template-hash", "6cc8dbbw5q");

    @TempDir
    static Path dir;

    private static Containerd containerd;
    private static Containerd.Pod pod;

    @BeforeAll
    static void runPod() throws Exception {
        containerd = Containerd.start(Files.createDirectories(dir.resolve("containerd")));
        pod = containerd.runPod(POD, "shop", POD_LABELS, "app", "/bin/sleep", "600");
    }

    @AfterAll
    static void stop() throws Exception {
        if (containerd != null) {
            containerd.close();
        }
    }

    @Test
    void theRuntimeTellsThePodsLabelsAndSoTheDeployment() throws Exception {
        try (CriClient cri = new CriClient(containerd.socket())) {
            Container c = new ContainerRegistry(NodePaths.host(), Optional.of(cri))
                    .containerOf(containerd.pid(pod.containerId())).orElseThrow();
            assertThat(c.id()).isEqualTo(pod.containerId());
            assertThat(c.runtime()).isEqualTo(ContainerRuntime.CONTAINERD);
            assertThat(c.pod()).isEqualTo(new Container.Pod(POD, "shop", "app"));
            assertThat(c.labels()).containsAllEntriesOf(POD_LABELS)
                    .containsEntry("io.kubernetes.container.name", "app");
            assertThat(c.image()).isEqualTo(Containerd.IMAGE);
            assertThat(GroupNames.of(c)).isEqualTo("nv.web.shop");

            CriClient.View sandbox = cri.describe(pod.sandboxId()).orElseThrow();
            assertThat(sandbox.pod()).isEqualTo(new Container.Pod(POD, "shop", ""));
            assertThat(sandbox.labels()).containsAllEntriesOf(POD_LABELS);
        }
    }

    @Test
    void withoutTheSocketTheFilesStillTellThePodButNotItsLabels() throws Exception {
        Container c = new ContainerRegistry(NodePaths.host()).containerOf(containerd.pid(pod.containerId()))
                .orElseThrow();
        assertThat(c.pod()).isEqualTo(new Container.Pod(POD, "shop", "app"));
        assertThat(c.labels()).doesNotContainKey("pod-template-hash");
        assertThat(GroupNames.of(c)).as("the best the name alone allows").isEqualTo("nv.web-6cc8dbbw5q.shop");
    }

    @Test
    void anUnknownContainerADeadSocketAndAPeerThatIsNoCriAreEmptyAnswers() throws Exception {
        try (CriClient cri = new CriClient(containerd.socket())) {
            assertThat(cri.describe("0".repeat(64))).isEmpty();
            assertThat(cri.describe("../../etc\n\u0000")).isEmpty();
        }
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(stale));
        }
        try (CriClient cri = new CriClient(stale)) {
            assertThat(cri.describe(pod.containerId())).as("nothing listens").isEmpty();
        }
        Path http = dir.resolve("http.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(http));
            Thread peer = Thread.ofVirtual().start(() -> answerEveryoneWithHttp(server));
            try (CriClient cri = new CriClient(http)) {
                long start = System.nanoTime();
                assertThat(cri.describe(pod.containerId())).as("an HTTP/1.1 server").isEmpty();
                assertThat((System.nanoTime() - start) / 1_000_000).as("bounded by the client's deadline")
                        .isLessThan(5_000);
            }
            peer.interrupt();
        }
    }

    private static void answerEveryoneWithHttp(ServerSocketChannel server) {
        while (!Thread.currentThread().isInterrupted()) {
            try (SocketChannel client = server.accept()) {
                OutputStream out = Channels.newOutputStream(client);
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void theEnforcerReportsUnderTheGroupTheRuntimeNamed() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                groups:
                - name: nv.web.shop
                  mode: Monitor
                  baseline: basic
                  process:
                  - {name: sleep, path: /bin/busybox, action: allow}
                """);
        Path events = dir.resolve("events.jsonl");
        try (Enforcer enforcer = Enforcer.start(new Enforcer.Settings(Optional.of(policy), dir.resolve("data"),
                Mode.Discover, Optional.of(events), 1000, "test-node", Optional.of(containerd.socket())),
                Optional.empty())) {
            assertThat(enforcer.criSocket()).contains(containerd.socket());
            // od reads its input for a while: a process gone at once is judged by its executable alone, and every
            // applet here is /bin/busybox, which the profile allows for sleep
            assertThat(containerd.exec(pod.containerId(), "sh", "-c", "sleep 0.2 | od -c").exitCode()).isZero();
            JsonNode violation = new EventsFile(events).await(e -> e.path("name").asText().equals(
                    "Process.Profile.Violation") && e.path("proc_name").asText().equals("od"), () -> "");
            assertThat(violation.path("group").asText()).isEqualTo("nv.web.shop");
            assertThat(violation.path("workload_id").asText()).isEqualTo(pod.containerId());
            assertThat(violation.path("workload_name").asText()).isEqualTo("app");
        }
    }
}
