package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.linux.FileId;
import dev.bulwark.enforcer.linux.LinuxException;
import dev.bulwark.enforcer.linux.ProcEvent;
import dev.bulwark.enforcer.policy.GroupPolicy;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Judges every process the kernel reports starting: finds its workload and group, raises the built-in detections
 * (suspicious programs by every name they go by, reverse shells on a socket or piped to one, escalation to root,
 * memfd programs, which no fanotify mark can see), and applies the group's profile in its mode: learn in Discover,
 * report in Monitor, report and kill in Protect (after the exec, as the fallback to the exec gate).
 */
public final class ProcessMonitor implements Consumer<ProcEvent>, AutoCloseable {

    /** How the kernel names an anonymous file made by {@code memfd_create}. */
    private static final String MEMFD = "/memfd:";


    private final Path proc;
    private final IntFunction<Workload> workloads;
    private final Policies policies;
    private final ImageBaseline.Source baselines;
    private final Consumer<Incident> incidents;
    private final IntFunction<Optional<ExecGate.Exec>> recentExecs;
    private final String hostName;
    private final int self = (int) ProcessHandle.current().pid();
    private final Map<Integer, ProcessInfo> table = new ConcurrentHashMap<>();
    private final AtomicLong execs = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final UserNames userNames = new UserNames();
    private static final System.Logger LOG = System.getLogger(ProcessMonitor.class.getName());
    /** How long judging a process waits for the baseline of a container just seen. */
    private static final Duration BASELINE_WAIT = Duration.ofSeconds(2);
    private final PipedShells pipedShells;
    private final ProcessHistory history = new ProcessHistory();

    /**
     * @param recentExecs what the exec gate saw of a pid's last exec, for processes gone before they are read
     */
    public ProcessMonitor(Path proc, IntFunction<Workload> workloads, Policies policies, ImageBaseline.Source baselines,
            Consumer<Incident> incidents, IntFunction<Optional<ExecGate.Exec>> recentExecs, String hostName) {
        this.proc = proc;
        this.workloads = workloads;
        this.policies = policies;
        this.baselines = baselines;
        this.incidents = incidents;
        this.recentExecs = recentExecs;
        this.hostName = hostName;
        this.pipedShells = new PipedShells(proc, this::pipedShell);
    }

