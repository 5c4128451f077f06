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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The workload of a process: its container (through the registry, which reads its cgroup) with its learned group,
 * or the host. A process in a container's cgroup that still shares the enforcer's mount namespace is the
 * runtime's own helper on its way in, and counts as the host's: a container's root is only ever taken from a
 * process inside it.
 *
 * <p>A container is one workload for as long as its first process lives: a new mount or user namespace made inside
 * it changes nothing but is announced, so that the file systems it mounts get watched. The first sight of a
 * container, and of one restarted under the same id (another first process), is announced with the pid it was
 * seen through: the enforcer takes its baseline and arms its exec gate then. Thread-safe.
 */
final class Workloads {

    /** What is known of one container: its workload, its first process, and its mount namespaces seen. */
    private record Instance(Workload workload, int init, Set<String> namespaces) {}

    private final ContainerRegistry registry;
    private final BiConsumer<Workload, Integer> firstSeen;
    private final BiConsumer<Workload, Integer> newNamespace;
    private final Map<String, Instance> byId = new ConcurrentHashMap<>();
    private final Optional<String> ownMountNamespace = mountNamespace(Path.of("/proc/self/ns/mnt"));

    /**
     * @param firstSeen told of a container seen for the first time, or restarted, with the pid it was seen through
     * @param newNamespace told of a mount namespace seen in a known container for the first time, with a pid in it
     */
    Workloads(ContainerRegistry registry, BiConsumer<Workload, Integer> firstSeen,
            BiConsumer<Workload, Integer> newNamespace) {
        this.registry = registry;
        this.firstSeen = firstSeen;
        this.newNamespace = newNamespace;
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
        int init = c.get().pid();
        boolean[] fresh = {false};
        Instance known = byId.compute(c.get().id(), (id, old) -> {
            if (old != null && (init == 0 || init == old.init())) {
                return old;
            }
            fresh[0] = true;
            return new Instance(workload(c.get(), pid), init, ConcurrentHashMap.newKeySet());
        });
        boolean newNs = known.namespaces().add(ns.get());
        if (fresh[0]) {
            firstSeen.accept(known.workload(), rootPid(c.get(), pid));
        } else if (newNs) {
            newNamespace.accept(known.workload(), pid);
        }
        return known.workload();
    }

    /** The container's root through its first process when that is inside it, else through {@code pid}. */
    private Workload workload(Container c, int pid) {
        return new Workload(c.id(), c.name(), GroupNames.of(c), Optional.of(Path.of("/proc", Integer.toString(
                rootPid(c, pid)), "root")));
    }

    private int rootPid(Container c, int pid) {
        Optional<String> first = c.pid() > 0 ? mountNamespaceOf(c.pid()) : Optional.empty();
        return first.isPresent() && !first.equals(ownMountNamespace) ? c.pid() : pid;
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

    /** The workloads of the containers seen and not gone. */
    java.util.Collection<Workload> all() {
        return byId.values().stream().map(Instance::workload).toList();
    }

    /** The containers seen and not gone, each with its first process. */
    Map<Workload, Integer> firstProcesses() {
        Map<Workload, Integer> out = new java.util.HashMap<>();
        byId.values().forEach(i -> out.put(i.workload(), i.init()));
        return out;
    }

    /** Forgets the containers whose processes are all gone; returns their ids. */
    List<String> sweep() {
        List<String> gone = registry.sweep();
        gone.forEach(byId::remove);
        return gone;
    }
}
