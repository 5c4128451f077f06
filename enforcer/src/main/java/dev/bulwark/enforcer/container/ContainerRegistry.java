package dev.bulwark.enforcer.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers on this node, found from their processes: {@link #containerOf(int)} reads
 * {@code /proc/PID/cgroup}, and describes a container the first time one of its processes is seen. Containers are
 * cached by id until a {@link #sweep()} finds them gone.
 *
 * <p>Thread-safe. Nothing here throws for a process or container that vanishes while it is read: the answer is
 * then empty, or the container is described with what could still be read.
 */
public final class ContainerRegistry {

    private final NodePaths node;
    private final CgroupPaths cgroups;
    private final ContainerDescriber describer;
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    public ContainerRegistry(NodePaths node) {
        this(node, Optional.empty());
    }

    /** @param criRuntime the node's Kubernetes runtime, asked about each container it runs when first seen */
    public ContainerRegistry(NodePaths node, Optional<CriClient> criRuntime) {
        this.node = requireNonNull(node, "node");
        cgroups = new CgroupPaths(node.onHost(NodePaths.RUNC_ROOT));
        describer = new ContainerDescriber(node, criRuntime);
    }

    /** The container process {@code pid} runs in; empty for a host process or a pid that is gone. */
    public Optional<Container> containerOf(int pid) {
        return ref(pid).map(ref -> {
            Entry known = byId.get(ref.id());
            if (known != null) {
                return known.container();
            }
            Container container = describer.describe(ref, pid);
            Entry described = new Entry(ref, container, container.pid() > 0 ? container.pid() : pid);
            Entry winner = byId.putIfAbsent(ref.id(), described);
            return (winner == null ? described : winner).container();
        });
    }

    /**
     * Forgets every container whose process it was found through (its first process when known) has exited or now
     * runs elsewhere, as a reused pid would.
     *
     * @return the ids forgotten
     */
    public List<String> sweep() {
        List<String> gone = new ArrayList<>();
        byId.forEach((id, entry) -> {
            boolean alive = ref(entry.pid()).map(ref -> ref.id().equals(id)).orElse(false);
            if (!alive && entry.container().pid() == 0) {
                // found through a helper of the runtime's that has exited, before the runtime wrote down the
                // container's first process: it may have it now
                Container again = describer.describe(entry.ref(), entry.pid());
                if (again.pid() > 0 && ref(again.pid()).map(r -> r.id().equals(id)).orElse(false)) {
                    byId.replace(id, entry, new Entry(entry.ref(), again, again.pid()));
                    return;
                }
            }
            if (!alive && byId.remove(id, entry)) {
                gone.add(id);
            }
        });
        return gone;
    }

    private Optional<ContainerRef> ref(int pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return SmallFiles.bytes(node.onHost(NodePaths.PROC + "/" + pid + "/cgroup"), CgroupPaths.MAX_CHARS)
                .flatMap(bytes -> cgroups.container(new String(bytes, UTF_8)));
    }

    /** A cached container and the pid that proves it alive: its first process, else the one it was found by. */
    private record Entry(ContainerRef ref, Container container, int pid) {}
}
