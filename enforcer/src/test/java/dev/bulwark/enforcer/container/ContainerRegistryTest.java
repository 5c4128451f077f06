package dev.bulwark.enforcer.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery over a node laid out in a temporary directory, with state files read from real runtimes. */
class ContainerRegistryTest {

    private static final String PODMAN_ID = "b79ba3b467f348259c50bed6964955f1352298de9ea583dd9b8d32df00376c70";
    private static final String K8S_ID = "9d4e0a1f7c2b3e8d5a6f1c0b9e8d7a6c5b4f3e2d1a0c9b8e7f6a5d4c3b2e1f0a";
    private static final String CRIO_ID = "51c2ad0e4f8b7a6d3e2c1b0f9a8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e";
    private static final String CONTAINERD_BUNDLE = "/run/containerd/io.containerd.runtime.v2.task/k8s.io/" + K8S_ID;

    @TempDir
    Path root;

    ContainerRegistry registry;

    @BeforeEach
    void node() throws IOException {
        registry = new ContainerRegistry(new NodePaths(root));
        process(1, "0::/init.scope\n", 1);
    }

    @Test
    void runcContainerFromItsRealStateFile() throws IOException {
        process(5737, "0::/probe1\n4:memory:/process_api/86ddc2252304fe08586a3612cd6949e9/probe1\n", 1);
        write("/run/runc/probe1/state.json", fixture("runc-state.json"));

        Container c = registry.containerOf(5737).orElseThrow();

        assertThat(c).isEqualTo(new Container("probe1", ContainerRuntime.RUNC, "probe1", "", 5737,
                "/tmp/probe-bundle/rootfs", Map.of("bundle", "/tmp/probe-bundle"), Container.Pod.NONE));
        assertThat(GroupNames.of(c)).isEqualTo("nv.probe1");
    }

    @Test
    void podmanContainerFromRuncStateBundleConfigAndStorageIndex() throws IOException {
        process(5348, fixtureCgroup(PODMAN_ID), 1);
        write("/run/runc/" + PODMAN_ID + "/state.json", fixture("podman-state.json"));
        String userdata = "/var/lib/containers/storage/overlay-containers/" + PODMAN_ID + "/userdata";
        write(userdata + "/config.json", fixture("podman-config.json"));
        write("/var/lib/containers/storage/overlay-containers/containers.json", fixture("podman-containers.json"));

        Container c = registry.containerOf(5348).orElseThrow();

        assertThat(c.id()).isEqualTo(PODMAN_ID);
        assertThat(c.runtime()).isEqualTo(ContainerRuntime.PODMAN);
        assertThat(c.name()).isEqualTo("probe-web");
        assertThat(c.image()).isEqualTo("localhost/bbtest:1");
        assertThat(c.pid()).isEqualTo(5348);
        assertThat(c.rootfs()).isEqualTo("/var/lib/containers/storage/overlay/"
                + "cbb080d5f978b926a381798549b884dde93f73b4a15aa33320f203097753843e/merged");
        assertThat(c.labels()).containsEntry("io.container.manager", "libpod").containsEntry("bundle", userdata);
        assertThat(c.pod()).isEqualTo(Container.Pod.NONE);
        assertThat(GroupNames.of(c)).isEqualTo("nv.bbtest");
    }

    @Test
    void dockerContainerFromItsRecordOnDisk() throws IOException {
        String id = "3f4c1d9a2b7e8f6051c4d3e2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2";
        process(6133, "0::/system.slice/docker-%s.scope\n".formatted(id), 14);
        write("/var/lib/docker/containers/" + id + "/config.v2.json", fixture("docker-config.v2.json"));

        Container c = registry.containerOf(6133).orElseThrow();

        assertThat(c.runtime()).isEqualTo(ContainerRuntime.DOCKER);
        assertThat(c.name()).isEqualTo("shop-web-1");
        assertThat(c.image()).isEqualTo("nginx:1.25");
        assertThat(c.pid()).as("the first process, from Docker's record").isEqualTo(6120);
        assertThat(c.labels()).containsEntry("com.docker.compose.service", "web");
        assertThat(GroupNames.of(c)).isEqualTo("nv.nginx");

        write("/var/lib/docker/containers/" + id + "/config.v2.json", "{\"ID\": \"someone-else\", \"Name\": \"/x\"}");
        assertThat(new ContainerRegistry(new NodePaths(root)).containerOf(6133).orElseThrow().name())
                .as("a record of another id is ignored")
                .isEqualTo(id);
    }

