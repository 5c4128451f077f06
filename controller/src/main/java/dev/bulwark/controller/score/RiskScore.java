package dev.bulwark.controller.score;

/**
 * NeuVector's security risk score ({@code calcSecurityScore} in its {@code controller/rest/system.go}): a pure
 * function from {@link RiskScoreMetrics} to {@link SecurityScores}. Lower is better; the dashboard calls 0-20
 * good, 21-50 fair, 51 and above poor.
 *
 * <p>The factors, in points:
 * <ul>
 *   <li>new services (max 4): 2 when new services start in Discover, 2 more when their profiles do;
 *   <li>service mode (max 26): {@code ceil(((discover + profile discover) * 0.5 - discover zero-drift * 0.3) /
 *       groups * 100)} percent, then {@code ceil(percent / 100 * 26)} points;
 *   <li>exposure (max 42): each pod with traffic from or to outside the cluster weighs a density {@code d} that
 *       falls as running pods {@code P} grow ({@code 1/(1+5P/100)} up to 100 pods, {@code 1/(5+20P/1000)} up to
 *       1000, {@code 1/(25+37.5P/10000)} up to 10000, then {@code 1/62.5}); mode {@code (monitor + protect) * d +
 *       discover * 3d} up to 10, violations {@code 4d} each up to 12, threats {@code 8d} each up to 20, summed and
 *       rounded up;
 *   <li>privileged containers 4 if any, containers running as root 4 if any;
 *   <li>admission control (max 4): 4 while it is off, and while deny rules exist but none is enabled; on with no
 *       deny rule, 3 in monitor and 2 in protect mode; with an enabled deny rule, 1 in monitor and 0 in protect;
 *   <li>vulnerabilities (max 16): per running pod, discover CVEs / 15 + monitor CVEs / 60 + protect CVEs / 120,
 *       up to 8; per host, host CVEs / 20, up to 6; 2 if the platform has any; summed and rounded up.
 * </ul>
 * A global user's total is the sum of the factors, at most 100. A user of some namespaces only sees neither the
 * cluster's settings nor its hosts, so NeuVector scores the namespaced factors (service mode, exposure, privileged,
 * root, vulnerabilities) out of 66 and scales that to 100 (rounded down); it can pass 100, which we cap.
 *
 * <p>Arithmetic is NeuVector's: the same IEEE double operations in the same order, then rounded up (or down for a
 * namespace user's total) as it does, so the same metrics give the same points even where binary fractions round
 * (three groups, all in Discover with a zero-drift baseline and profiles in Monitor: {@code (1.5 - 0.9) / 3 * 100}
 * is just over 20, so 21 percent).
 */
public final class RiskScore {

    /** Whose total: a global user's sum, or the namespaced factors scaled to 100 for a namespace user. */
    public enum Audience { GLOBAL, NAMESPACES }

    static final int MAX_NEW_SERVICE_MODE = 2;
    static final int MAX_SERVICE_MODE = 26;
    static final int MAX_PRIVILEGED = 4;
    static final int MAX_RUN_AS_ROOT = 4;
    static final int MAX_ADMISSION = 4;
    static final double MAX_MODE_EXPOSURE = 10.0;
    static final double MAX_VIOLATE_EXPOSURE = 12.0;
    static final double MAX_THREAT_EXPOSURE = 20.0;
    static final double MAX_POD_VULNERABILITY = 8;
    static final double MAX_HOST_VULNERABILITY = 6;
    static final double MAX_PLATFORM_VULNERABILITY = 2;
    static final double MAX_EXPOSURE = MAX_MODE_EXPOSURE + MAX_VIOLATE_EXPOSURE + MAX_THREAT_EXPOSURE;
    static final double MAX_VULNERABILITY = MAX_POD_VULNERABILITY + MAX_HOST_VULNERABILITY
            + MAX_PLATFORM_VULNERABILITY;
    /** What a namespace user's factors are scored out of: exposure, privileged, root and vulnerabilities. */
    static final double MAX_NAMESPACED = MAX_EXPOSURE + MAX_PRIVILEGED + MAX_RUN_AS_ROOT + MAX_VULNERABILITY;
    static final int MAX_TOTAL = 100;

    private RiskScore() {}

