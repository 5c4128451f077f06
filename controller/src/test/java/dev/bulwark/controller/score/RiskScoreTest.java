package dev.bulwark.controller.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bulwark.controller.score.RiskScore.Audience;
import dev.bulwark.controller.score.RiskScoreMetrics.Cves;
import dev.bulwark.controller.score.RiskScoreMetrics.Groups;
import dev.bulwark.controller.score.RiskScoreMetrics.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NeuVector's risk score formula, factor by factor at 0, in between and at its cap, with the expected points worked
 * out by hand from the formula (see {@link RiskScore}); the exposure density at each side of its breakpoints.
 */
class RiskScoreTest {

    /** Nothing runs, nothing is configured: only admission control, off, scores. */
    private static RiskScoreMetrics metrics(String newPolicy, String newProfile, String admMode, int deny,
            int enabledDeny, int hosts, Workloads w, Groups g, Cves c) {
        return new RiskScoreMetrics("", "", "", newPolicy, newProfile, admMode, enabledDeny, deny, hosts, w, g, c);
    }

    private static SecurityScores global(RiskScoreMetrics m) {
        return RiskScore.compute(m, Audience.GLOBAL);
    }

    private static RiskScoreMetrics groups(Groups g) {
        return metrics("Protect", "Protect", "protect", 1, 1, 0, null, g, null);
    }

    private static RiskScoreMetrics workloads(Workloads w) {
        return metrics("Protect", "Protect", "protect", 1, 1, 0, w, null, null);
    }

    private static Workloads exposed(int pods, int discover, int monitor, int protect, int violate, int threat) {
        return new Workloads(pods, 0, 0, discover, monitor, protect, threat, violate);
    }

    @Test
    void emptyMetricsScoreOnlyAdmissionControlBeingOff() {
        SecurityScores s = global(new RiskScoreMetrics(null, null, null, null, null, null, 0, 0, 0, null, null,
                null));
        assertThat(s).isEqualTo(new SecurityScores(0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 4));
    }

    @Test
    void aFreshClusterInDiscoverScoresNewServicesAndAdmission() {
        SecurityScores s = global(metrics("Discover", "Discover", "", 0, 0, 0, null, null, null));
        assertThat(s.newServiceModeScore()).isEqualTo(4);
        assertThat(s.admissionRuleScore()).isEqualTo(4);
        assertThat(s.securityRiskScore()).isEqualTo(8);
    }

    @ParameterizedTest(name = "policy {0}, profile {1}: {2}")
    @CsvSource({"Discover, Discover, 4", "Discover, Monitor, 2", "Monitor, Discover, 2", "Protect, Discover, 2",
            "Monitor, Monitor, 0", "Protect, Protect, 0", "'', '', 0"})
    void newServicesScoreTwoForEachModeInDiscover(String policy, String profile, int expected) {
        assertThat(global(metrics(policy, profile, "protect", 1, 1, 0, null, null, null)).newServiceModeScore())
                .isEqualTo(expected);
    }

    /**
     * {@code ceil(((discover + profile discover) * 0.5 - discover zero-drift * 0.3) / groups * 100)} percent, then
     * {@code ceil(percent / 100 * 26)} points.
     */
    @ParameterizedTest(name = "groups {0}, discover {1}, profile discover {2}, zero-drift {3}: {4}% {5}")
    @CsvSource({
        "0, 0, 0, 0, 0, 0",       // no group: nothing to score
        "4, 0, 0, 0, 0, 0",       // every group out of Discover
        "10, 1, 0, 0, 5, 2",      // 0.5 / 10 = 5%; 1.3 points -> 2
        "4, 2, 0, 0, 25, 7",      // 1 / 4 = 25%; 6.5 -> 7
        "4, 2, 2, 0, 50, 13",     // 2 / 4 = 50%; 13
        "3, 2, 0, 0, 34, 9",      // 1 / 3 = 33.3% -> 34; 8.84 -> 9
        "4, 4, 4, 4, 70, 19",     // (4 - 1.2) / 4 = 70%; 18.2 -> 19
        "4, 4, 4, 0, 100, 26",    // every group and profile in Discover, none zero-drift: the cap
        "1, 1, 1, 0, 100, 26",
        // IEEE doubles, as NeuVector's Go: (1.5 - 0.9) / 3 * 100 is 20.000000000000004, so 21%, not 20
        "3, 3, 0, 3, 21, 6"})
    void serviceModeWeighsDiscoverGroupsAndProfilesLessWhenZeroDrift(int groups, int discover, int profileDiscover,
            int zeroDrift, int percent, int points) {
        SecurityScores s = global(groups(new Groups(groups, discover, groups - discover, 0, profileDiscover,
                groups - profileDiscover, 0, zeroDrift, 0, 0)));
        assertThat(s.serviceModeScoreBy100()).isEqualTo(percent);
        assertThat(s.serviceModeScore()).isEqualTo(points);
    }

