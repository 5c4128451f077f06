package dev.bulwark.enforcer;

import dev.bulwark.enforcer.container.ContainerRegistry;
import dev.bulwark.enforcer.container.CriClient;
import dev.bulwark.enforcer.container.NodePaths;
import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.event.IncidentLog;
import dev.bulwark.enforcer.file.FileMonitor;
import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.linux.LinuxException;
import dev.bulwark.enforcer.linux.MemfdExec;
import dev.bulwark.enforcer.linux.Mounts;
import dev.bulwark.enforcer.linux.ProcConnector;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import dev.bulwark.enforcer.process.Baselines;
import dev.bulwark.enforcer.process.ExecGate;
import dev.bulwark.enforcer.process.ProcessMonitor;
import dev.bulwark.enforcer.process.Workload;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.enforcer.link.ControllerLink;
import dev.bulwark.enforcer.link.Spool;
import dev.bulwark.link.Identity;
import dev.bulwark.link.Role;
import dev.bulwark.enforcer.network.NetworkPlane;
import dev.bulwark.link.model.Connection;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The enforcer's composition root: the process connector feeds the process monitor, fanotify feeds the exec gate,
 * and every container whose group is in Protect has its root mount marked for exec permission events.
 */
public final class Enforcer implements AutoCloseable {

    private static final int POLL_MILLIS = 200;
    private static final int RECEIVE_BUFFER = 8 << 20;
    private static final long SWEEP_MILLIS = 1_000;
    private static final long SPOOL_BYTES = 64L << 20;
    private static final Duration NETWORK_REPORT = Duration.ofSeconds(5);

    /**
     * @param policyFile the user's policy ({@code groups: [...]}), if any
     * @param dataDir where learned profiles are kept ({@code learned.json})
     * @param defaultMode the mode of a group the policy does not name
     * @param events a JSON-lines file incidents are appended to, if any
     * @param deadlineMillis how long an exec may wait for a decision before it is allowed
     * @param criSocket the Kubernetes runtime's CRI socket; empty: the first of {@link CriClient#WELL_KNOWN} there is
     */
    public record Settings(Optional<Path> policyFile, Path dataDir, Mode defaultMode, Optional<Path> events,
            long deadlineMillis, String hostName, Optional<Path> criSocket, Optional<Link> link) {

        /** Settings of an enforcer that answers to no controller. */
        public Settings(Optional<Path> policyFile, Path dataDir, Mode defaultMode, Optional<Path> events,
                long deadlineMillis, String hostName, Optional<Path> criSocket) {
            this(policyFile, dataDir, defaultMode, events, deadlineMillis, hostName, criSocket, Optional.empty());
        }
    }

    /**
     * The controller this enforcer answers to ({@code HOST:PORT}) and how it gets its identity there: the one kept
     * in {@code DATA/link/}, else one given ({@code allinone}), else by joining with a token.
     */
    public record Link(String controller, Optional<String> joinToken, Optional<Identity> identity) {}

    private final Policies policies;
    private final IncidentLog log;
    private final Workloads workloads;
    private final ProcessMonitor monitor;
    private final ExecGate gate;
    private final FileMonitor files;
    private final Deadline deadline;
    private final ProcConnector connector;
    private final Fanotify fanotify;
    private final Optional<CriClient> criRuntime;
    private final Baselines baselines;
    private final Set<String> marked = ConcurrentHashMap.newKeySet();
    private final Set<String> markedFilesystems = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Workload> mounts = new ConcurrentHashMap<>();
    private final Watchers watchers = new Watchers();
    private final ContainerRegistry registry;
    private final Optional<ControllerLink> link;
    private final Optional<LinkedNode> linked;
    private final Optional<NetworkPlane> network;
    private final ExecutorService namespaceSettings = Executors
            .newSingleThreadExecutor(Thread.ofPlatform().daemon().name("enforcer-settings").factory());

