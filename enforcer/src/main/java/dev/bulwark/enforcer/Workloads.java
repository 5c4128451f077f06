package dev.bulwark.enforcer;

import dev.bulwark.enforcer.container.Container;
import dev.bulwark.enforcer.container.ContainerRegistry;
import dev.bulwark.enforcer.container.GroupNames;
import dev.bulwark.enforcer.process.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The workload of a process: its container (through the registry) with its learned group, or the host. A process
 * in a container's cgroup that still shares the enforcer's mount namespace is the runtime's own helper on its way
 * in, and counts as the host's: a container's root is only ever taken from a process inside it. The first sight
 * of a container, and of a container restarted under the same id (its first process gone, its root another), is
 * announced with the pid it was seen through: the enforcer arms its exec gate then. Thread-safe.
 */
final class Workloads {

    private final ContainerRegistry registry;
    private final BiConsumer<Workload, Integer> firstSeen;
    private final Map<String, Workload> byId = new ConcurrentHashMap<>();
    private final Optional<String> ownMountNamespace = mountNamespace(Path.of("/proc/self/ns/mnt"));

    Workloads(ContainerRegistry registry, BiConsumer<Workload, Integer> firstSeen) {
        this.registry = registry;
        this.firstSeen = firstSeen;
    }

    /** The workload of a process; a process of no container, or one gone already, is the host's. */
    Workload of(int pid) {
        Optional<Container> c = registry.containerOf(pid);
        if (c.isEmpty()) {
            return Workload.HOST;
        }
        Optional<String> ns = mountNamespaceOf(pid);
        if (ns.isEmpty() || ns.equals(ownMountNamespace)) {
            return Workload.HOST;
        }
        Workload known = byId.get(c.get().id());
        if (known != null && mountNamespace(known.root().orElseThrow().resolveSibling("ns").resolve("mnt"))
                .equals(ns)) {
            return known;
        }
        Workload fresh = workload(c.get(), pid, ns.get());
        byId.put(fresh.id(), fresh);
        firstSeen.accept(fresh, pid);
        return fresh;
    }

    /** The container's root through its first process when that is inside it, else through {@code pid}. */
    private static Workload workload(Container c, int pid, String ns) {
        boolean first = c.pid() > 0 && mountNamespaceOf(c.pid()).filter(ns::equals).isPresent();
        return new Workload(c.id(), c.name(), GroupNames.of(c), Optional.of(Path.of("/proc", Integer.toString(
                first ? c.pid() : pid), "root")));
    }

    private static Optional<String> mountNamespaceOf(int pid) {
        return mountNamespace(Path.of("/proc", Integer.toString(pid), "ns", "mnt"));
    }

    private static Optional<String> mountNamespace(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Forgets the containers whose processes are all gone; returns their ids. */
    List<String> sweep() {
        List<String> gone = registry.sweep();
        gone.forEach(byId::remove);
        return gone;
    }
}