    @Test
    void zeroDriftLowersOnlyDiscoverGroups() {
        Groups monitorZeroDrift = new Groups(4, 2, 2, 0, 0, 4, 0, 0, 2, 0);
        assertThat(global(groups(monitorZeroDrift)).serviceModeScoreBy100()).isEqualTo(25);
        Groups discoverZeroDrift = new Groups(4, 2, 2, 0, 0, 4, 0, 2, 0, 0);
        assertThat(global(groups(discoverZeroDrift)).serviceModeScoreBy100()).isEqualTo(10); // (1 - 0.6) / 4
    }

    /** The density of one exposed pod among P running: its formula changes above 100, 1000 and 10000 pods. */
    @ParameterizedTest(name = "{0} pods: 1/{1}")
    @CsvSource({
        "1, 1.05", "20, 2", "60, 4", "100, 6",                  // 1 + 5P/100
        "101, 7.02", "500, 15", "1000, 25",                     // 5 + 20P/1000
        "1001, 28.75375", "2000, 32.5", "5000, 43.75", "10000, 62.5", // 25 + 37.5P/10000
        "10001, 62.5", "50000, 62.5", "2147483647, 62.5"})      // 62.5 from there on
    void exposureDensityFallsAsPodsGrow(int pods, double reciprocal) {
        assertThat(RiskScore.density(pods)).isCloseTo(1 / reciprocal, within(1e-15));
    }

