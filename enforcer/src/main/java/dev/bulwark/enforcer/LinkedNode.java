package dev.bulwark.enforcer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.io.AtomicFiles;
import dev.bulwark.core.json.Json;
import dev.bulwark.enforcer.container.Container;
import dev.bulwark.enforcer.container.ContainerRegistry;
import dev.bulwark.enforcer.link.ControllerLink;
import dev.bulwark.enforcer.link.NodeFacts;
import dev.bulwark.enforcer.policy.Policies;
import dev.bulwark.enforcer.process.ProcessHistory;
import dev.bulwark.enforcer.process.Workload;
import dev.bulwark.enforcer.scan.RootFiles;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.NodePolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * This node as the controller link sees it: its facts, its containers, the answers about their processes, and the
 * policy the controller pushes, which is put in force and kept on disk ({@code policy.json} with its version) so
 * that a restart without the controller enforces it still.
 */
final class LinkedNode implements ControllerLink.Node {

    private static final ObjectMapper JSON = Json.compactSnakeCase();
    static final String POLICY = "policy.json";
    private static final String POLICY_VERSION = "policy-version";

    private final NodeFacts facts = new NodeFacts(Path.of("/proc"));
    private final String hostName;
    private final String runtime;
    private final Workloads workloads;
    private final ContainerRegistry registry;
    private final ProcessHistory history;
    private final Policies policies;
    private final Consumer<Set<String>> modesChanged;
    private final Consumer<List<NodePolicy.Network>> networkChanged;
    private final Path dir;
    private volatile long policyVersion;

    LinkedNode(String hostName, String runtime, Workloads workloads, ContainerRegistry registry,
            ProcessHistory history, Policies policies, Consumer<Set<String>> modesChanged,
            Consumer<List<NodePolicy.Network>> networkChanged, Path dir) {
        this.hostName = hostName;
        this.runtime = runtime;
        this.workloads = workloads;
        this.registry = registry;
        this.history = history;
        this.policies = policies;
        this.modesChanged = modesChanged;
        this.networkChanged = networkChanged;
        this.dir = dir;
        Path version = dir.resolve(POLICY_VERSION);
        try {
            policyVersion = Files.exists(version) && Files.exists(dir.resolve(POLICY))
                    ? Long.parseLong(Files.readString(version).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            policyVersion = 0;
        }
    }

    /** The policy the controller last pushed, kept on disk, if any. */
    static Optional<byte[]> keptPolicy(Path dir) {
        try {
            Path file = dir.resolve(POLICY);
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kept policy in " + dir, e);
        }
    }

    /** The network policies of a pushed or kept policy; none when it has none or does not read. */
    static List<NodePolicy.Network> networkOf(byte[] json) {
        try {
            return JSON.readValue(json, NodePolicy.class).network();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public Host host() {
        return facts.host(hostName, runtime);
    }

    @Override
    public List<dev.bulwark.link.model.Workload> workloads() {
        List<dev.bulwark.link.model.Workload> out = new ArrayList<>();
        for (Map.Entry<Workload, Integer> e : workloads.firstProcesses().entrySet()) {
            int pid = e.getValue() > 0 ? e.getValue() : rootPid(e.getKey());
            of(e.getKey(), pid).ifPresent(out::add);
        }
        return out;
    }

    /** What is reported of a container, found through one of its processes. */
    Optional<dev.bulwark.link.model.Workload> of(Workload w, int pid) {
        Optional<Container> c = registry.containerOf(pid);
        return c.filter(x -> x.id().equals(w.id())).map(x -> facts.workload(x, w.group(), x.pid() > 0 ? x.pid()
                : pid));
    }

    private static int rootPid(Workload w) {
        return w.root().map(r -> Integer.parseInt(r.getParent().getFileName().toString())).orElse(0);
    }

    @Override
    public byte[] answer(String kind, String workload) throws IOException {
        return switch (kind) {
            case "process" -> JSON.writeValueAsBytes(history.running(workload));
            case "process_history" -> JSON.writeValueAsBytes(history.of(workload));
            default -> throw new IllegalArgumentException("unknown question " + kind);
        };
    }

    /**
     * Collects the files a scanner needs of a container, read through the root of one of its processes, or of this
     * host; the answer is what {@link RootFiles} collected and skipped.
     */
    @Override
    public byte[] collectFiles(String workload, OutputStream out) throws IOException {
        RootFiles root = workload.isEmpty() ? RootFiles.ofHost() : RootFiles.ofProcess(pidOf(workload));
        return JSON.writeValueAsBytes(root.writeTo(out));
    }

    private int pidOf(String id) {
        for (Map.Entry<Workload, Integer> e : workloads.firstProcesses().entrySet()) {
            if (e.getKey().id().equals(id)) {
                int pid = e.getValue() > 0 ? e.getValue() : rootPid(e.getKey());
                if (pid > 0) {
                    return pid;
                }
            }
        }
        throw new IllegalArgumentException("no container " + id + " runs on this node");
    }

    @Override
    public void applyPolicy(long version, byte[] json) {
        Set<String> changed = policies.replace(json);
        modesChanged.accept(changed);
        networkChanged.accept(networkOf(json));
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve(POLICY), json, AtomicFiles.OWNER_ONLY);
            AtomicFiles.write(dir.resolve(POLICY_VERSION), Long.toString(version).getBytes(StandardCharsets
                    .US_ASCII), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            System.getLogger(LinkedNode.class.getName()).log(System.Logger.Level.WARNING, "cannot keep the pushed "
                    + "policy on disk; it is in force until the enforcer stops", e);
        }
        policyVersion = version;
    }

    @Override
    public long policyVersion() {
        return policyVersion;
    }
}