    @Test
    void containerdPodFromItsShimBundleAnnotations() throws IOException {
        process(4100, "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0a1b2c3d_4e5f_6789_abcd_"
                + "ef0123456789.slice/cri-containerd-" + K8S_ID + ".scope\n", 1);
        write(CONTAINERD_BUNDLE + "/config.json", """
                {"ociVersion": "1.1.0", "root": {"path": "rootfs"}, "annotations": {
                  "io.kubernetes.cri.container-type": "container",
                  "io.kubernetes.cri.container-name": "nginx",
                  "io.kubernetes.cri.image-name": "docker.io/library/nginx:1.27",
                  "io.kubernetes.cri.sandbox-id": "5e6f",
                  "io.kubernetes.cri.sandbox-name": "nginx-7d4f8b9c6-x2x7z",
                  "io.kubernetes.cri.sandbox-namespace": "shop",
                  "io.kubernetes.cri.sandbox-uid": "0a1b2c3d-4e5f-6789-abcd-ef0123456789"}}
                """);

        Container c = registry.containerOf(4100).orElseThrow();

        assertThat(c.runtime()).isEqualTo(ContainerRuntime.CONTAINERD);
        assertThat(c.name()).isEqualTo("nginx");
        assertThat(c.image()).isEqualTo("docker.io/library/nginx:1.27");
        assertThat(c.pid()).as("its own pid namespace calls it 1").isEqualTo(4100);
        assertThat(c.rootfs()).isEqualTo(CONTAINERD_BUNDLE + "/rootfs");
        assertThat(c.pod()).isEqualTo(new Container.Pod("nginx-7d4f8b9c6-x2x7z", "shop", "nginx"));
        assertThat(GroupNames.of(c)).isEqualTo("nv.nginx.shop");
    }

    @Test
    void crioPodFromItsStorageBundleWhenRuncStateIsGone() throws IOException {
        process(4200, "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod0a1b2c3d_4e5f_6789_abcd"
                + "_ef0123456789.slice/crio-" + CRIO_ID + ".scope\n", 12);
        write("/run/containers/storage/overlay-containers/" + CRIO_ID + "/userdata/config.json", """
                {"root": {"path": "/var/lib/containers/storage/overlay/452374ade3f4/merged"}, "annotations": {
                  "io.container.manager": "cri-o",
                  "io.kubernetes.cri-o.ContainerType": "container",
                  "io.kubernetes.cri-o.ImageName": "quay.io/example/postgres:16",
                  "io.kubernetes.cri-o.Labels": "{\\"io.kubernetes.container.name\\":\\"postgres\\",\
                \\"io.kubernetes.pod.name\\":\\"db-0\\",\\"io.kubernetes.pod.namespace\\":\\"data\\"}",
                  "io.kubernetes.cri-o.Name": "k8s_postgres_db-0_data_0a1b2c3d_0"}}
                """);

        Container c = registry.containerOf(4200).orElseThrow();

        assertThat(c.runtime()).isEqualTo(ContainerRuntime.CRIO);
        assertThat(c.image()).isEqualTo("quay.io/example/postgres:16");
        assertThat(c.pid()).as("not the container's first process").isZero();
        assertThat(c.rootfs()).isEqualTo("/var/lib/containers/storage/overlay/452374ade3f4/merged");
        assertThat(c.pod()).isEqualTo(new Container.Pod("db-0", "data", "postgres"));
        assertThat(GroupNames.of(c)).isEqualTo("nv.db.data");
    }