    @ParameterizedTest(name = "{0} pods, {1} threatened: {2}")
    @CsvSource({
        "100, 10, 14",     // 80 / 6 = 13.3
        "101, 10, 12",     // 80 / 7.02 = 11.4: the density drops past 100 pods
        "1000, 2, 1",      // 16 / 25 = 0.64
        "1000, 40, 13",    // 320 / 25 = 12.8
        "1001, 40, 12",    // 320 / 28.75 = 11.1: and past 1000
        "5000, 50, 10",    // 400 / 43.75 = 9.1
        "10000, 50, 7",    // 400 / 62.5 = 6.4
        "10001, 50, 7",    // constant past 10000
        "100000, 50, 7"})
    void threatsWeighEightTimesTheDensity(int pods, int threatened, int expected) {
        assertThat(global(workloads(exposed(pods, 0, 0, 0, 0, threatened))).exposureScore()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} pods, discover {1} monitor {2} protect {3} violated {4} threatened {5}: {6} ({7}%)")
    @CsvSource({
        "0, 5, 5, 5, 5, 5, 0, 0",          // no running pod: no exposure is scored
        "20, 0, 0, 0, 0, 0, 0, 0",         // nothing exposed
        "60, 0, 1, 0, 0, 0, 1, 3",         // d = 1/4: 0.25 -> 1; 100 / 42 -> 3%
        "20, 1, 3, 2, 2, 1, 12, 29",       // d = 1/2: mode 2.5 + 1.5, violations 4, threats 4; 1200 / 42 = 28.6%
        "20, 0, 20, 0, 0, 0, 10, 24",      // mode at its cap of 10
        "20, 7, 0, 0, 0, 0, 10, 24",       // discover weighs 3: 10.5, capped at 10
        "20, 0, 0, 0, 6, 0, 12, 29",       // violations at their cap of 12
        "20, 0, 0, 0, 0, 5, 20, 48",       // threats at their cap of 20
        "20, 10, 10, 10, 10, 10, 42, 100", // every part capped
        "100, 5, 0, 0, 0, 0, 3, 8"})       // d = 1/6: 15 / 6 = 2.5 -> 3
    void exposureAddsModeViolationsAndThreatsEachCapped(int pods, int discover, int monitor, int protect,
            int violate, int threat, int points, int percent) {
        SecurityScores s = global(workloads(exposed(pods, discover, monitor, protect, violate, threat)));
        assertThat(s.exposureScore()).isEqualTo(points);
        assertThat(s.exposureScoreBy100()).isEqualTo(percent);
    }

    @ParameterizedTest(name = "privileged {0}, root {1}: {2} and {3}")
    @CsvSource({"0, 0, 0, 0", "1, 0, 4, 0", "0, 1, 0, 4", "1000, 3, 4, 4"})
    void anyPrivilegedOrRootContainerScoresFour(int privileged, int root, int privilegedPoints, int rootPoints) {
        SecurityScores s = global(workloads(new Workloads(5, privileged, root, 0, 0, 0, 0, 0)));
        assertThat(s.privilegedContainerScore()).isEqualTo(privilegedPoints);
        assertThat(s.runAsRootScore()).isEqualTo(rootPoints);
    }

    @ParameterizedTest(name = "mode \"{0}\", {1} deny rules, {2} enabled: {3}")
    @CsvSource({
        "'', 0, 0, 4",          // off
        "'', 3, 2, 4",          // off, whatever its rules
        "monitor, 0, 0, 3",     // on, no deny rule
        "protect, 0, 0, 2",
        "monitor, 2, 0, 4",     // on, deny rules all disabled: as good as none, and not even the mode counts
        "protect, 2, 0, 4",
        "monitor, 2, 1, 1",     // on with an enabled deny rule
        "protect, 2, 2, 0"})
    void admissionControlScoresByModeAndEnabledDenyRules(String mode, int deny, int enabled, int expected) {
        SecurityScores s = global(metrics("Protect", "Protect", mode, deny, enabled, 0, null, null, null));
        assertThat(s.admissionRuleScore()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} pods ({1}/{2}/{3}), {4} hosts ({5}), platform {6}: {7} ({8}%)")
    @CsvSource({
        "0, 100, 100, 100, 0, 100, 0, 0, 0",   // no pod, no host: per-pod and per-host terms are not computed
        "2, 15, 0, 0, 0, 0, 0, 1, 7",          // 7.5 / 15 = 0.5 -> 1; 100 / 16 -> 7%
        "2, 15, 30, 30, 0, 0, 0, 1, 7",        // 0.5 + 15 / 60 + 15 / 120 = 0.875
        "2, 15, 30, 30, 2, 50, 0, 3, 19",      // + 25 / 20 = 1.25: 2.125 -> 3; 18.75%
        "2, 0, 0, 0, 0, 0, 1, 2, 13",          // any platform vulnerability: 2
        "1, 1000, 0, 0, 0, 0, 0, 8, 50",       // pods at their cap of 8
        "1, 0, 0, 1000, 0, 0, 0, 8, 50",       // protect weighs 1/120: 8.3, capped
        "1, 0, 0, 0, 1, 1000, 0, 6, 38",       // hosts at their cap of 6
        "1, 1000, 0, 0, 1, 1000, 5, 16, 100"}) // every part at its cap
    void vulnerabilitiesWeighByModePerPodAndPerHost(int pods, int discover, int monitor, int protect, int hosts,
            int hostCves, int platform, int points, int percent) {
        SecurityScores s = global(metrics("Protect", "Protect", "protect", 1, 1, hosts, new Workloads(pods, 0, 0, 0,
                0, 0, 0, 0), null, new Cves(discover, monitor, protect, platform, hostCves)));
        assertThat(s.vulnerabilityScore()).isEqualTo(points);
        assertThat(s.vulnerabilityScoreBy100()).isEqualTo(percent);
    }

    @Test
    void theTotalIsTheSumOfTheFactorsFromZeroToOneHundred() {
        RiskScoreMetrics best = metrics("Protect", "Protect", "protect", 1, 1, 1, new Workloads(10, 0, 0, 0, 0, 0,
                0, 0), new Groups(3, 0, 0, 3, 0, 0, 3, 0, 0, 3), Cves.NONE);
        assertThat(global(best)).isEqualTo(new SecurityScores(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        RiskScoreMetrics worst = metrics("Discover", "Discover", "", 0, 0, 1, new Workloads(1, 1, 1, 10, 0, 0, 10,
                10), new Groups(2, 2, 0, 0, 2, 0, 0, 0, 0, 0), new Cves(1000, 0, 0, 1, 1000));
        assertThat(global(worst)).isEqualTo(new SecurityScores(4, 26, 100, 42, 100, 4, 4, 4, 16, 100, 100));

        // new services 2 + service mode 7 + exposure 12 + privileged 4 + root 0 + admission 3 + vulnerabilities 2
        // (pods 150 / 20 / 15 = 0.5, hosts 50 / 2 / 20 = 1.25)
        RiskScoreMetrics mid = metrics("Discover", "Monitor", "monitor", 0, 0, 2, new Workloads(20, 1, 0, 1, 3, 2,
                1, 2), new Groups(4, 2, 2, 0, 0, 4, 0, 0, 0, 0), new Cves(150, 0, 0, 0, 50));
        SecurityScores s = global(mid);
        assertThat(s).isEqualTo(new SecurityScores(2, 7, 25, 12, 29, 4, 0, 3, 2, 13, 30));
    }

    @Test
    void aNamespaceUsersTotalScalesItsFactorsToOneHundredAndIsCapped() {
        // service mode 7 + exposure 12 + privileged 4 + vulnerabilities 2 = 25 of 66: 37.9, rounded down to 37
        RiskScoreMetrics mid = metrics("Discover", "Monitor", "monitor", 0, 0, 2, new Workloads(20, 1, 0, 1, 3, 2,
                1, 2), new Groups(4, 2, 2, 0, 0, 4, 0, 0, 0, 0), new Cves(150, 0, 0, 0, 50));
        SecurityScores s = RiskScore.compute(mid, Audience.NAMESPACES);
        assertThat(s.securityRiskScore()).isEqualTo(37);
        assertThat(s.newServiceModeScore()).as("still shown, not totalled").isEqualTo(2);
        assertThat(s.admissionRuleScore()).as("still shown, not totalled").isEqualTo(3);

        assertThat(RiskScore.compute(metrics("Protect", "Protect", "protect", 1, 1, 0, null, null, null),
                Audience.NAMESPACES).securityRiskScore()).as("settings alone do not count").isZero();
        // 26 + 42 + 4 + 4 + 16 = 92 of 66 would be 139
        RiskScoreMetrics worst = metrics("Discover", "Discover", "", 0, 0, 1, new Workloads(1, 1, 1, 10, 0, 0, 10,
                10), new Groups(2, 2, 0, 0, 2, 0, 0, 0, 0, 0), new Cves(1000, 0, 0, 1, 1000));
        assertThat(RiskScore.compute(worst, Audience.NAMESPACES).securityRiskScore()).isEqualTo(100);
    }

    @Test
    void countsAtTheirLargestDoNotOverflow() {
        int max = Integer.MAX_VALUE;
        RiskScoreMetrics huge = metrics("Discover", "Discover", "", max, max, max, new Workloads(max, max, max, max,
                max, max, max, max), new Groups(max, max, 0, 0, max, 0, 0, 0, 0, 0), new Cves(max, max, max, max,
                max));
        // vulnerabilities per pod and per host are small at that scale: 1/15 + 1/60 + 1/120 + 1/20 + platform 2
        assertThat(global(huge)).isEqualTo(new SecurityScores(4, 26, 100, 42, 100, 4, 4, 4, 3, 19, 87));
    }

    @Test
    void metricsNoControllerCouldReportAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new Workloads(-1, 0, 0, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workloads.running_pods is -1: counts are 0 or more");
        assertThatThrownBy(() -> new Cves(0, 0, 0, 0, -5)).hasMessage("cves.host_cves is -5: counts are 0 or more");
        assertThatThrownBy(() -> new Groups(2, 3, 0, 0, 0, 0, 0, 0, 0, 0))
                .hasMessage("groups.discover_groups is 3, more than groups.groups (2)");
        assertThatThrownBy(() -> new Groups(2, 1, 1, 0, 0, 0, 0, 2, 0, 0))
                .hasMessage("groups.discover_groups_zero_drift is 2, more than groups.discover_groups (1)");
        assertThatThrownBy(() -> metrics("", "", "", 1, 2, 0, null, null, null))
                .hasMessage("enabled_deny_adm_ctrl_rules is 2, more than deny_adm_ctrl_rules (1)");
        assertThatThrownBy(() -> metrics("", "", "", 0, 0, -1, null, null, null))
                .hasMessage("hosts is -1: counts are 0 or more");
        assertThatThrownBy(() -> metrics("Learn", "", "", 0, 0, 0, null, null, null))
                .hasMessage("new_service_policy_mode is one of [\"\", Discover, Monitor, Protect]");
        assertThatThrownBy(() -> metrics("", "", "Protect", 0, 0, 0, null, null, null))
                .hasMessage("adm_mode is one of [\"\", monitor, protect]");
        assertThatThrownBy(() -> new RiskScoreMetrics("x".repeat(257), "", "", "", "", "", 0, 0, 0, null, null,
                null)).hasMessage("platform is longer than 256 characters");
    }
}