    /** Handles one event; a fault judging one process is logged and counted, and the next event is handled. */
    @Override
    public void accept(ProcEvent event) {
        try {
            handle(event);
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "judging pid " + event.pid() + " failed", e);
        }
    }

    private void handle(ProcEvent event) {
        switch (event) {
            case ProcEvent.Exec e -> exec(e.pid(), true);
            case ProcEvent.Uid u -> uidChanged(u);
            case ProcEvent.Exit x -> {
                table.remove(x.pid());
                history.exited(x.pid(), java.time.Instant.now().getEpochSecond());
            }
            case ProcEvent.Fork f -> { }
            case ProcEvent.Lost l -> {
                lost.incrementAndGet();
                rescan();
            }
        }
    }

    /**
     * Judges every process now running that has not been seen yet: at start, and after the kernel lost events. As
     * exits may have been lost too, what is known of processes gone is dropped, and a pid whose process started
     * anew (a pid reused meanwhile) is judged again.
     */
    public void rescan() {
        Set<Integer> live;
        try (var dirs = Files.list(proc)) {
            live = dirs.map(p -> p.getFileName().toString())
                    .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit)).map(Integer::valueOf)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        table.keySet().retainAll(live);
        for (int pid : live) {
            ProcessInfo known = table.get(pid);
            if (known == null || startedAnew(known)) {
                exec(pid, false);
            }
        }
    }

    private boolean startedAnew(ProcessInfo known) {
        try {
            return ProcessInfo.startTime(proc, known.pid()) != known.startTime();
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    private void exec(int pid, boolean justStarted) {
        if (pid == self) {
            return;
        }
        execs.incrementAndGet();
        Optional<ProcessInfo> read = ProcessInfo.read(proc, pid);
        Optional<ExecGate.Exec> gated = justStarted ? recentExecs.apply(pid) : Optional.empty();
        if (gated.isPresent() && (read.isEmpty() || read.get().path().isEmpty())) {
            judgeGone(pid, read.map(ProcessInfo::name).filter(n -> !n.equals("exe")), gated.get());
            return;
        }
        if (read.isEmpty()) {
            missed.incrementAndGet();
            // not judged, but its container is still found: a container's only process read mid-exec would
            // otherwise leave the container unknown for as long as it runs nothing else
            workloads.apply(pid);
            return;
        }
        ProcessInfo p = read.get();
        table.put(pid, p);
        if (p.path().isEmpty()) {
            return; // a kernel thread
        }
        Workload w = workloads.apply(pid);
        if (!w.host() && !justStarted && runtimeHelper(p)) {
            return;
        }
        GroupPolicy policy = policies.of(w.group());
        String user = userNames.of(w, p.euid());
        if (!w.host()) {
            history.started(w.id(), p, user, java.time.Instant.now().getEpochSecond());
        }
        boolean stop = justStarted && !w.host() && policy.mode() == Mode.Protect;
        String actingAs = CommandLines.actingAs(p.path(), p.argv());
        Optional<String[]> suspicious = Suspicious.of(List.of(p.name(), CommandLines.base(p.path()), actingAs),
                w.host());
        if (suspicious.isPresent()) {
            boolean allowed = policy.profile().decide(p.name(), p.path(), user).filter(r -> r.allows()
                    && !r.cfgType().equals(dev.bulwark.enforcer.policy.ProcessRule.LEARNED)).isPresent();
            report(suspicious.get()[0], w, p, stop && !allowed, "", suspicious.get()[1]);
            return;
        }
        ProcessInfo parent = table.get(p.ppid());
        if (justStarted && p.euid() == 0 && (p.uid() != 0 || parent != null && parent.euid() != 0)) {
            report(Incident.ESCALATION, w, p, false, "", "runs as root (effective uid 0) for uid %d"
                    .formatted(parent != null && parent.euid() != 0 ? parent.euid() : p.uid()));
        }
        if (reverseShell(pid)) {
            report(Incident.TUNNEL, w, p, stop, "", "reverse shell: standard input and output on one socket");
            return;
        }
        if (!w.host() && p.path().startsWith(MEMFD) && policy.mode() != Mode.Discover) {
            report(Incident.PROFILE_VIOLATION, w, p, stop, "", "anonymous executable (memfd) run: not part of the "
                    + "image");
            return;
        }
        if (!w.host() && justStarted && CommandLines.shell(actingAs)) {
            pipedShells.watch(p, w, stop);
        }
        boolean fromImage = !w.host() && gated.filter(g -> g.path().equals(p.path())).map(ExecGate.Exec::original)
                .orElseGet(() -> original(w, pid));
        Verdict v = Verdict.of(policy, p.name(), p.path(), user, fromImage);
        switch (v.kind()) {
            case ALLOW -> { }
            case LEARN -> policies.learn(w.group(), p.name(), p.path(), user);
            case VIOLATE, DENY -> report(w.host() ? Incident.HOST_PROFILE_VIOLATION : Incident.PROFILE_VIOLATION, w,
                    p, v.kind() == Verdict.Kind.DENY && stop, v.ruleId(), v.ruleId().isEmpty()
                            ? "process not in the profile of " + w.group() : "process denied by a rule");
        }
    }

    /**
     * A container process that ended before its {@code /proc} entry could be read: judged by the executable the
     * gate saw (and the name, while it is a zombie), as the gate would judge it, with nothing left to stop.
     */
    private void judgeGone(int pid, Optional<String> zombieName, ExecGate.Exec exec) {
        String path = exec.path();
        String name = zombieName.orElse(path.substring(path.lastIndexOf('/') + 1));
        ProcessInfo p = new ProcessInfo(pid, 0, name, path, List.of(), -1, -1, 0);
        Workload w = exec.workload();
        GroupPolicy policy = policies.of(w.group());
        boolean fromImage = exec.original();
        if (!w.host()) {
            history.started(w.id(), p, "", java.time.Instant.now().getEpochSecond());
        }
        try {
            judgeEnded(w, p, policy, fromImage);
        } finally {
            history.exited(pid, java.time.Instant.now().getEpochSecond());
        }
    }

    private void judgeEnded(Workload w, ProcessInfo p, GroupPolicy policy, boolean fromImage) {
        String name = p.name();
        String path = p.path();
        Optional<String[]> suspicious = Suspicious.of(List.of(name), false);
        if (suspicious.isPresent()) {
            report(suspicious.get()[0], w, p, false, "", suspicious.get()[1]);
            return;
        }
        switch (Verdict.of(policy, name, path, "", fromImage).kind()) {
            case ALLOW -> { }
            case LEARN -> policies.learn(w.group(), name, path, "");
            case VIOLATE, DENY -> {
                if (!policy.profile().allowsPath(path) && !(policy.zeroDrift() && fromImage)) {
                    report(Incident.PROFILE_VIOLATION, w, p, false, "", "process (ended before it was read) not "
                            + "in the profile of " + w.group());
                }
            }
        }
    }

    /** A process that was not root making itself root (setuid(0) by a capability or an exploit). */
    private void uidChanged(ProcEvent.Uid u) {
        ProcessInfo before = table.get(u.pid());
        if (u.effectiveUid() != 0 || before == null || before.euid() == 0) {
            return;
        }
        Workload w = workloads.apply(u.pid());
        ProcessInfo now = new ProcessInfo(before.pid(), before.ppid(), before.name(), before.path(), before.argv(),
                u.realUid(), u.effectiveUid(), before.startTime());
        table.put(u.pid(), now);
        report(Incident.ESCALATION, w, now, false, "", "effective user became root from uid " + before.euid());
    }

    /**
     * The runtime's own helper found inside a container when the enforcer starts ({@code runc init}: runc's copy of
     * itself in a memfd, waiting to start the container or to run an exec), which must never be judged as the
     * container's. Known by where it comes from, never by its name: an anonymous executable of the very size of
     * its parent's, a process of the host. It is never seen starting in a container: its own exec is made before
     * it enters the container's mount namespace and counts as the host's.
     */
    private boolean runtimeHelper(ProcessInfo p) {
        if (!p.path().startsWith(MEMFD) || !workloads.apply(p.ppid()).host()) {
            return false;
        }
        try {
            return FileId.of(proc.resolve(Integer.toString(p.pid())).resolve("exe")).size()
                    == FileId.of(proc.resolve(Integer.toString(p.ppid())).resolve("exe")).size();
        } catch (LinuxException e) {
            return false;
        }
    }

    /** Whether the process runs the very file its container's image brought, unchanged. */
    private boolean original(Workload w, int pid) {
        try {
            FileId running = FileId.of(proc.resolve(Integer.toString(pid)).resolve("exe"));
            return baselines.of(w, BASELINE_WAIT).map(b -> b.original(running)).orElse(false);
        } catch (LinuxException | Baselines.NotReady e) {
            return false;
        }
    }

    /** A shell whose standard input or output is a pipe to a process holding a network socket. */
    private void pipedShell(ProcessInfo shell, Workload w, boolean stop, String peer) {
        report(Incident.TUNNEL, w, shell, stop, "", "reverse shell: standard input or output piped to " + peer
                + ", which holds a network socket");
    }

    /** Standard input and output on the same socket: a shell talking to the network. */
    private boolean reverseShell(int pid) {
        try {
            Path fd = proc.resolve(Integer.toString(pid)).resolve("fd");
            String in = Files.readSymbolicLink(fd.resolve("0")).toString();
            return in.startsWith("socket:") && in.equals(Files.readSymbolicLink(fd.resolve("1")).toString());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void report(String name, Workload w, ProcessInfo p, boolean kill, String ruleId, String message) {
        boolean killed = kill && ProcessKill.kill(proc, p);
        history.acted(p.pid(), killed ? Incident.DENY : Incident.VIOLATE);
        ProcessInfo parent = table.get(p.ppid());
        incidents.accept(Incident.now(Incident.forHost(name, w.host()), killed ? "Critical" : "Warning", hostName,
                w.subject(), parent == null ? p.incidentProc() : p.incidentProc(parent), "",
                new Incident.Outcome(killed ? Incident.DENY : Incident.VIOLATE, ruleId, message)));
    }

    /** The last programs each container ran. */
    public ProcessHistory history() {
        return history;
    }

    @Override
    public void close() {
        pipedShells.close();
    }

    /** Processes judged, gone before they could be read, times the kernel dropped events, and faults. */
    public long[] counters() {
        return new long[] {execs.get(), missed.get(), lost.get(), errors.get()};
    }
}