    private Enforcer(Settings s, Optional<PrintStream> console) {
        Path linkDir = s.dataDir().resolve("link");
        Optional<Identity> identity = s.link().map(l -> identity(l, linkDir, s.hostName()));
        policies = Policies.load(s.policyFile(), s.defaultMode(), Optional.of(s.dataDir().resolve("learned.json")));
        Optional<byte[]> kept = identity.flatMap(id -> LinkedNode.keptPolicy(linkDir));
        kept.ifPresent(k -> keep(policies, k)); // fail-static
        log = new IncidentLog(s.events(), console);
        criRuntime = s.criSocket().map(CriClient::new).or(() -> CriClient.onNode(NodePaths.host()));
        registry = new ContainerRegistry(NodePaths.host(), criRuntime);
        workloads = new Workloads(registry, this::seen, this::markFilesystems);
        baselines = new Baselines(Optional.of(s.dataDir()));
        Consumer<Incident> incidents = i -> {
            log.accept(i);
            forward(i);
        };
        gate = new ExecGate(Path.of("/proc"), workloads::of, policies, baselines,
                Duration.ofMillis(s.deadlineMillis() * 3 / 4), incidents, s.hostName());
        monitor = new ProcessMonitor(Path.of("/proc"), workloads::of, policies, baselines, incidents, this::gated,
                s.hostName());
        files = new FileMonitor(Path.of("/proc"), workloads::of, id -> Optional.ofNullable(mounts.get(id)), policies,
                incidents, s.hostName());
        network = identity.map(id -> new NetworkPlane(kept.map(LinkedNode::networkOf).orElse(List.of()),
                this::reportConnections, NETWORK_REPORT, InstantSource.system()));
        linked = identity.map(id -> new LinkedNode(s.hostName(), runtimeName(), workloads, registry,
                monitor.history(), policies, this::modesChanged, network.orElseThrow()::policy, linkDir));
        link = identity.map(id -> new ControllerLink(s.link().orElseThrow().controller(), id, linked.orElseThrow(),
                new Spool(linkDir.resolve("spool"), SPOOL_BYTES), version()));
        link.ifPresent(l -> policies.onLearned(l::learned));
        fanotify = Fanotify.open();
        try {
            connector = ProcConnector.open(RECEIVE_BUFFER);
        } catch (RuntimeException e) {
            fanotify.close();
            throw e;
        }
        deadline = new Deadline(e -> (e.mask() & Fanotify.FAN_OPEN_EXEC_PERM) != 0 ? gate.allow(e) : files.allow(e),
                s.deadlineMillis(), (e, why) -> log.accept(Incident.now(Incident.ENFORCER_FAILSAFE, "Critical",
                        s.hostName(), Incident.Subject.NONE, Incident.Proc.running(e.pid(), "", e.path().toString()),
                        "", new Incident.Outcome(Incident.ALLOW, "", why))));
        watchers.start("enforcer-fanotify", () -> fanotify.run(deadline, POLL_MILLIS));
        watchers.start("enforcer-proc", () -> connector.run(monitor, POLL_MILLIS));
        monitor.rescan();
        watchers.start("enforcer-sweep", this::sweepUntilClosed);
    }

    /** Forgets containers that are gone, so that their state does not grow without end. */
    private void sweepUntilClosed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(SWEEP_MILLIS);
                for (String id : workloads.sweep()) {
                    link.ifPresent(l -> l.stopped(id));
                    network.ifPresent(n -> n.stopped(id));
                    monitor.history().forget(id);
                    marked.remove(id);
                    baselines.forget(id);
                    mounts.values().removeIf(w -> w.id().equals(id));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts watching this host; needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN). */
    public static Enforcer start(Settings settings, Optional<PrintStream> console) {
        return new Enforcer(settings, console);
    }

