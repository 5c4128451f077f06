package dev.bulwark.controller.score;

import java.util.Set;

/**
 * {@code RESTRiskScoreMetrics}: what the security risk score is computed from, in NeuVector's field names. Made by
 * {@link RiskMetrics} from the controller's state, or read from a client's what-if ({@code POST
 * /v1/system/score/metrics}), so every constructor checks what a client could get wrong: no count is negative, no
 * part of the groups or of the deny rules exceeds the whole, modes are NeuVector's and texts short. Immutable.
 *
 * @param newServicePolicyMode the mode new services start in: {@code Discover}, {@code Monitor}, {@code Protect}
 *     (or empty)
 * @param newServiceProfileMode the process and file mode new services start in, the same values
 * @param admMode admission control's mode, {@code monitor} or {@code protect}, empty while it is off
 * @param enabledDenyAdmCtrlRules deny rules not disabled, out of {@code denyAdmCtrlRules}
 * @throws IllegalArgumentException naming the field, for a value no controller could report
 */
public record RiskScoreMetrics(String platform, String kubeVersion, String openshiftVersion,
        String newServicePolicyMode, String newServiceProfileMode, String admMode, int enabledDenyAdmCtrlRules,
        int denyAdmCtrlRules, int hosts, Workloads workloads, Groups groups, Cves cves) {

    /** Longest text accepted: platform names and versions are short, and a what-if's are shown back. */
    static final int MAX_TEXT = 256;
    static final Set<String> POLICY_MODES = Set.of("", "Discover", "Monitor", "Protect");
    static final Set<String> ADMISSION_MODES = Set.of("", "monitor", "protect");

    public RiskScoreMetrics {
        platform = text(platform, "platform");
        kubeVersion = text(kubeVersion, "kube_version");
        openshiftVersion = text(openshiftVersion, "openshift_version");
        newServicePolicyMode = oneOf(newServicePolicyMode, POLICY_MODES, "new_service_policy_mode");
        newServiceProfileMode = oneOf(newServiceProfileMode, POLICY_MODES, "new_service_profile_mode");
        admMode = oneOf(admMode, ADMISSION_MODES, "adm_mode");
        count(denyAdmCtrlRules, "deny_adm_ctrl_rules");
        part(enabledDenyAdmCtrlRules, "enabled_deny_adm_ctrl_rules", denyAdmCtrlRules, "deny_adm_ctrl_rules");
        count(hosts, "hosts");
        workloads = workloads == null ? Workloads.NONE : workloads;
        groups = groups == null ? Groups.NONE : groups;
        cves = cves == null ? Cves.NONE : cves;
    }

    /**
     * {@code RESTRiskScoreMetricsWL}: running pods, and running containers that are privileged or run as root.
     * The {@code *_ext_eps} counts are the pods with traffic from or to outside the cluster, by their group's mode,
     * and those of them whose traffic violated a rule or carried a threat.
     */
    public record Workloads(int runningPods, int privilegedWls, int rootWls, int discoverExtEps, int monitorExtEps,
            int protectExtEps, int threatExtEps, int violateExtEps) {

        public static final Workloads NONE = new Workloads(0, 0, 0, 0, 0, 0, 0, 0);

        public Workloads {
            count(runningPods, "workloads.running_pods");
            count(privilegedWls, "workloads.privileged_wls");
            count(rootWls, "workloads.root_wls");
            count(discoverExtEps, "workloads.discover_ext_eps");
            count(monitorExtEps, "workloads.monitor_ext_eps");
            count(protectExtEps, "workloads.protect_ext_eps");
            count(threatExtEps, "workloads.threat_ext_eps");
            count(violateExtEps, "workloads.violate_ext_eps");
        }
    }

    /**
     * {@code RESTRiskScoreMetricsGroup}: the groups scored ({@code groups}), by policy (network) mode, by profile
     * (process and file) mode, and by policy mode among those whose process baseline is zero-drift.
     */
    public record Groups(int groups, int discoverGroups, int monitorGroups, int protectGroups,
            int profileDiscoverGroups, int profileMonitorGroups, int profileProtectGroups,
            int discoverGroupsZeroDrift, int monitorGroupsZeroDrift, int protectGroupsZeroDrift) {

        public static final Groups NONE = new Groups(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The parts checked against their whole keep the service mode factor within its 26 points. */
        public Groups {
            count(groups, "groups.groups");
            part(discoverGroups, "groups.discover_groups", groups, "groups.groups");
            part(monitorGroups, "groups.monitor_groups", groups, "groups.groups");
            part(protectGroups, "groups.protect_groups", groups, "groups.groups");
            part(profileDiscoverGroups, "groups.profile_discover_groups", groups, "groups.groups");
            part(profileMonitorGroups, "groups.profile_monitor_groups", groups, "groups.groups");
            part(profileProtectGroups, "groups.profile_protect_groups", groups, "groups.groups");
            part(discoverGroupsZeroDrift, "groups.discover_groups_zero_drift", discoverGroups,
                    "groups.discover_groups");
            part(monitorGroupsZeroDrift, "groups.monitor_groups_zero_drift", monitorGroups, "groups.monitor_groups");
            part(protectGroupsZeroDrift, "groups.protect_groups_zero_drift", protectGroups, "groups.protect_groups");
        }
    }

    /**
     * {@code RESTRiskScoreMetricsCVE}: critical, high and medium vulnerabilities of running containers by their
     * group's policy mode, of the platform, and of the hosts.
     */
    public record Cves(int discoverCves, int monitorCves, int protectCves, int platformCves, int hostCves) {

        public static final Cves NONE = new Cves(0, 0, 0, 0, 0);

        public Cves {
            count(discoverCves, "cves.discover_cves");
            count(monitorCves, "cves.monitor_cves");
            count(protectCves, "cves.protect_cves");
            count(platformCves, "cves.platform_cves");
            count(hostCves, "cves.host_cves");
        }
    }

    private static void count(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("%s is %d: counts are 0 or more".formatted(field, value));
        }
    }

    private static void part(int value, String field, int whole, String wholeField) {
        count(value, field);
        if (value > whole) {
            throw new IllegalArgumentException("%s is %d, more than %s (%d)".formatted(field, value, wholeField,
                    whole));
        }
    }

    private static String text(String value, String field) {
        String v = value == null ? "" : value;
        if (v.length() > MAX_TEXT) {
            throw new IllegalArgumentException("%s is longer than %d characters".formatted(field, MAX_TEXT));
        }
        return v;
    }

    private static String oneOf(String value, Set<String> allowed, String field) {
        String v = value == null ? "" : value;
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("%s is one of %s".formatted(field, allowed.stream().sorted()
                    .map(m -> m.isEmpty() ? "\"\"" : m).toList()));
        }
        return v;
    }
}