    @Test
    void brokenStateFilesLeaveTheContainerDescribedByItsCgroup() throws IOException {
        process(5348, fixtureCgroup(PODMAN_ID), 1);
        write("/run/runc/" + PODMAN_ID + "/state.json", "{\"init_process_pid\": 53");
        write("/var/lib/containers/storage/overlay-containers/" + PODMAN_ID + "/userdata/config.json", "[1, 2]");
        write("/var/lib/containers/storage/overlay-containers/containers.json", "{\"id\": {}}");

        assertThat(registry.containerOf(5348)).contains(new Container(PODMAN_ID, ContainerRuntime.PODMAN, PODMAN_ID,
                "", 5348, "", Map.of(), Container.Pod.NONE));
    }

    @Test
    void hostProcessesAndMissingPidsHaveNoContainer() {
        assertThat(registry.containerOf(1)).isEmpty();
        assertThat(registry.containerOf(999_999)).isEmpty();
        assertThat(registry.containerOf(0)).isEmpty();
        assertThat(registry.containerOf(-5)).isEmpty();
    }

    @Test
    void processesOfOneContainerShareOneCachedDescription() throws IOException {
        process(5737, "0::/probe1\n", 1);
        process(5800, "0::/probe1\n", 7);
        write("/run/runc/probe1/state.json", fixture("runc-state.json"));

        Container first = registry.containerOf(5737).orElseThrow();
        write("/run/runc/probe1/state.json", "{}");

        assertThat(registry.containerOf(5800)).get().isSameAs(first);
        assertThat(new ContainerRegistry(new NodePaths(root)).containerOf(5800)).get()
                .extracting(Container::pid, Container::rootfs).as("described afresh").containsExactly(0, "");
    }

    @Test
    void sweepForgetsContainersWhoseProcessIsGoneOrReused() throws IOException {
        process(5737, "0::/probe1\n", 1);
        write("/run/runc/probe1/state.json", fixture("runc-state.json"));
        process(5348, fixtureCgroup(PODMAN_ID), 1);
        registry.containerOf(5737).orElseThrow();
        registry.containerOf(5348).orElseThrow();

        assertThat(registry.sweep()).isEmpty();

        deleteTree(root.resolve("proc/5737"));
        process(5348, "0::/user.slice/user-1000.slice/session-3.scope\n", 1);

        assertThat(registry.sweep()).containsExactlyInAnyOrder("probe1", PODMAN_ID);
        assertThat(registry.sweep()).isEmpty();
    }

    @Test
    void concurrentLookupsAgreeOnOneDescription() throws Exception {
        process(5348, fixtureCgroup(PODMAN_ID), 1);
        write("/run/runc/" + PODMAN_ID + "/state.json", fixture("podman-state.json"));

        List<Future<Optional<Container>>> lookups = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                lookups.add(pool.submit(() -> registry.containerOf(5348)));
            }
        }
        Container first = lookups.getFirst().get().orElseThrow();
        for (var lookup : lookups) {
            assertThat(lookup.get()).get().isSameAs(first);
        }
    }

    private void process(int pid, String cgroup, int pidInItsNamespace) throws IOException {
        write("/proc/" + pid + "/cgroup", cgroup);
        write("/proc/" + pid + "/status", "Name:\tsleep\nPid:\t%d\nNSpid:\t%d\t%d\n"
                .formatted(pid, pid, pidInItsNamespace));
    }

    private void write(String hostPath, String content) throws IOException {
        Path file = root.resolve(hostPath.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }

    private static String fixtureCgroup(String podmanId) {
        return "4:memory:/libpod_parent/libpod-%s\n0::/libpod_parent/libpod-%s\n".formatted(podmanId, podmanId);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ContainerRegistryTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