    /**
     * A container seen for the first time (or restarted) gets its image baseline taken, on a thread of its own, its
     * exec gate (which refuses nothing until its group is in Protect, and then not before the baseline is ready),
     * its file watch, and open permission events on the directories its block_access rules name.
     */
    private void seen(Workload w, int pid) {
        Optional<dev.bulwark.link.model.Workload> reported = linked.flatMap(n -> n.of(w, pid));
        reported.ifPresent(r -> link.orElseThrow().workload(r));
        network.ifPresent(n -> n.started(w.id(), pid, reported.map(Enforcer::addresses).orElse(List.of())));
        marked.remove(w.id());
        baselines.prepare(w, pid);
        mark(w, pid);
        if (policies.of(w.group()).mode() == Mode.Protect) {
            memfdExec(pid, true);
        }
    }

    /**
     * Marks every file system a process of the container can run programs from, whole (a mark on the file system,
     * not on one mount of it): every mount of it, in every mount namespace made later inside the container, is
     * covered too. Pseudo file systems nothing can be run from are left out.
     */
    private void markFilesystems(Workload w, int pid) {
        Path root = Path.of("/proc", Integer.toString(pid), "root");
        for (Mounts.Mount m : Mounts.of(pid).map(Mounts::mounts).orElse(List.of())) {
            if (m.executable() && !markedFilesystems.contains(m.device())) {
                try {
                    fanotify.markFilesystem(root.resolve("." + m.mountPoint()), Fanotify.FAN_OPEN_EXEC_PERM);
                    markedFilesystems.add(m.device());
                } catch (LinuxException e) {
                    // unmounted meanwhile, or a mount point out of reach: it is tried again with the next namespace
                }
            }
        }
    }

    private void mark(Workload w, int pid) {
        if (marked.add(w.id())) {
            markFilesystems(w, pid);
            Path root = Path.of("/proc", Integer.toString(pid), "root");
            try {
                fanotify.markMount(root, Fanotify.FAN_CLOSE_WRITE);
                rootMount(pid).ifPresent(id -> mounts.put(id, w));
            } catch (LinuxException e) {
                marked.remove(w.id()); // the container went away meanwhile; its next process tries again
                return;
            }
            for (String dir : FileMonitor.guardedDirectories(policies.of(w.group()), root)) {
                Optional<Path> guarded = w.file(dir); // never through a link, out of the container
                if (guarded.isEmpty()) {
                    continue;
                }
                try {
                    fanotify.markPath(guarded.get(), Fanotify.FAN_OPEN_PERM | Fanotify.FAN_EVENT_ON_CHILD);
                } catch (LinuxException e) {
                    // a directory this container does not have: nothing in it to guard
                }
            }
        }
    }

    /**
     * What the exec gate saw of a process's exec. A container's exec the gate did not see ran from a file system
     * not watched yet (mounted later in a namespace already seen), or from a memfd: the file systems of its
     * namespace are looked at again, so that the next exec from there is decided before it runs.
     */
    private Optional<ExecGate.Exec> gated(int pid) {
        Optional<ExecGate.Exec> exec = gate.takeRecentExec(pid);
        if (exec.isEmpty()) {
            Workload w = workloads.of(pid);
            if (!w.host()) {
                markFilesystems(w, pid);
            }
        }
        return exec;
    }

    /**
     * Forbids or allows memfd programs in a container, in order, on a thread of its own: it runs a program, whose
     * own exec the fanotify reader must be free to answer (a decision that waited for it would run out of time).
     */
    private Future<?> memfdExec(int pid, boolean forbidden) {
        return namespaceSettings.submit(() -> MemfdExec.forbid(pid, forbidden));
    }

    /** The id of the mount at "/" in the process's mount namespace (the first field of its mountinfo line). */
    private static Optional<Integer> rootMount(int pid) {
        return Mounts.of(pid).flatMap(Mounts::root).map(Mounts.Mount::id);
    }

    /**
     * Changes a group's mode; the exec gate of its containers applies the new mode from the next exec, and memfd
     * programs are forbidden in them (Protect) or allowed again before this returns.
     */
    public void setMode(String group, Mode mode) {
        policies.setMode(group, mode);
        modesChanged(Set.of(group));
    }

