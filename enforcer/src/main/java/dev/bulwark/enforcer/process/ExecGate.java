package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.policy.GroupPolicy;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Answers fanotify's exec permission events of containers. Every exec's executable is remembered by pid, since
 * the kernel holds the exec until the answer: the process monitor finds it there even when the process is gone
 * before {@code /proc} could be read. In Protect an executable runs when a rule of its group allows its path, or
 * (zero-drift) when it came unchanged with the image; any other is refused before it runs, and the caller sees
 * "Operation not permitted". Only containers in Protect are ever refused; a decision that fails or takes longer
 * than the deadline is answered allow and reported.
 */
public final class ExecGate implements Fanotify.Handler, AutoCloseable {

    /** Execs remembered: far more than can start between an exec and its netlink event. */
    private static final int RECENT = 4096;

    private final IntFunction<Workload> workloads;
    private final Policies policies;
    private final ProcessMonitor.Baselines baselines;
    private final Consumer<Incident> incidents;
    private final String hostName;
    private final long deadlineMillis;
    private final ExecutorService deciders = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong failsafe = new AtomicLong();
    private final Map<Integer, Exec> recent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, Exec> eldest) {
                    return size() > RECENT;
                }
            });

    public ExecGate(IntFunction<Workload> workloads, Policies policies, ProcessMonitor.Baselines baselines,
            Consumer<Incident> incidents, String hostName, long deadlineMillis) {
        this.workloads = workloads;
        this.policies = policies;
        this.baselines = baselines;
        this.incidents = incidents;
        this.hostName = hostName;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public boolean allow(Fanotify.Event event) {
        if (!event.isPermission()) {
            return true;
        }
        decided.incrementAndGet();
        Future<Boolean> decision = deciders.submit(() -> decide(event.pid(), event.path()));
        try {
            return decision.get(deadlineMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            decision.cancel(true);
            failsafe.incrementAndGet();
            report(Incident.ENFORCER_FAILSAFE, Workload.HOST, event.pid(), event.path().toString(), "allow",
                    e instanceof TimeoutException ? "no decision within %d ms: allowed".formatted(deadlineMillis)
                            : "deciding failed (" + e.getCause() + "): allowed");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean decide(int pid, Path path) {
        Workload w = workloads.apply(pid);
        if (w.host()) {
            return true;
        }
        String file = path.toString();
        recent.put(pid, new Exec(file, w));
        GroupPolicy policy = policies.of(w.group());
        if (policy.mode() != Mode.Protect) {
            return true;
        }
        boolean allowed = policy.profile().allowsPath(file)
                || policy.zeroDrift() && baselines.of(w).map(b -> b.original(file)).orElse(false);
        if (!allowed && !Thread.currentThread().isInterrupted()) { // interrupted: given up on, already allowed
            report(Incident.PROFILE_VIOLATION, w, pid, file, Incident.DENY,
                    "executable refused: not allowed by the profile of " + w.group()
                            + (policy.zeroDrift() ? " and not part of the image" : ""));
        }
        return allowed;
    }

    private void report(String name, Workload w, int pid, String file, String action, String message) {
        Instant now = Instant.now();
        String base = file.substring(file.lastIndexOf('/') + 1);
        incidents.accept(new Incident(name, "Critical", now.getEpochSecond(), now.truncatedTo(ChronoUnit.SECONDS)
                .toString(), hostName, w.id(), w.name(), w.group(), base, file, "", pid, 0, 0, "", "", "", action, "",
                message));
    }

    /** An exec as the gate saw it, before it ran: the executable and whose it is. */
    public record Exec(String path, Workload workload) {}

    /** The executable the process last asked to run, if it was a container's and recent. */
    public Optional<Exec> recentExec(int pid) {
        return Optional.ofNullable(recent.get(pid));
    }

    /** Permission events decided, and how many of them were allowed because no decision came in time. */
    public long[] counters() {
        return new long[] {decided.get(), failsafe.get()};
    }

    @Override
    public void close() {
        deciders.shutdownNow();
    }
}
