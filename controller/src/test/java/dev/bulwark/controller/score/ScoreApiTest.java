package dev.bulwark.controller.score;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.runtime.TestNode;
import dev.bulwark.controller.scan.Reports;
import dev.bulwark.controller.scan.RuntimeScan;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/system/score/metrics} against a real controller whose containers a real node reports over the link:
 * NeuVector's field names, each factor following the state it measures (modes, baselines, a privileged container,
 * admission control, new services' mode, scan results), the namespace user's view, the what-if and its refusals.
 */
class ScoreApiTest extends ControllerTest {

    static final String PATH = "/v1/system/score/metrics";
    static final Workload WEB_1 = TestNode.workload("aa01", "web-1", "shop", "web", true);
    static final Workload WEB_2 = TestNode.workload("aa02", "web-2", "shop", "web", true);
    static final Workload OLD_1 = TestNode.workload("aa03", "old-1", "shop", "web", false);
    static final Workload DB_1 = TestNode.workload("bb01", "db-1", "vault", "db", true);

    TestNode node;

    @BeforeEach
    void nodeReports() throws Exception {
        node = TestNode.join(c, admin, "node-1");
        node.report(true, WEB_1, WEB_2, OLD_1, DB_1);
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    private JsonNode score(String token) {
        return checked(assertOk(c.as(token, "GET", PATH, null)).body(), token);
    }

    private JsonNode score() {
        return score(admin);
    }

    /** How each caller's total is made: namespace users' tokens are listed here by the tests that make them. */
    private final Map<String, RiskScore.Audience> audiences = new java.util.HashMap<>();

    /** The scores shown are the formula's for the metrics shown, for the caller's audience. */
    private JsonNode checked(JsonNode body, String token) {
        try {
            RiskScoreMetrics m = Bodies.JSON.treeToValue(body.path("metrics"), RiskScoreMetrics.class);
            RiskScore.Audience audience = audiences.getOrDefault(token, RiskScore.Audience.GLOBAL);
            assertThat(body.path("security_scores")).isEqualTo(Bodies.JSON.valueToTree(RiskScore.compute(m,
                    audience)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        return body;
    }

    private static int at(JsonNode body, String pointer) {
        JsonNode v = body.at(pointer);
        assertThat(v.isInt()).as("%s in %s", pointer, body).isTrue();
        return v.asInt();
    }

    private static Set<String> fields(JsonNode object) {
        Set<String> names = new java.util.TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void showsNeuVectorsFieldsWithTheDefaultsOfAFreshController() {
        JsonNode s = score();
        assertThat(fields(s)).containsExactlyInAnyOrder("metrics", "ingress", "egress", "security_scores");
        assertThat(fields(s.path("metrics"))).containsExactlyInAnyOrder("platform", "kube_version",
                "openshift_version", "new_service_policy_mode", "new_service_profile_mode", "adm_mode",
                "enabled_deny_adm_ctrl_rules", "deny_adm_ctrl_rules", "hosts", "workloads", "groups", "cves");
        assertThat(fields(s.at("/metrics/workloads"))).containsExactlyInAnyOrder("running_pods", "privileged_wls",
                "root_wls", "discover_ext_eps", "monitor_ext_eps", "protect_ext_eps", "threat_ext_eps",
                "violate_ext_eps");
        assertThat(fields(s.at("/metrics/groups"))).containsExactlyInAnyOrder("groups", "discover_groups",
                "monitor_groups", "protect_groups", "profile_discover_groups", "profile_monitor_groups",
                "profile_protect_groups", "discover_groups_zero_drift", "monitor_groups_zero_drift",
                "protect_groups_zero_drift");
        assertThat(fields(s.at("/metrics/cves"))).containsExactlyInAnyOrder("discover_cves", "monitor_cves",
                "protect_cves", "platform_cves", "host_cves");
        assertThat(fields(s.path("security_scores"))).containsExactlyInAnyOrder("new_service_mode_score",
                "service_mode_score", "service_mode_score_by_100", "exposure_score", "exposure_score_by_100",
                "privileged_container_score", "run_as_root_score", "admission_rule_score", "vulnerability_score",
                "vulnerability_score_by_100", "security_risk_score");
        assertThat(s.path("ingress").isArray() && s.path("ingress").isEmpty()).isTrue();
        assertThat(s.path("egress").isArray() && s.path("egress").isEmpty()).isTrue();

        JsonNode m = s.path("metrics");
        assertThat(List.of(m.path("platform").asText("?"), m.path("kube_version").asText("?"),
                m.path("openshift_version").asText("?"), m.path("adm_mode").asText("?")))
                .containsExactly("", "", "", "");
        assertThat(m.path("new_service_policy_mode").asText()).isEqualTo("Discover");
        assertThat(m.path("new_service_profile_mode").asText()).isEqualTo("Discover");
        assertThat(at(m, "/hosts")).isEqualTo(1);
        // two services learned, in Discover with zero-drift baselines; three running pods, every container root
        assertThat(List.of(at(m, "/groups/groups"), at(m, "/groups/discover_groups"),
                at(m, "/groups/profile_discover_groups"), at(m, "/groups/discover_groups_zero_drift")))
                .containsExactly(2, 2, 2, 2);
        assertThat(List.of(at(m, "/workloads/running_pods"), at(m, "/workloads/privileged_wls"),
                at(m, "/workloads/root_wls"))).containsExactly(3, 0, 3);

        // new services 4; (2 * 0.5 + 2 * 0.5 - 2 * 0.3) / 2 = 70% of 26 -> 19; root 4; admission off 4
        JsonNode scores = s.path("security_scores");
        assertThat(List.of(at(scores, "/new_service_mode_score"), at(scores, "/service_mode_score"),
                at(scores, "/service_mode_score_by_100"), at(scores, "/exposure_score"),
                at(scores, "/privileged_container_score"), at(scores, "/run_as_root_score"),
                at(scores, "/admission_rule_score"), at(scores, "/vulnerability_score"),
                at(scores, "/security_risk_score"))).containsExactly(4, 19, 70, 0, 0, 4, 4, 0, 31);
    }

    @Test
    void theServiceModeFactorFollowsModesAndBaselines() {
        int before = at(score(), "/security_scores/service_mode_score");
        assertOk(c.as(admin, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"web.shop\"], "
                + "\"policy_mode\": \"Protect\"}}"));
        JsonNode protect = score();
        assertThat(List.of(at(protect, "/metrics/groups/discover_groups"),
                at(protect, "/metrics/groups/protect_groups"), at(protect, "/metrics/groups/profile_discover_groups"),
                at(protect, "/metrics/groups/profile_protect_groups"),
                at(protect, "/metrics/groups/discover_groups_zero_drift"),
                at(protect, "/metrics/groups/protect_groups_zero_drift"))).containsExactly(1, 1, 1, 1, 1, 1);
        int oneProtected = at(protect, "/security_scores/service_mode_score");
        assertThat(oneProtected).isLessThan(before);

        assertOk(c.as(admin, "PATCH", "/v1/service/config/network", "{\"config\": {\"services\": [\"db.vault\"], "
                + "\"policy_mode\": \"Monitor\"}}"));
        JsonNode network = score();
        assertThat(List.of(at(network, "/metrics/groups/discover_groups"),
                at(network, "/metrics/groups/monitor_groups"), at(network, "/metrics/groups/profile_discover_groups"),
                at(network, "/metrics/groups/monitor_groups_zero_drift"))).containsExactly(0, 1, 1, 1);

        // a basic baseline takes away zero-drift's discount, which only Discover groups get
        assertOk(c.as(admin, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"db.vault\"], "
                + "\"policy_mode\": \"Discover\", \"profile_mode\": \"Discover\", \"baseline_profile\": \"basic\"}}"));
        JsonNode basic = score();
        assertThat(List.of(at(basic, "/metrics/groups/discover_groups"),
                at(basic, "/metrics/groups/discover_groups_zero_drift"))).containsExactly(1, 0);
        // (1 * 0.5 + 1 * 0.5) / 2 = 50% of 26: 13
        assertThat(at(basic, "/security_scores/service_mode_score_by_100")).isEqualTo(50);
        assertThat(at(basic, "/security_scores/service_mode_score")).isEqualTo(13);

        // a group made by a user is not a service: not scored
        ApiChecks.group(c, admin, "frontends");
        assertThat(at(score(), "/metrics/groups/groups")).isEqualTo(2);
    }

    @Test
    void privilegedAndRootContainersCountWhileTheyRun() throws Exception {
        Workload privileged = new Workload("cc01", "agent-1", "agent-1", "agent-1-pod", "vault",
                "registry.local/agent:1", "sha256:cc01", "agent", "nv.agent.vault", "", Map.of(), "running", "", "",
                "", 0, true, false, "host", Map.of(), List.of(), 0, "", "");
        node.report(false, privileged);
        JsonNode on = score();
        assertThat(List.of(at(on, "/metrics/workloads/running_pods"), at(on, "/metrics/workloads/privileged_wls"),
                at(on, "/metrics/workloads/root_wls"))).containsExactly(4, 1, 3);
        assertThat(at(on, "/security_scores/privileged_container_score")).isEqualTo(4);

        node.stop("cc01", "aa01", "aa02", "bb01");
        JsonNode off = score();
        assertThat(List.of(at(off, "/metrics/workloads/running_pods"), at(off, "/metrics/workloads/privileged_wls"),
                at(off, "/metrics/workloads/root_wls"))).containsExactly(0, 0, 0);
        assertThat(at(off, "/security_scores/privileged_container_score")).isZero();
        assertThat(at(off, "/security_scores/run_as_root_score")).isZero();
    }

    @Test
    void theAdmissionFactorFollowsItsStateAndDenyRules() {
        assertThat(at(score(), "/security_scores/admission_rule_score")).as("off").isEqualTo(4);
        assertOk(c.as(admin, "PATCH", "/v1/admission/state", "{\"state\": {\"enable\": true, \"mode\": "
                + "\"protect\"}}"));
        JsonNode on = score();
        assertThat(on.at("/metrics/adm_mode").asText()).isEqualTo("protect");
        assertThat(at(on, "/security_scores/admission_rule_score")).as("protect, no rule").isEqualTo(2);

        String rule = "{\"id\": %d, \"disable\": %s, \"containers\": [\"containers\"], \"criteria\": [{\"name\": "
                + "\"runAsPrivileged\", \"op\": \"=\", \"value\": \"true\"}], \"comment\": \"\", \"category\": "
                + "\"Kubernetes\", \"cfg_type\": \"user_created\", \"rule_type\": \"%s\"}";
        assertOk(c.as(admin, "POST", "/v1/admission/rule", "{\"config\": %s}".formatted(rule.formatted(0, false,
                "exception"))));
        assertThat(at(score(), "/security_scores/admission_rule_score")).as("exceptions do not count").isEqualTo(2);
        assertOk(c.as(admin, "POST", "/v1/admission/rule", "{\"config\": %s}".formatted(rule.formatted(0, false,
                "deny"))));
        JsonNode deny = score();
        assertThat(List.of(at(deny, "/metrics/deny_adm_ctrl_rules"), at(deny, "/metrics/enabled_deny_adm_ctrl_rules"),
                at(deny, "/security_scores/admission_rule_score"))).containsExactly(1, 1, 0);

        assertOk(c.as(admin, "PATCH", "/v1/admission/state", "{\"state\": {\"mode\": \"monitor\"}}"));
        assertThat(at(score(), "/security_scores/admission_rule_score")).as("monitor, a deny rule").isEqualTo(1);

        assertOk(c.as(admin, "PATCH", "/v1/admission/rule", "{\"config\": %s}".formatted(rule.formatted(1001, true,
                "deny"))));
        JsonNode disabled = score();
        assertThat(List.of(at(disabled, "/metrics/deny_adm_ctrl_rules"),
                at(disabled, "/metrics/enabled_deny_adm_ctrl_rules"),
                at(disabled, "/security_scores/admission_rule_score"))).containsExactly(1, 0, 4);

        assertOk(c.as(admin, "PATCH", "/v1/admission/state", "{\"state\": {\"enable\": false}}"));
        assertThat(score().at("/metrics/adm_mode").asText("?")).isEmpty();
    }

    @Test
    void newServicesScoreWhileTheyStartInDiscover() {
        assertOk(c.as(admin, "PATCH", "/v1/system/config", "{\"config\": {\"new_service_policy_mode\": "
                + "\"Monitor\"}}"));
        JsonNode s = score();
        assertThat(s.at("/metrics/new_service_policy_mode").asText()).isEqualTo("Monitor");
        assertThat(s.at("/metrics/new_service_profile_mode").asText()).isEqualTo("Monitor");
        assertThat(at(s, "/security_scores/new_service_mode_score")).isZero();
    }

    /** A finished scan, as the runtime scans keep it, with findings of these severities. */
    private void scanned(String kind, String id, String... severities) throws Exception {
        List<Reports.Found> found = new ArrayList<>();
        for (int i = 0; i < severities.length; i++) {
            found.add(new Reports.Found("CVE-2026-%04d".formatted(i), severities[i], 1_700_000_000L));
        }
        RuntimeScan scan = new RuntimeScan(id, kind, id, "", "registry.local/x:1", "", "finished", "succeeded",
                found, 1_700_000_000L, "2023-11-14T22:13:20Z", "debian:12", "1.0", "", "");
        c.controller().store().put(RuntimeScan.KIND.key(RuntimeScan.key(kind, id)),
                Json.storedSnakeCase().writeValueAsString(scan));
    }

    @Test
    void vulnerabilitiesCountByTheGroupModeOfEachRunningContainerAndPerHost() throws Exception {
        assertOk(c.as(admin, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"web.shop\"], "
                + "\"policy_mode\": \"Protect\"}}"));
        scanned(RuntimeScan.WORKLOAD, "aa01", "Critical", "High", "High", "Medium", "Low", "Low");
        scanned(RuntimeScan.WORKLOAD, "aa02", "High");
        scanned(RuntimeScan.WORKLOAD, "aa03", "Critical", "Critical"); // stopped: not counted
        scanned(RuntimeScan.WORKLOAD, "bb01", "Medium", "Medium");
        scanned(RuntimeScan.HOST, node.hostId(), "High", "High", "High", "High", "High");
        JsonNode s = score();
        assertThat(List.of(at(s, "/metrics/cves/discover_cves"), at(s, "/metrics/cves/monitor_cves"),
                at(s, "/metrics/cves/protect_cves"), at(s, "/metrics/cves/host_cves"),
                at(s, "/metrics/cves/platform_cves"))).containsExactly(2, 0, 5, 5, 0);
        // 2 / 3 / 15 + 5 / 3 / 120 + 5 / 1 / 20 = 0.31 -> 1
        assertThat(at(s, "/security_scores/vulnerability_score")).isEqualTo(1);
        assertThat(at(s, "/security_scores/vulnerability_score_by_100")).isEqualTo(7);
    }

    @Test
    void aNamespaceUserSeesItsNamespacesAndGetsTheNamespacedTotal() throws Exception {
        scanned(RuntimeScan.HOST, node.hostId(), "High");
        String shop = ApiChecks.user(c, admin, "sam", "", "{\"reader\": [\"shop\"]}");
        audiences.put(shop, RiskScore.Audience.NAMESPACES);
        JsonNode s = score(shop);
        JsonNode m = s.path("metrics");
        assertThat(List.of(at(m, "/groups/groups"), at(m, "/groups/discover_groups"), at(m, "/workloads/running_pods"),
                at(m, "/workloads/root_wls"), at(m, "/hosts"), at(m, "/cves/host_cves"))).containsExactly(1, 1, 2, 2, 0,
                0);
        assertThat(m.path("new_service_policy_mode").asText()).isEqualTo("Discover");
        // service mode (1 - 0.3) / 1 = 70% -> 19, root 4: 23 of 66 -> 34
        assertThat(at(s, "/security_scores/security_risk_score")).isEqualTo(34);

        String ci = ApiChecks.user(c, admin, "cid", "ciops", null);
        JsonNode global = score(ci);
        assertThat(at(global, "/metrics/hosts")).as("any global role sees the cluster").isEqualTo(1);
        assertThat(at(global, "/metrics/cves/host_cves")).isEqualTo(1);
        assertThat(at(global, "/security_scores/security_risk_score"))
                .isEqualTo(at(score(), "/security_scores/security_risk_score"));

        // a what-if is totalled for the caller too
        Reply what = assertOk(c.as(shop, "POST", PATH, "{\"metrics\": %s}".formatted(m)));
        assertThat(at(what.body(), "/security_scores/security_risk_score")).isEqualTo(34);
    }

    @Test
    void aWhatIfScoresTheMetricsGivenAndShowsThemBack() {
        JsonNode now = score();
        Reply same = assertOk(c.as(admin, "POST", PATH, "{\"metrics\": %s}".formatted(now.path("metrics"))));
        assertThat(same.at("/metrics")).isEqualTo(now.path("metrics"));
        assertThat(same.at("/security_scores")).isEqualTo(now.path("security_scores"));
        assertThat(same.at("/ingress").isArray() && same.at("/egress").isArray()).isTrue();

        ObjectNode better = now.path("metrics").deepCopy();
        better.put("new_service_policy_mode", "Protect").put("new_service_profile_mode", "Monitor")
                .put("adm_mode", "protect").put("deny_adm_ctrl_rules", 2).put("enabled_deny_adm_ctrl_rules", 1);
        ((ObjectNode) better.path("workloads")).put("root_wls", 0);
        ((ObjectNode) better.path("groups")).put("discover_groups", 0).put("protect_groups", 2)
                .put("profile_discover_groups", 0).put("profile_protect_groups", 2)
                .put("discover_groups_zero_drift", 0);
        ((ObjectNode) better.path("cves")).put("platform_cves", 3);
        JsonNode predicted = checked(assertOk(c.as(admin, "POST", PATH, "{\"metrics\": %s}".formatted(better)))
                .body(), admin);
        assertThat(predicted.path("metrics")).isEqualTo(better);
        // only the platform's vulnerabilities remain: 2
        assertThat(at(predicted, "/security_scores/security_risk_score")).isEqualTo(2);
        assertThat(at(score(), "/security_scores/security_risk_score")).as("nothing changed").isEqualTo(31);

        // what a client leaves out is zero, as NeuVector's decoder leaves it
        Reply partial = assertOk(c.as(admin, "POST", PATH, "{\"metrics\": {\"workloads\": {\"running_pods\": 4, "
                + "\"privileged_wls\": 1}}, \"unknown\": true}"));
        assertThat(partial.at("/metrics/new_service_policy_mode").asText("?")).isEmpty();
        assertThat(at(partial.body(), "/metrics/groups/groups")).isZero();
        assertThat(at(partial.body(), "/security_scores/security_risk_score")).isEqualTo(8); // privileged, admission
    }

    @Test
    void aWhatIfRefusesWhatNoControllerCouldReport() {
        Reply missing = assertBadRequest(c.as(admin, "POST", PATH, "{}"));
        assertThat(missing.at("/code").asInt()).isEqualTo(6);
        assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": null}"));
        assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": [1]}"));
        assertBadRequest(c.as(admin, "POST", PATH, "[]"));
        assertBadRequest(c.as(admin, "POST", PATH, "not json"));
        assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": {\"hosts\": 1}"));
        assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": {\"hosts\": 1, \"hosts\": 2}}"));
        assertBadRequest(c.as(admin, "POST", PATH, ""));

        Reply negative = assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": {\"workloads\": "
                + "{\"running_pods\": -1}}}"));
        assertThat(negative.at("/message").asText()).isEqualTo("workloads.running_pods is -1: counts are 0 or more");
        Reply part = assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": {\"groups\": {\"groups\": 1, "
                + "\"discover_groups\": 5}}}"));
        assertThat(part.at("/message").asText()).isEqualTo("groups.discover_groups is 5, more than groups.groups (1)");
        Reply mode = assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": {\"adm_mode\": \"block\"}}"));
        assertThat(mode.at("/message").asText()).startsWith("adm_mode is one of");

        Reply range = assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": {\"cves\": {\"host_cves\": "
                + "2147483648}}}"));
        assertThat(range.at("/message").asText()).startsWith("Invalid JSON: metrics.cves.host_cves is not of its"
                + " type");
        for (String wrong : List.of("{\"hosts\": \"3\"}", "{\"hosts\": 1.5}", "{\"hosts\": true}",
                "{\"workloads\": \"many\"}", "{\"platform\": 7}", "{\"hosts\": null}")) {
            Reply r = assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": %s}".formatted(wrong)));
            assertThat(r.at("/message").asText()).as(wrong).doesNotContain("dev.bulwark", "RiskScoreMetrics");
        }
        Reply longText = assertBadRequest(c.as(admin, "POST", PATH, "{\"metrics\": {\"platform\": \"%s\"}}"
                .formatted("k".repeat(300))));
        assertThat(longText.at("/message").asText()).isEqualTo("platform is longer than 256 characters");
        assertError(c.as(admin, "POST", PATH, "{\"metrics\": {\"platform\": \"%s\"}}".formatted("k".repeat(2 << 20))),
                413);
    }

    @Test
    void anyLoggedInUserMayAskAndNobodyElse() {
        String nobody = ApiChecks.user(c, admin, "ann", "", "{\"reader\": [\"elsewhere\"]}");
        audiences.put(nobody, RiskScore.Audience.NAMESPACES);
        JsonNode s = score(nobody);
        assertThat(List.of(at(s, "/metrics/groups/groups"), at(s, "/metrics/workloads/running_pods"),
                at(s, "/security_scores/security_risk_score"))).containsExactly(0, 0, 0);
        assertError(c.call("GET", PATH, null), 401);
        assertError(c.call("POST", PATH, "{\"metrics\": {}}"), 401);
    }
}