    /** Forbids memfd programs in the containers of groups now in Protect, allows them again in the others. */
    private void modesChanged(Set<String> groups) {
        List<Future<?>> applied = workloads.all().stream().filter(w -> groups.contains(w.group()))
                .flatMap(w -> w.root().stream()).map(r -> Integer.parseInt(r.getParent().getFileName().toString()))
                .<Future<?>>map(pid -> memfdExec(pid, policies.of(workloads.of(pid).group()).mode()
                        == Mode.Protect)).toList();
        for (var done : applied) {
            try {
                done.get();
            } catch (ExecutionException e) {
                // MemfdExec logs its own failures
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public Policies policies() {
        return policies;
    }

    /** The addresses a container reported has: what tells its connections' directions. */
    private static List<InetAddress> addresses(dev.bulwark.link.model.Workload w) {
        List<InetAddress> out = new ArrayList<>();
        w.interfaces().values().forEach(list -> list.forEach(a -> {
            try {
                out.add(InetAddress.ofLiteral(a.ip()));
            } catch (IllegalArgumentException e) {
                // not an address literal: nothing to compare connections with
            }
        }));
        return out;
    }

    private void reportConnections(List<Connection> seen) {
        link.ifPresent(l -> l.connections(seen));
    }

    /** Reports an incident to the controller, when there is one. */
    private void forward(Incident incident) {
        if (link != null) { // incidents of the first moments, before the link exists, are in the local log
            link.ifPresent(l -> l.incident(incident));
        }
    }

    /** Puts the last policy the controller pushed in force; one that no longer reads is reported and skipped. */
    private static void keep(Policies policies, byte[] kept) {
        try {
            policies.replace(kept);
        } catch (InvalidInputException e) {
            System.getLogger(Enforcer.class.getName()).log(System.Logger.Level.WARNING, "the kept policy is skipped"
                    + " until the controller pushes one: " + e.getMessage());
        }
    }

    /** The link identity: kept, given, or had by joining with the token. */
    private static Identity identity(Link l, Path dir, String node) {
        return Identity.obtain(dir, l.identity(), l.controller(), l.joinToken(), node, Role.ENFORCER);
    }

    private String runtimeName() {
        String socket = criRuntime.map(c -> c.socket().toString()).orElse("");
        return socket.contains("containerd") ? "containerd" : socket.contains("crio") ? "cri-o" : "runc";
    }

    private static String version() {
        String v = Enforcer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The link to the controller, when this enforcer answers to one. */
    public Optional<ControllerLink> link() {
        return link;
    }

    /**
     * Counters for the operator: processes judged, gone before read, kernel drops, faults, exec gate decisions,
     * fail-safe allows, incidents written, incidents dropped because the output could not keep up, and the memory
     * the image baselines take.
     */
    public Map<String, Long> counters() {
        long[] m = monitor.counters();
        long[] g = deadline.counters();
        Map<String, Long> out = new java.util.TreeMap<>(Map.of("execs", m[0], "missed", m[1], "lost", m[2],
                "errors", m[3], "decisions", g[0], "failsafe", g[1], "incidents", log.written(), "incidents_dropped",
                log.dropped(), "baseline_bytes", baselines.bytes()));
        network.ifPresent(n -> out.putAll(n.counters()));
        return out;
    }

    /** The CRI socket asked about Kubernetes containers, if there is one. */
    public Optional<Path> criSocket() {
        return criRuntime.map(CriClient::socket);
    }

    /**
     * Completes when the enforcer can no longer watch (one of its threads ended: its kernel channel failed, say),
     * with what ended and why. Its fanotify group is then released, so nothing waits on it.
     */
    public CompletableFuture<String> failure() {
        return watchers.failure();
    }

    /** Stops watching; closing fanotify lets every exec still waiting for an answer run. */
    @Override
    public void close() {
        network.ifPresent(NetworkPlane::close);
        link.ifPresent(ControllerLink::close);
        connector.close();
        fanotify.close();
        watchers.stop(POLL_MILLIS * 5L);
        deadline.close();
        monitor.close();
        baselines.close();
        namespaceSettings.shutdownNow();
        criRuntime.ifPresent(CriClient::close);
        policies.close();
        log.close();
    }
}
