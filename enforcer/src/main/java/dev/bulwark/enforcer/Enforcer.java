package dev.bulwark.enforcer;

import dev.bulwark.enforcer.container.ContainerRegistry;
import dev.bulwark.enforcer.container.NodePaths;
import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.event.IncidentLog;
import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.linux.LinuxException;
import dev.bulwark.enforcer.linux.ProcConnector;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import dev.bulwark.enforcer.process.ExecGate;
import dev.bulwark.enforcer.process.ImageBaseline;
import dev.bulwark.enforcer.process.ProcessMonitor;
import dev.bulwark.enforcer.process.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The enforcer's composition root: the process connector feeds the process monitor, fanotify feeds the exec gate,
 * and every container whose group is in Protect has its root mount marked for exec permission events.
 */
public final class Enforcer implements AutoCloseable {

    private static final int POLL_MILLIS = 200;
    private static final int RECEIVE_BUFFER = 8 << 20;
    private static final long SWEEP_MILLIS = 5_000;

    /**
     * @param policyFile the user's policy ({@code groups: [...]}), if any
     * @param dataDir where learned profiles are kept ({@code learned.json})
     * @param defaultMode the mode of a group the policy does not name
     * @param events a JSON-lines file incidents are appended to, if any
     * @param deadlineMillis how long an exec may wait for a decision before it is allowed
     */
    public record Settings(Optional<Path> policyFile, Path dataDir, Mode defaultMode, Optional<Path> events,
            long deadlineMillis, String hostName) {}

    private final Policies policies;
    private final IncidentLog log;
    private final Workloads workloads;
    private final ProcessMonitor monitor;
    private final ExecGate gate;
    private final ProcConnector connector;
    private final Fanotify fanotify;
    private final Map<String, ImageBaseline> baselines = new ConcurrentHashMap<>();
    private final Set<String> marked = ConcurrentHashMap.newKeySet();
    private final Thread processThread;
    private final Thread fanotifyThread;
    private final Thread sweeper;

    private Enforcer(Settings s, Optional<PrintStream> console) {
        policies = Policies.load(s.policyFile(), s.defaultMode(), Optional.of(s.dataDir().resolve("learned.json")));
        log = new IncidentLog(s.events(), console);
        workloads = new Workloads(new ContainerRegistry(NodePaths.host()), this::seen);
        ProcessMonitor.Baselines images = w -> w.root().map(root -> baselines.computeIfAbsent(w.id(),
                id -> ImageBaseline.of(root)));
        gate = new ExecGate(workloads::of, policies, images, log, s.hostName(), s.deadlineMillis());
        monitor = new ProcessMonitor(Path.of("/proc"), workloads::of, policies, images, log, gate::recentExec,
                s.hostName());
        fanotify = Fanotify.open();
        try {
            connector = ProcConnector.open(RECEIVE_BUFFER);
        } catch (RuntimeException e) {
            fanotify.close();
            throw e;
        }
        fanotifyThread = Thread.ofPlatform().name("enforcer-fanotify").daemon().start(
                () -> fanotify.run(gate, POLL_MILLIS));
        processThread = Thread.ofPlatform().name("enforcer-proc").daemon().start(
                () -> connector.run(monitor, POLL_MILLIS));
        monitor.rescan();
        sweeper = Thread.ofVirtual().name("enforcer-sweep").start(this::sweepUntilClosed);
    }

    /** Forgets containers that are gone, so that their state does not grow without end. */
    private void sweepUntilClosed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(SWEEP_MILLIS);
                for (String id : workloads.sweep()) {
                    marked.remove(id);
                    baselines.remove(id);
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

    /** A container seen for the first time gets its exec gate, which refuses nothing until its group is in Protect. */
    private void seen(Workload w, int pid) {
        mark(w, pid);
    }

    /** Takes the image baseline first, so that the gate's first decision does not wait for it. */
    private void mark(Workload w, int pid) {
        if (marked.add(w.id())) {
            w.root().ifPresent(root -> baselines.computeIfAbsent(w.id(), id -> ImageBaseline.of(root)));
            try {
                fanotify.markMount(Path.of("/proc", Integer.toString(pid), "root"),
                        Fanotify.FAN_OPEN_EXEC_PERM);
            } catch (LinuxException e) {
                marked.remove(w.id()); // the container went away meanwhile; its next process tries again
            }
        }
    }

    /** Changes a group's mode; the exec gate of its containers applies the new mode from the next exec. */
    public void setMode(String group, Mode mode) {
        policies.setMode(group, mode);
    }

    public Policies policies() {
        return policies;
    }

    /**
     * Counters for the operator: processes judged, gone before read, kernel drops, faults, exec gate decisions,
     * fail-safe allows, incidents written.
     */
    public Map<String, Long> counters() {
        long[] m = monitor.counters();
        long[] g = gate.counters();
        return Map.of("execs", m[0], "missed", m[1], "lost", m[2], "errors", m[3], "gate_decisions", g[0],
                "gate_failsafe", g[1], "incidents", log.written());
    }

    public Consumer<Incident> incidents() {
        return log;
    }

    /** Stops watching; closing fanotify lets every exec still waiting for an answer run. */
    @Override
    public void close() {
        sweeper.interrupt();
        connector.close();
        fanotify.close();
        join(processThread);
        join(fanotifyThread);
        gate.close();
        log.close();
    }

    private static void join(Thread t) {
        try {
            t.join(POLL_MILLIS * 5L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
