package dev.bulwark.enforcer.testing;

import dev.bulwark.core.testing.Patience;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import dev.bulwark.enforcer.cri.v1.ContainerConfig;
import dev.bulwark.enforcer.cri.v1.ContainerMetadata;
import dev.bulwark.enforcer.cri.v1.CreateContainerRequest;
import dev.bulwark.enforcer.cri.v1.ImageSpec;
import dev.bulwark.enforcer.cri.v1.LinuxPodSandboxConfig;
import dev.bulwark.enforcer.cri.v1.LinuxSandboxSecurityContext;
import dev.bulwark.enforcer.cri.v1.NamespaceMode;
import dev.bulwark.enforcer.cri.v1.NamespaceOption;
import dev.bulwark.enforcer.cri.v1.PodSandboxConfig;
import dev.bulwark.enforcer.cri.v1.PodSandboxMetadata;
import dev.bulwark.enforcer.cri.v1.RemovePodSandboxRequest;
import dev.bulwark.enforcer.cri.v1.RunPodSandboxRequest;
import dev.bulwark.enforcer.cri.v1.RuntimeServiceGrpc;
import dev.bulwark.enforcer.cri.v1.StartContainerRequest;
import dev.bulwark.enforcer.cri.v1.StopPodSandboxRequest;
import dev.bulwark.enforcer.cri.v1.VersionRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real containerd (Debian's, with its CRI plugin) started in a test's directory: its own root, state and socket,
 * runc as the runtime through the v2 shim, and one image, the static busybox, imported by podman and containerd's
 * {@code ctr} under {@link #IMAGE}. Pods run on the host network, as no CNI plugin is installed here, and under
 * {@code /kubepods}, the kubelet's cgroupfs layout. Root here lacks CAP_SYS_RESOURCE, so containerd is told not to
 * lower a sandbox's OOM score below its own. {@link #close()} removes every pod it ran and stops containerd.
 */
public final class Containerd implements AutoCloseable {

    public static final Path CONTAINERD = Path.of("/usr/bin/containerd");
    public static final String IMAGE = "localhost/bulwark-cri-test:1";
    /** Where the runc shim keeps its state for containerd's {@code k8s.io} namespace, whatever containerd's root. */
    public static final Path RUNC_ROOT = Path.of("/run/containerd/runc/k8s.io");

    private final Path dir;
    private final Process daemon;
    private final ManagedChannel channel;
    private final RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime;
    private final List<String> pods = new ArrayList<>();

    private Containerd(Path dir, Process daemon) {
        this.dir = dir;
        this.daemon = daemon;
        channel = Grpc.newChannelBuilder("unix://" + socket(), InsecureChannelCredentials.create()).build();
        runtime = RuntimeServiceGrpc.newBlockingStub(channel);
    }

    /** Skips the calling test, saying why, unless containerd can be run here. */
    public static Containerd start(Path dir) throws IOException, InterruptedException {
        assumeTrue(new UnixSystem().getUid() == 0, "containerd needs root");
        assumeTrue(Files.isExecutable(CONTAINERD) && Files.isExecutable(RuncContainer.RUNC)
                && Files.isExecutable(Podman.PODMAN), "needs Debian's containerd, runc and podman: skipped");
        Path config = Files.writeString(dir.resolve("config.toml"), """
                version = 2
                root = "%1$s/root"
                state = "%1$s/state"
                [grpc]
                  address = "%1$s/containerd.sock"
                [plugins."io.containerd.grpc.v1.cri"]
                  sandbox_image = "%2$s"
                  restrict_oom_score_adj = true
                  [plugins."io.containerd.grpc.v1.cri".containerd]
                    default_runtime_name = "runc"
                    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                      runtime_type = "io.containerd.runc.v2"
                """.formatted(dir, IMAGE));
        Process daemon = new ProcessBuilder(CONTAINERD.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("containerd.log").toFile()).start();
        Containerd started = new Containerd(dir, daemon);
        try {
            started.awaitServing();
            started.importImage();
            return started;
        } catch (IOException | RuntimeException | InterruptedException | Error e) {
            started.close();
            throw e;
        }
    }

    public Path socket() {
        return dir.resolve("containerd.sock");
    }

    private void awaitServing() throws IOException, InterruptedException {
        long end = Patience.deadline();
        while (System.nanoTime() - end < 0) {
            if (!daemon.isAlive()) {
                throw new IOException("containerd exited: " + Files.readString(dir.resolve("containerd.log")));
            }
            try {
                runtime.withDeadlineAfter(1, TimeUnit.SECONDS).version(VersionRequest.getDefaultInstance());
                return;
            } catch (StatusRuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("containerd's CRI did not answer in " + Patience.HANG + ": " + Files.readString(dir.resolve(
                "containerd.log")));
    }

    /** The busybox image, made by podman and handed to containerd as a Docker archive. */
    private void importImage() throws IOException {
        Podman.importBusybox(dir, IMAGE, List.of("sh", "sleep", "cat", "od"), "CMD=[\"/bin/sleep\",\"3600\"]")
                .requireSuccess();
        Path archive = dir.resolve("image-docker.tar");
        try {
            Podman.run(dir, "save", "--format", "docker-archive", "-o", archive.toString(), IMAGE).requireSuccess();
        } finally {
            Podman.run(dir, "rmi", "-f", IMAGE);
        }
        RuncContainer.run(List.of("ctr", "--address", socket().toString(), "--namespace", "k8s.io", "images",
                "import", archive.toString()), dir).requireSuccess();
    }

    /**
     * Runs a pod as the kubelet would, with one container running {@code command} from {@link #IMAGE}: the
     * kubelet's labels on the pod and the container, plus the pod's own {@code labels}.
     *
     * @return the ids of the pod's sandbox and of its container
     */
    public Pod runPod(String name, String namespace, Map<String, String> labels, String containerName,
            String... command) throws IOException {
        try {
            return tryRunPod(name, namespace, labels, containerName, command);
        } catch (StatusRuntimeException e) {
            List<String> log = Files.readAllLines(dir.resolve("containerd.log"));
            throw new IOException("containerd could not run the pod: " + e.getStatus() + "; its log ends:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 15), log.size())), e);
        }
    }

    private Pod tryRunPod(String name, String namespace, Map<String, String> labels, String containerName,
            String... command) {
        String uid = UUID.randomUUID().toString();
        Map<String, String> kubelet = Map.of("io.kubernetes.pod.name", name, "io.kubernetes.pod.namespace",
                namespace, "io.kubernetes.pod.uid", uid);
        PodSandboxConfig sandbox = PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName(name).setNamespace(namespace).setUid(uid))
                .putAllLabels(labels).putAllLabels(kubelet)
                .setLogDirectory(dir.resolve("logs").resolve(uid).toString())
                .setLinux(LinuxPodSandboxConfig.newBuilder().setCgroupParent("/kubepods/besteffort/pod" + uid)
                        .setSecurityContext(LinuxSandboxSecurityContext.newBuilder().setNamespaceOptions(
                                NamespaceOption.newBuilder().setNetwork(NamespaceMode.NODE))))
                .build();
        String sandboxId = runtime.runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(sandbox).build())
                .getPodSandboxId();
        pods.add(sandboxId);
        String containerId = runtime.createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(sandboxId)
                .setSandboxConfig(sandbox).setConfig(ContainerConfig.newBuilder()
                        .setMetadata(ContainerMetadata.newBuilder().setName(containerName))
                        .setImage(ImageSpec.newBuilder().setImage(IMAGE)).addAllCommand(List.of(command))
                        .putAllLabels(kubelet).putLabels("io.kubernetes.container.name", containerName)
                        .setLogPath(containerName + ".log"))
                .build()).getContainerId();
        runtime.startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build());
        return new Pod(sandboxId, containerId);
    }

    /** The host pid of a container's first process, from the runc shim's state. */
    public int pid(String id) throws IOException {
        RuncContainer.Result state = RuncContainer.run(List.of(RuncContainer.RUNC.toString(), "--root",
                RUNC_ROOT.toString(), "state", id), dir);
        if (state.exitCode() != 0) {
            throw new IOException("runc state " + id + ": " + state.stderr());
        }
        return dev.bulwark.core.json.Json.lenient().readTree(state.stdout()).path("pid").asInt();
    }

    /** Runs a command in a running container, as {@code kubectl exec} would through the runtime. */
    public RuncContainer.Result exec(String id, String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of(RuncContainer.RUNC.toString(), "--root", RUNC_ROOT.toString(),
                "exec", id));
        argv.addAll(List.of(command));
        return RuncContainer.run(argv, dir);
    }

    @Override
    public void close() throws InterruptedException {
        for (String pod : pods) {
            try {
                runtime.withDeadlineAfter(30, TimeUnit.SECONDS).stopPodSandbox(StopPodSandboxRequest.newBuilder()
                        .setPodSandboxId(pod).build());
                runtime.withDeadlineAfter(30, TimeUnit.SECONDS).removePodSandbox(RemovePodSandboxRequest
                        .newBuilder().setPodSandboxId(pod).build());
            } catch (StatusRuntimeException e) {
                System.err.println("containerd: pod " + pod + " not removed: " + e.getStatus());
            }
        }
        channel.shutdownNow();
        daemon.destroy();
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
        }
    }

    /** A running pod: its sandbox and its one container. */
    public record Pod(String sandboxId, String containerId) {}
}
