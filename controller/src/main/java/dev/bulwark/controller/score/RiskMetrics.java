package dev.bulwark.controller.score;

import dev.bulwark.controller.SystemConfigs;
import dev.bulwark.controller.admission.AdmissionRules;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.auth.Role;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.ProcessProfiles;
import dev.bulwark.controller.runtime.LearnedServices;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.controller.runtime.ScanBrief;
import dev.bulwark.link.model.Workload;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Gathers {@link RiskScoreMetrics} from what the controller holds, as NeuVector's {@code GetRiskScoreMetrics}
 * does: new services' modes from the system settings, the scored groups and their modes from the policy,
 * running containers from the runtime state, vulnerability counts from the last scans, admission control's state
 * and deny rules. Reads only; thread-safe as its sources are.
 *
 * <ul>
 *   <li>Scored groups are the services (learned {@code nv.} container groups, and those imported from CRDs), as
 *       NeuVector's {@code authorizeService} lets through; {@code nodes}, {@code external}, {@code containers},
 *       custom and federated groups are not scored. NeuVector also skips groups marked {@code not_scored}, and
 *       system groups when the default compliance profile disables them: this controller keeps neither setting
 *       yet, so every service is scored. Zero-drift is the group's process profile baseline.
 *   <li>New services' profiles start in the mode of their network policy here (there is no separate
 *       {@code new_service_profile_mode} setting yet), so both modes are {@code new_service_policy_mode}.
 *   <li>Running pods are counted as {@code /v1/system/summary} counts them (containers of distinct pods, a
 *       container outside any pod its own); privileged and root containers, and critical, high and medium
 *       vulnerabilities (those the vulnerability profile does not accept), are counted per running container,
 *       the vulnerabilities by the policy mode of the container's group (none when it has no group yet).
 *   <li>Host vulnerabilities come from each node's last scan. There is no platform (Kubernetes components) scan
 *       yet, so {@code platform_cves} is 0; {@code platform} is {@code Kubernetes} when an enforcer says its node
 *       is one, else empty, and the Kubernetes and OpenShift versions are empty.
 *   <li>Exposure ({@code *_ext_eps}) is 0 until the network stage sees traffic from and to outside the cluster.
 * </ul>
 */
public final class RiskMetrics {

    private final SystemConfigs configs;
    private final Policy policy;
    private final ProcessProfiles profiles;
    private final RuntimeState state;
    private final AdmissionRules admission;
    private final ScanBrief.Source scans;

    public RiskMetrics(SystemConfigs configs, Policy policy, ProcessProfiles profiles, RuntimeState state,
            AdmissionRules admission, ScanBrief.Source scans) {
        this.configs = configs;
        this.policy = policy;
        this.profiles = profiles;
        this.state = state;
        this.admission = admission;
        this.scans = scans;
    }

    /**
     * Whose metrics: a user with a global role (any role, as NeuVector lets every global user see the whole
     * cluster's score), or a user of some namespaces only, who sees the groups and containers of those namespaces
     * and no hosts.
     *
     * @param namespaces the namespaces of a namespace user; ignored when {@code global}
     */
    public record Scope(boolean global, Set<String> namespaces) {

        public static final Scope EVERYTHING = new Scope(true, Set.of());

        public Scope {
            namespaces = Set.copyOf(namespaces);
        }

        public static Scope of(Principal p) {
            return new Scope(!p.globalRole().name().equals(Role.NONE), p.domainRoles().keySet());
        }

        /** How the score is totalled for this caller. */
        public RiskScore.Audience audience() {
            return global ? RiskScore.Audience.GLOBAL : RiskScore.Audience.NAMESPACES;
        }

        boolean covers(String domain) {
            return global || !domain.isEmpty() && namespaces.contains(domain);
        }

        boolean coversAll(List<String> domains) {
            return global || !domains.isEmpty() && namespaces.containsAll(domains);
        }
    }

