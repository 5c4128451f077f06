package dev.bulwark.enforcer;

import dev.bulwark.enforcer.container.Container;
import dev.bulwark.enforcer.container.ContainerRegistry;
import dev.bulwark.enforcer.container.GroupNames;
import dev.bulwark.enforcer.process.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The workload of a process: its container (through the registry) with its learned group, or the host. The
 * first sight of a container is announced, with the pid it was seen through: the enforcer arms its exec gate then.
 * Thread-safe.
 */
final class Workloads {

    private final ContainerRegistry registry;
    private final BiConsumer<Workload, Integer> firstSeen;
    private final Map<String, Workload> byId = new ConcurrentHashMap<>();

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
        Workload known = byId.get(c.get().id());
        if (known != null) {
            return known;
        }
        Workload fresh = workload(c.get(), pid);
        known = byId.putIfAbsent(fresh.id(), fresh);
        if (known != null) {
            return known;
        }
        firstSeen.accept(fresh, pid);
        return fresh;
    }

    /** The container's root through its first process when known, which lives as long as the container. */
    private static Workload workload(Container c, int pid) {
        int rootPid = c.pid() > 0 ? c.pid() : pid;
        return new Workload(c.id(), c.name(), GroupNames.of(c), Optional.of(Path.of("/proc", Integer.toString(
                rootPid), "root")));
    }

    /** Forgets the containers whose processes are all gone; returns their ids. */
    List<String> sweep() {
        List<String> gone = registry.sweep();
        gone.forEach(byId::remove);
        return gone;
    }
}
