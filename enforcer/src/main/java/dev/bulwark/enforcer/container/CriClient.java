package dev.bulwark.enforcer.container;

import dev.bulwark.enforcer.cri.v1.ContainerFilter;
import dev.bulwark.enforcer.cri.v1.ImageSpec;
import dev.bulwark.enforcer.cri.v1.ListContainersRequest;
import dev.bulwark.enforcer.cri.v1.PodSandboxStatus;
import dev.bulwark.enforcer.cri.v1.PodSandboxStatusRequest;
import dev.bulwark.enforcer.cri.v1.RuntimeServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes runtime's CRI socket (containerd, CRI-O), asked about one container at a time: its pod, the pod's
 * labels, which the runtime's files on disk do not hold, and its image. Every call has a short deadline, and any
 * failure (runtime down, container unknown, a malformed answer) is an empty answer: what the files tell then stands.
 * Thread-safe.
 */
public final class CriClient implements AutoCloseable {

    /** Where containerd, k3s's containerd and CRI-O listen by default. */
    public static final List<String> WELL_KNOWN = List.of("/run/containerd/containerd.sock",
            "/run/k3s/containerd/containerd.sock", "/run/crio/crio.sock");

    private static final Duration DEADLINE = Duration.ofMillis(500);

    private final Path socket;
    private final ManagedChannel channel;
    private final RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime;

    public CriClient(Path socket) {
        this.socket = socket.toAbsolutePath();
        channel = Grpc.newChannelBuilder("unix://" + this.socket, InsecureChannelCredentials.create())
                .maxInboundMessageSize(4 << 20).build();
        runtime = RuntimeServiceGrpc.newBlockingStub(channel);
    }

    /** A client of the first well-known CRI socket on the node, if any is there. */
    public static Optional<CriClient> onNode(NodePaths node) {
        return WELL_KNOWN.stream().map(node::onHost).filter(Files::exists).findFirst().map(CriClient::new);
    }

    public Path socket() {
        return socket;
    }

    /**
     * What the runtime tells of container {@code id}: a workload container, or a pod's sandbox (whose id the
     * runtime lists as a pod, not a container).
     */
    public Optional<View> describe(String id) {
        try {
            var stub = runtime.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            var found = stub.listContainers(ListContainersRequest.newBuilder()
                    .setFilter(ContainerFilter.newBuilder().setId(id)).build()).getContainersList();
            var container = found.stream().filter(c -> c.getId().equals(id)).findFirst();
            String sandboxId = container.map(c -> c.getPodSandboxId()).orElse(id);
            PodSandboxStatus pod = stub.podSandboxStatus(PodSandboxStatusRequest.newBuilder()
                    .setPodSandboxId(sandboxId).build()).getStatus();
            Map<String, String> labels = new TreeMap<>(pod.getLabelsMap());
            container.ifPresent(c -> labels.putAll(c.getLabelsMap()));
            return Optional.of(new View(new Container.Pod(pod.getMetadata().getName(), pod.getMetadata().getNamespace(),
                    container.map(c -> c.getMetadata().getName()).orElse("")),
                    container.map(c -> imageName(c.getImage())).orElse(""), labels));
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        }
    }

    /** The image as the user named it; an image id ({@code sha256:...}) names nothing a user would know. */
    private static String imageName(ImageSpec image) {
        if (!image.getUserSpecifiedImage().isEmpty()) {
            return image.getUserSpecifiedImage();
        }
        return image.getImage().startsWith("sha256:") ? "" : image.getImage();
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    /**
     * A container as its CRI runtime describes it.
     *
     * @param pod its pod, the container's name in the pod empty for a sandbox
     * @param image its image as the user named it, empty when the runtime gave only an id
     * @param labels the pod's labels, overlaid with the container's own
     */
    public record View(Container.Pod pod, String image, Map<String, String> labels) {

        public View {
            labels = Map.copyOf(labels);
        }
    }
}
