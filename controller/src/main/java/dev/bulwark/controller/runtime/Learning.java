package dev.bulwark.controller.runtime;

import dev.bulwark.controller.SystemConfigs;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.policy.FileRules;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.ProcessProfiles;
import dev.bulwark.link.model.Learned;
import dev.bulwark.link.model.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What enforcers learn becomes configuration, as NeuVector's lead controller writes it: the learned group of each
 * new service ({@code Group.Auto.Add}), and the process and file rules its groups in Discover learned. Reporting
 * the same thing twice changes nothing. Writes that lose a compare-and-swap to a concurrent change are tried again.
 */
public final class Learning {

    private static final int ATTEMPTS = 5;
    private static final int MAX_NAME = 256;
    private static final int MAX_PATH = 1024;

    private final Policy policy;
    private final ProcessProfiles profiles;
    private final FileRules fileRules;
    private final SystemConfigs systemConfigs;
    private final EventLog events;

    public Learning(Policy policy, ProcessProfiles profiles, FileRules fileRules, SystemConfigs systemConfigs,
            EventLog events) {
        this.policy = policy;
        this.profiles = profiles;
        this.fileRules = fileRules;
        this.systemConfigs = systemConfigs;
        this.events = events;
    }

    /** Creates the learned groups of containers seen whose service has none yet. */
    public void seen(List<Workload> started) {
        for (Workload w : started) {
            if (w.group().startsWith("nv.") && Group.NAME.matcher(w.group()).matches()
                    && policy.group(w.group()).isEmpty()) {
                String mode = systemConfigs.current().newServicePolicyMode();
                if (retried(() -> policy.ensureLearnedGroup(w.group(), w.domain(), mode))) {
                    var e = events.newRecord("Group.Auto.Add", "Info");
                    e.put("workload_id", w.id());
                    e.put("workload_name", w.name());
                    e.put("workload_service", w.service());
                    e.put("workload_domain", w.domain());
                    e.put("message", "Group %s created for service %s in mode %s".formatted(w.group(), w.service(),
                            mode));
                    events.add(e);
                }
            }
        }
    }

    /**
     * Adds what was learned to the profiles of groups whose profile (process and file) mode is still Discover; what
     * arrives after a switch is dropped.
     */
    public void learned(List<Learned> items) {
        Map<String, List<ProcessProfiles.EntryConfig>> processes = new LinkedHashMap<>();
        for (Learned l : items) {
            Optional<Group> g = policy.group(l.group()).filter(x -> x.profileMode().equals("Discover"));
            if (g.isEmpty()) {
                continue;
            }
            if (l.kind().equals(Learned.PROCESS) && validProcess(l)) {
                processes.computeIfAbsent(l.group(), k -> new java.util.ArrayList<>()).add(
                        new ProcessProfiles.EntryConfig(l.name(), l.path(), l.user(), "allow", l.group(), false));
            } else if (l.kind().equals(Learned.FILE) && l.filter() != null && l.application() != null
                    && !l.application().isBlank() && l.application().length() <= MAX_PATH) {
                retried(() -> {
                    fileRules.learn(l.group(), l.filter(), l.application());
                    return true;
                });
            }
        }
        processes.forEach((group, entries) -> retried(() -> policy.group(group)
                .map(g -> profiles.learn(g, entries) > 0).orElse(false)));
    }

    /** What a user could enter as a process rule; anything else an enforcer sends is dropped. */
    private static boolean validProcess(Learned l) {
        String path = l.path() == null ? "" : l.path();
        return l.name() != null && !l.name().isBlank() && l.name().length() <= MAX_NAME && !l.name().contains("/")
                && (path.isEmpty() || path.equals("*") || path.startsWith("/") && path.length() <= MAX_PATH)
                && (l.user() == null || l.user().length() <= MAX_NAME);
    }

    /** Runs a store write, again while it loses a compare-and-swap (409), at most {@value #ATTEMPTS} times. */
    public static <T> T retried(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (ApiException e) {
                if (e.status() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
