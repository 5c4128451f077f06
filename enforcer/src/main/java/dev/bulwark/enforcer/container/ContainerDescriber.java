package dev.bulwark.enforcer.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds a {@link Container} from what the runtimes leave on the node (runc's state, the bundle's OCI config, the
 * containers/storage index and Docker's container records) and, for a Kubernetes container, from its runtime's CRI
 * socket when there is one: only the runtime knows the pod's labels. Each source may be missing, half-written or
 * down; the container is then described with what the others tell. Thread-safe.
 */
final class ContainerDescriber {

    private static final int MAX_STATUS_BYTES = 64 << 10;

    private final NodePaths node;
    private final RuncStateReader runc;
    private final ContainersStorageReader storage;
    private final DockerConfigReader docker;
    private final Optional<CriClient> criRuntime;

    ContainerDescriber(NodePaths node, Optional<CriClient> criRuntime) {
        this.node = requireNonNull(node, "node");
        this.criRuntime = requireNonNull(criRuntime, "criRuntime");
        runc = new RuncStateReader(node.onHost(NodePaths.RUNC_ROOT));
        storage = new ContainersStorageReader(node.onHost(NodePaths.STORAGE_GRAPH_ROOT));
        docker = new DockerConfigReader(node.onHost(NodePaths.DOCKER_ROOT));
    }

    /** The container {@code ref} names, found through {@code seenPid}, one of its processes. */
    Container describe(ContainerRef ref, int seenPid) {
        String id = ref.id();
        boolean containerd = ref.runtime() == ContainerRuntime.CONTAINERD || ref.runtime() == ContainerRuntime.DOCKER;
        Optional<String> namespace = containerd ? containerdNamespace(id) : Optional.empty();
        Optional<RuncStateReader.State> state = runc.read(id).or(() -> namespace.flatMap(ns ->
                new RuncStateReader(node.onHost(NodePaths.CONTAINERD_RUNC_ROOT + "/" + ns)).read(id)));
        String bundle = state.map(RuncStateReader.State::bundle).filter(b -> !b.isEmpty())
                .orElseGet(() -> defaultBundle(ref, namespace));
        Optional<OciConfig> config = bundle.isEmpty()
                ? Optional.empty()
                : OciConfig.read(node.onHost(bundle + "/config.json"));

        Optional<DockerConfigReader.Entry> recorded = ref.runtime() == ContainerRuntime.DOCKER
                ? docker.entry(id) : Optional.empty();
        Optional<CriClient.View> asked = ref.runtime() == ContainerRuntime.CONTAINERD
                || ref.runtime() == ContainerRuntime.CRIO ? criRuntime.flatMap(c -> c.describe(id)) : Optional.empty();
        Map<String, String> labels = new TreeMap<>(config.map(OciConfig::annotations).orElse(Map.of()));
        recorded.ifPresent(d -> labels.putAll(d.labels()));
        asked.ifPresent(v -> labels.putAll(v.labels()));
        state.ifPresent(s -> labels.putAll(s.labels()));
        CriAnnotations cri = CriAnnotations.of(labels);
        Optional<ContainersStorageReader.Entry> stored =
                ref.runtime() == ContainerRuntime.PODMAN || ref.runtime() == ContainerRuntime.CRIO
                        ? storage.entry(id)
                        : Optional.empty();

        String rootfs = state.map(RuncStateReader.State::rootfs).filter(r -> !r.isEmpty())
                .orElseGet(() -> config.map(c -> hostRootfs(bundle, c.root())).orElse(""));
        int pid = state.map(RuncStateReader.State::initPid).filter(p -> p > 0)
                .or(() -> recorded.map(DockerConfigReader.Entry::pid).filter(p -> p > 0))
                .orElseGet(() -> initPid(seenPid));
        String name = firstNonEmpty(stored.map(ContainersStorageReader.Entry::name).orElse(""),
                recorded.map(DockerConfigReader.Entry::name).orElse(""), cri.containerName(),
                asked.map(v -> v.pod().container()).orElse(""), id);
        String image = firstNonEmpty(cri.image(), asked.map(CriClient.View::image).orElse(""),
                stored.map(ContainersStorageReader.Entry::image).orElse(""),
                recorded.map(DockerConfigReader.Entry::image).orElse(""));
        Container.Pod pod = asked.map(CriClient.View::pod).filter(Container.Pod::known)
                .orElseGet(() -> new Container.Pod(cri.podName(), cri.podNamespace(), cri.containerName()));
        return new Container(id, ref.runtime(), name, image, pid, rootfs, labels, pod);
    }

    private String defaultBundle(ContainerRef ref, Optional<String> containerdNamespace) {
        String userdata = "/overlay-containers/" + ref.id() + "/userdata";
        return switch (ref.runtime()) {
            case PODMAN -> NodePaths.STORAGE_GRAPH_ROOT + userdata;
            case CRIO -> NodePaths.STORAGE_RUN_ROOT + userdata;
            case CONTAINERD, DOCKER -> containerdNamespace
                    .map(ns -> NodePaths.CONTAINERD_TASKS + "/" + ns + "/" + ref.id()).orElse("");
            case RUNC -> "";
        };
    }

    /**
     * The containerd namespace ({@code k8s.io}, {@code moby}, ...) whose shim runs the container: from the bundles
     * under containerd's default state directory, else from the runc shim's own state, which stays in
     * {@code /run/containerd/runc} wherever containerd keeps its state.
     */
    private Optional<String> containerdNamespace(String id) {
        return namespaceHolding(NodePaths.CONTAINERD_TASKS, id)
                .or(() -> namespaceHolding(NodePaths.CONTAINERD_RUNC_ROOT, id));
    }

    private Optional<String> namespaceHolding(String root, String id) {
        try (Stream<Path> namespaces = Files.list(node.onHost(root))) {
            return namespaces.filter(ns -> Files.isDirectory(ns.resolve(id)))
                    .map(ns -> ns.getFileName().toString()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String hostRootfs(String bundle, String root) {
        return root.isEmpty() ? "" : Path.of(bundle).resolve(root).normalize().toString();
    }

    /**
     * {@code pid} when it is the container's first process, which has pid 1 in its own pid namespace (the last
     * field of {@code NSpid}); else 0, unknown.
     */
    private int initPid(int pid) {
        String status = SmallFiles.bytes(node.onHost(NodePaths.PROC + "/" + pid + "/status"), MAX_STATUS_BYTES)
                .map(bytes -> new String(bytes, UTF_8)).orElse("");
        return status.lines().filter(line -> line.startsWith("NSpid:")).findFirst()
                .map(line -> line.substring("NSpid:".length()).strip().split("\\s+"))
                .filter(fields -> fields.length > 1 && fields[fields.length - 1].equals("1"))
                .map(_ -> pid).orElse(0);
    }

    private static String firstNonEmpty(String... values) {
        return Stream.of(values).filter(v -> !v.isEmpty()).findFirst().orElse("");
    }
}