    /** The scores of these metrics for this audience; never null. */
    public static SecurityScores compute(RiskScoreMetrics m, Audience audience) {
        int newServiceMode = (m.newServicePolicyMode().equals("Discover") ? MAX_NEW_SERVICE_MODE : 0)
                + (m.newServiceProfileMode().equals("Discover") ? MAX_NEW_SERVICE_MODE : 0);

        RiskScoreMetrics.Groups g = m.groups();
        int serviceModeBy100 = 0;
        if (g.groups() != 0) {
            serviceModeBy100 = (int) Math.ceil(((double) ((long) g.discoverGroups() + g.profileDiscoverGroups())
                    * 0.5 - (double) g.discoverGroupsZeroDrift() * 0.3) / g.groups() * 100);
        }
        int serviceMode = (int) Math.ceil(serviceModeBy100 / 100.0 * MAX_SERVICE_MODE);

        double pods = m.workloads().runningPods();
        int exposure = pods > 0 ? exposure(m.workloads(), density(pods)) : 0;
        int exposureBy100 = (int) Math.ceil(exposure * 100 / MAX_EXPOSURE);

        int privileged = m.workloads().privilegedWls() > 0 ? MAX_PRIVILEGED : 0;
        int runAsRoot = m.workloads().rootWls() > 0 ? MAX_RUN_AS_ROOT : 0;
        int admission = admission(m);

        int vulnerability = vulnerability(m, pods);
        int vulnerabilityBy100 = (int) Math.ceil(vulnerability * 100 / MAX_VULNERABILITY);

        int total = switch (audience) {
            case GLOBAL -> newServiceMode + serviceMode + exposure + privileged + runAsRoot + admission
                    + vulnerability;
            case NAMESPACES -> (int) ((double) (serviceMode + exposure + privileged + runAsRoot + vulnerability)
                    / MAX_NAMESPACED * 100);
        };
        return new SecurityScores(newServiceMode, serviceMode, serviceModeBy100, exposure, exposureBy100,
                privileged, runAsRoot, admission, vulnerability, vulnerabilityBy100, Math.min(MAX_TOTAL, total));
    }

    /** How much one exposed pod weighs among {@code pods} running ones (more than 0). */
    static double density(double pods) {
        if (pods > 10000) {
            return 1.0 / 62.5;
        } else if (pods > 1000) {
            return 1.0 / (25.0 + (62.5 - 25.0) * pods / 10000.0);
        } else if (pods > 100) {
            return 1.0 / (5.0 + (25.0 - 5.0) * pods / 1000.0);
        }
        return 1.0 / (1.0 + (5.0 * pods / 100.0));
    }

    private static int exposure(RiskScoreMetrics.Workloads w, double density) {
        double mode = (double) ((long) w.protectExtEps() + w.monitorExtEps()) * density * 1
                + (double) w.discoverExtEps() * density * 3;
        double violations = (double) w.violateExtEps() * density * 4;
        double threats = (double) w.threatExtEps() * density * 8;
        return (int) Math.ceil(Math.min(mode, MAX_MODE_EXPOSURE) + Math.min(violations, MAX_VIOLATE_EXPOSURE)
                + Math.min(threats, MAX_THREAT_EXPOSURE));
    }

    /**
     * NeuVector's two steps as it takes them: with no deny rule at all, the mode decides (4 off, 3 monitor, 2
     * protect); then an enabled deny rule lowers monitor to 1 and protect to 0. Deny rules that are all disabled
     * leave the 4.
     */
    private static int admission(RiskScoreMetrics m) {
        int score = MAX_ADMISSION;
        if (m.denyAdmCtrlRules() == 0) {
            score = switch (m.admMode()) {
                case "monitor" -> MAX_ADMISSION * 3 / 4;
                case "protect" -> MAX_ADMISSION / 2;
                default -> MAX_ADMISSION;
            };
        }
        if (m.enabledDenyAdmCtrlRules() > 0) {
            score = switch (m.admMode()) {
                case "monitor" -> MAX_ADMISSION / 4;
                case "protect" -> 0;
                default -> score;
            };
        }
        return score;
    }

    private static int vulnerability(RiskScoreMetrics m, double pods) {
        RiskScoreMetrics.Cves c = m.cves();
        double podScore = 0;
        if (pods > 0) {
            podScore = Math.min(MAX_POD_VULNERABILITY, c.discoverCves() / pods * (1.0 / 15)
                    + c.monitorCves() / pods * (1.0 / 60) + c.protectCves() / pods * (1.0 / 120));
        }
        double hostScore = 0;
        if (m.hosts() > 0) {
            hostScore = Math.min(MAX_HOST_VULNERABILITY, ((double) c.hostCves() / m.hosts()) * (1.0 / 20));
        }
        double platformScore = c.platformCves() > 0 ? MAX_PLATFORM_VULNERABILITY : 0;
        return (int) Math.ceil(podScore + hostScore + platformScore);
    }
}
