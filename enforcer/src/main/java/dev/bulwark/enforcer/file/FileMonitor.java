package dev.bulwark.enforcer.file;

import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.policy.FileRule;
import dev.bulwark.enforcer.policy.GroupPolicy;
import dev.bulwark.enforcer.policy.Policies;
import dev.bulwark.enforcer.process.ProcessInfo;
import dev.bulwark.enforcer.process.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Judges the file events of containers. A file written and closed that NeuVector watches by default (package
 * databases: {@code Container.Package.Updated}; accounts, hosts, name resolution and program directories:
 * {@code Container.FileAccess.Violation}) or that a {@code monitor_change} rule names is reported in every mode.
 * An open of a file a {@code block_access} rule names, by a program the rule does not list, is learned in
 * Discover (the program joins the rule), reported in Monitor, and refused and reported in Protect.
 */
public final class FileMonitor implements Fanotify.Handler {

    /** NeuVector's predefined monitored files; package databases first, as they raise their own incident. */
    static final List<FileRule> PACKAGE_DATABASES = List.of(rule("/var/lib/dpkg/status"),
            rule("/var/lib/rpm/Packages*"), rule("/var/lib/rpm/rpmdb.sqlite"), rule("/lib/apk/db/installed"));
    static final List<FileRule> PREDEFINED = List.of(rule("/etc/passwd"), rule("/etc/shadow"), rule("/etc/group"),
            rule("/etc/hosts"), rule("/etc/resolv.conf"), rule("/bin/*"), rule("/sbin/*"), rule("/usr/bin/*"),
            rule("/usr/sbin/*"), rule("/usr/local/bin/*"), rule("/usr/local/sbin/*"), rule("/lib/ld-linux*"),
            rule("/lib64/ld-linux*"), rule("/lib/libc.*"), rule("/lib/x86_64-linux-gnu/libc.*"));

    static final int MAX_GUARDED = 10_000;

    private final Path proc;
    private final IntFunction<Workload> workloads;
    private final IntFunction<Optional<Workload>> byMount;
    private final Policies policies;
    private final Consumer<Incident> incidents;
    private final String hostName;

    /** @param byMount the container whose root mount has this id, for events whose process is gone */
    public FileMonitor(Path proc, IntFunction<Workload> workloads, IntFunction<Optional<Workload>> byMount,
            Policies policies, Consumer<Incident> incidents, String hostName) {
        this.proc = proc;
        this.workloads = workloads;
        this.byMount = byMount;
        this.policies = policies;
        this.incidents = incidents;
        this.hostName = hostName;
    }

    private static FileRule rule(String filter) {
        return new FileRule(filter, false, FileRule.MONITOR_CHANGE, List.of());
    }

    @Override
    public boolean allow(Fanotify.Event event) {
        Workload found = workloads.apply(event.pid());
        Workload w = found.host() ? byMount.apply(event.mountId()).orElse(found) : found;
        if (w.host()) {
            return true;
        }
        String path = event.path().toString();
        Optional<ProcessInfo> p = ProcessInfo.read(proc, event.pid());
        if ((event.mask() & Fanotify.FAN_CLOSE_WRITE) != 0) {
            changed(w, path, p, event.pid());
            return true;
        }
        return event.isPermission() ? opened(w, path, p, event.pid()) : true;
    }

    private void changed(Workload w, String path, Optional<ProcessInfo> p, int pid) {
        if (PACKAGE_DATABASES.stream().anyMatch(r -> r.covers(path))) {
            report(Incident.PACKAGE_UPDATED, "Info", w, path, p, pid, Incident.VIOLATE, "package database changed");
        } else if (PREDEFINED.stream().anyMatch(r -> r.covers(path)) || policies.of(w.group()).file().stream()
                .anyMatch(r -> !r.blocks() && r.covers(path))) {
            report(Incident.FILE_VIOLATION, "Warning", w, path, p, pid, Incident.VIOLATE, "file modified");
        }
    }

    private boolean opened(Workload w, String path, Optional<ProcessInfo> p, int pid) {
        GroupPolicy policy = policies.of(w.group());
        Optional<FileRule> rule = policy.file().stream().filter(r -> r.blocks() && r.covers(path)).findFirst();
        if (rule.isEmpty() || p.isEmpty() || rule.get().allows(p.get().name(), p.get().path())) {
            return true;
        }
        return switch (policy.mode()) {
            case Discover -> {
                policies.learnFileAccess(w.group(), rule.get(), p.get().name());
                yield true;
            }
            case Monitor -> {
                report(Incident.FILE_VIOLATION, "Warning", w, path, p, pid, Incident.VIOLATE,
                        "access by a program the rule does not allow");
                yield true;
            }
            case Protect -> {
                report(Incident.FILE_VIOLATION, "Critical", w, path, p, pid, Incident.DENY,
                        "access refused: the program is not allowed by the rule");
                yield false;
            }
        };
    }

    private void report(String name, String level, Workload w, String path, Optional<ProcessInfo> p, int pid,
            String action, String message) {
        incidents.accept(Incident.now(name, level, hostName, w.subject(), p.map(ProcessInfo::incidentProc)
                .orElseGet(() -> Incident.Proc.running(pid, "", "")), path, new Incident.Outcome(action, "",
                        message)));
    }

    /**
     * The directories (container paths) a group's block_access rules need open permission events on, read through
     * the container's root: each rule's directory and, for a recursive rule, the directories below it (at most
     * {@link #MAX_GUARDED} in all; a directory made later is not guarded).
     */
    public static List<String> guardedDirectories(GroupPolicy policy, Path root) {
        java.util.Set<String> dirs = new java.util.LinkedHashSet<>();
        for (FileRule r : policy.file()) {
            if (!r.blocks()) {
                continue;
            }
            dirs.add(r.directory());
            if (r.recursive()) {
                Path top = root.resolve(".").resolve(r.directory().substring(1));
                try (var walk = java.nio.file.Files.walk(top, 32)) {
                    walk.filter(java.nio.file.Files::isDirectory).limit(MAX_GUARDED).forEach(d -> dirs.add(
                            "/" + root.resolve(".").relativize(d).normalize()));
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    // a tree this container does not have, or one that changed while read: what was read stands
                }
            }
        }
        return dirs.stream().limit(MAX_GUARDED).toList();
    }
}
