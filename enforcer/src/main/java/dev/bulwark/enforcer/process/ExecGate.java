package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.policy.GroupPolicy;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Answers fanotify's exec permission events of containers. Every exec's executable is remembered by pid, since
 * the kernel holds the exec until the answer: the process monitor finds it there even when the process is gone
 * before {@code /proc} could be read. In Protect an executable runs when a rule of its group allows its path, or
 * (zero-drift) when it came unchanged with the image; any other is refused before it runs, and the caller sees
 * "Operation not permitted". Only containers in Protect are ever refused. (The enforcer gives every decision a
 * deadline.)
 */
public final class ExecGate implements Fanotify.Handler {

    /**
     * The dynamic loader, which the kernel opens for exec after the program itself: the image's own loader is
     * allowed whatever the baseline, and it is never taken for the program.
     */
    private static final Pattern LOADER = Pattern.compile(
            "ld-(linux[^/]*|musl-[^/]*)\\.so(\\.[0-9]+)*");

    /** Execs remembered: far more than can start between an exec and its netlink event. */
    private static final int RECENT = 4096;

    private final IntFunction<Workload> workloads;
    private final Policies policies;
    private final ProcessMonitor.Baselines baselines;
    private final Consumer<Incident> incidents;
    private final String hostName;
    private final Map<Integer, Exec> recent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, Exec> eldest) {
                    return size() > RECENT;
                }
            });

    public ExecGate(IntFunction<Workload> workloads, Policies policies, ProcessMonitor.Baselines baselines,
            Consumer<Incident> incidents, String hostName) {
        this.workloads = workloads;
        this.policies = policies;
        this.baselines = baselines;
        this.incidents = incidents;
        this.hostName = hostName;
    }

    @Override
    public boolean allow(Fanotify.Event event) {
        return !event.isPermission() || decide(event.pid(), event.path());
    }

    private boolean decide(int pid, Path path) {
        Workload w = workloads.apply(pid);
        if (w.host()) {
            return true;
        }
        String file = path.toString();
        boolean loader = LOADER.matcher(file.substring(file.lastIndexOf('/') + 1)).matches();
        if (!loader) {
            recent.put(pid, new Exec(file, w));
        }
        GroupPolicy policy = policies.of(w.group());
        if (policy.mode() != Mode.Protect) {
            return true;
        }
        boolean original = baselines.of(w).map(b -> b.original(file)).orElse(false);
        boolean allowed = !policy.profile().deniesPath(file) && (policy.profile().allowsPath(file)
                || original && (policy.zeroDrift() || loader));
        if (!allowed && !Thread.currentThread().isInterrupted()) { // interrupted: given up on, already allowed
            report(Incident.PROFILE_VIOLATION, w, pid, file, Incident.DENY,
                    "executable refused: not allowed by the profile of " + w.group()
                            + (policy.zeroDrift() ? " and not part of the image" : ""));
        }
        return allowed;
    }

    private void report(String name, Workload w, int pid, String file, String action, String message) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        incidents.accept(Incident.now(name, "Critical", hostName, w.id(), w.name(), w.group(), base, file, "", pid,
                -1, -1, "", "", "", action, "", message));
    }

    /** An exec as the gate saw it, before it ran: the executable and whose it is. */
    public record Exec(String path, Workload workload) {}

    /** The executable the process last asked to run, if it was a container's and recent. */
    public Optional<Exec> recentExec(int pid) {
        return Optional.ofNullable(recent.get(pid));
    }

}