    /** The metrics as the scope sees them now; never null. */
    public RiskScoreMetrics gather(Scope scope) {
        String newServiceMode = configs.current().newServicePolicyMode();
        AdmissionRules.State adm = admission.state();
        List<AdmissionRules.Rule> deny = admission.list().stream().filter(r -> "deny".equals(r.ruleType())).toList();
        int enabledDeny = (int) deny.stream().filter(r -> !Boolean.TRUE.equals(r.disable())).count();
        Set<String> hosts = scope.global() ? hostIds() : Set.of();
        List<RuntimeState.Running> running = state.workloads().stream()
                .filter(r -> r.workload().running() && scope.covers(r.workload().domain())).toList();
        return new RiskScoreMetrics(state.platform(), "", "", newServiceMode, newServiceMode,
                Boolean.TRUE.equals(adm.enable()) ? adm.mode() : "", enabledDeny, deny.size(), hosts.size(),
                workloads(running), groups(scope), cves(running, hosts));
    }

    private RiskScoreMetrics.Groups groups(Scope scope) {
        List<Group> scored = policy.groups().stream()
                .filter(g -> LearnedServices.isService(g) && scope.coversAll(g.createrDomains())).toList();
        Set<String> zeroDrift = new HashSet<>();
        scored.stream().filter(g -> profiles.profile(g).baseline().equals("zero-drift"))
                .forEach(g -> zeroDrift.add(g.name()));
        Predicate<Group> zd = g -> zeroDrift.contains(g.name());
        return new RiskScoreMetrics.Groups(scored.size(), count(scored, policyMode("Discover")),
                count(scored, policyMode("Monitor")), count(scored, policyMode("Protect")),
                count(scored, profileMode("Discover")), count(scored, profileMode("Monitor")),
                count(scored, profileMode("Protect")), count(scored, policyMode("Discover").and(zd)),
                count(scored, policyMode("Monitor").and(zd)), count(scored, policyMode("Protect").and(zd)));
    }

    private static Predicate<Group> policyMode(String mode) {
        return g -> g.policyMode().equals(mode);
    }

    private static Predicate<Group> profileMode(String mode) {
        return g -> g.profileMode().equals(mode);
    }

    private static <T> int count(List<T> items, Predicate<? super T> which) {
        return (int) items.stream().filter(which).count();
    }

    private static RiskScoreMetrics.Workloads workloads(List<RuntimeState.Running> running) {
        int pods = (int) running.stream().map(RuntimeState.Running::pod).distinct().count();
        List<Workload> containers = running.stream().map(RuntimeState.Running::workload).toList();
        return new RiskScoreMetrics.Workloads(pods, count(containers, Workload::privileged),
                count(containers, Workload::runAsRoot), 0, 0, 0, 0, 0);
    }

    private RiskScoreMetrics.Cves cves(List<RuntimeState.Running> running, Set<String> hosts) {
        Map<String, String> modes = new HashMap<>();
        long discover = 0;
        long monitor = 0;
        long protect = 0;
        for (RuntimeState.Running r : running) {
            String group = r.workload().group();
            String mode = modes.computeIfAbsent(group, name -> policy.group(name).map(Group::policyMode).orElse(""));
            long found = found(scans.workload(r.workload().id()));
            switch (mode) {
                case "Discover" -> discover += found;
                case "Monitor" -> monitor += found;
                case "Protect" -> protect += found;
                default -> { } // no group yet: NeuVector counts such a container's vulnerabilities nowhere
            }
        }
        long host = hosts.stream().mapToLong(id -> found(scans.host(id))).sum();
        return new RiskScoreMetrics.Cves(saturated(discover), saturated(monitor), saturated(protect), 0,
                saturated(host));
    }

    private static long found(ScanBrief brief) {
        return (long) brief.critical() + brief.high() + brief.medium();
    }

    private static int saturated(long count) {
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    /** Each node once, by its id (its name when it gave none), as {@code /v1/host} lists them. */
    private Set<String> hostIds() {
        Set<String> ids = new HashSet<>();
        state.agents().stream().filter(a -> a.host() != null)
                .forEach(a -> ids.add(a.hostId()));
        return ids;
    }

}
