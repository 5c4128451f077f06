package dev.bulwark.controller.admission;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.core.testing.Patience;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /v1/admission}: the state and its modes as NeuVector's CLI reads and writes it back, deny and exception
 * rules with ids from 1000, the criteria the CLI builds (sub-criteria included), bad input, permissions and
 * concurrent creation.
 */
class AdmissionApiTest extends ControllerTest {

    /** A rule as the CLI's "create admission rule" sends it ({@code admission.py}). */
    private static String rule(String type, String mode, String criteria) {
        return ("{\"disable\": false, \"containers\": [\"containers\"], \"criteria\": %s, \"comment\": \"\", "
                + "\"category\": \"Kubernetes\", \"cfg_type\": \"user_created\", \"rule_type\": \"%s\", \"id\": 0%s}")
                .formatted(criteria, type, mode == null ? "" : ", \"rule_mode\": \"" + mode + "\"");
    }

    private static String criterion(String name, String op, String value) {
        return "{\"name\": \"%s\", \"op\": \"%s\", \"value\": \"%s\", \"sub_criteria\": null}".formatted(name, op,
                value);
    }

    private static final String PRIVILEGED = "[" + criterion("runAsPrivileged", "=", "true") + "]";

    private Reply create(String token, String rule) {
        return c.as(token, "POST", "/v1/admission/rule", "{\"config\": %s}".formatted(rule));
    }

    private JsonNode rules() {
        return assertOk(c.as(admin, "GET", "/v1/admission/rules", null)).at("/rules");
    }

    private JsonNode state() {
        return assertOk(c.as(admin, "GET", "/v1/admission/state", null)).at("/state");
    }

    private Reply patchState(String token, String state) {
        return c.as(token, "PATCH", "/v1/admission/state", "{\"state\": %s}".formatted(state));
    }

    @Test
    void theStateStartsOffInMonitorModeAndShowsWhatTheCliReads() {
        JsonNode s = state();
        assertThat(s.path("enable").asBoolean(true)).isFalse();
        assertThat(s.path("mode").asText()).isEqualTo("monitor");
        assertThat(s.path("default_action").asText()).isEqualTo("allow");
        assertThat(s.path("adm_client_mode").asText()).isEqualTo("service");
        // "show admission state" prints the options entry of the current client mode
        assertThat(s.path("adm_client_mode_options").path(s.path("adm_client_mode").asText()).asText()).isNotBlank();
        assertThat(s.path("adm_client_mode_options").has("url")).isTrue();
        assertThat(s.path("cfg_type").asText()).isNotBlank();
    }

    @Test
    void theCliWritesTheWholeStateItReadBack() {
        // "set admission state --enable --mode protect --client_mode url": GET, change, PATCH the object back
        ObjectNode s = (ObjectNode) state();
        s.put("enable", true).put("mode", "protect").put("adm_client_mode", "url");
        assertOk(patchState(admin, s.toString()));
        JsonNode after = state();
        assertThat(after.path("enable").asBoolean()).isTrue();
        assertThat(after.path("mode").asText()).isEqualTo("protect");
        assertThat(after.path("adm_client_mode").asText()).isEqualTo("url");

        assertOk(patchState(admin, "{\"mode\": \"monitor\"}"));
        assertThat(state().path("mode").asText()).isEqualTo("monitor");
        assertThat(state().path("enable").asBoolean()).as("fields not sent are kept").isTrue();
    }

    @Test
    void aBadStateIsRefusedAndChangesNothing() {
        assertOk(patchState(admin, "{\"enable\": true, \"mode\": \"protect\"}"));
        JsonNode before = state();
        for (String bad : List.of("{\"mode\": \"enforce\"}", "{\"mode\": \"\"}", "{\"default_action\": \"block\"}",
                "{\"adm_client_mode\": \"carrier-pigeon\"}", "{\"enable\": \"yes\"}", "{\"mode\": 1}", "null",
                "{\"enable\": false, \"mode\": \"Protect\"}")) {
            assertBadRequest(patchState(admin, bad));
        }
        assertBadRequest(c.as(admin, "PATCH", "/v1/admission/state", "{\"k8s_env\": true}"));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void ruleIdsStartAt1000AndRulesRoundTrip() {
        Reply first = assertOk(create(admin, rule("deny", "protect", "[" + criterion("namespace", "containsAny",
                "shop,pay") + ", " + criterion("cveCriticalCount", ">=", "1") + "]")));
        assertThat(first.at("/rule/id").asInt()).isEqualTo(1000);
        assertThat(assertOk(create(admin, rule("exception", null, "[" + criterion("image", "containsAny",
                "registry.example/base:*") + "]"))).at("/rule/id").asInt()).isEqualTo(1001);
        assertThat(assertOk(create(admin, rule("deny", "", PRIVILEGED))).at("/rule/id").asInt()).isEqualTo(1002);
        assertThat(ApiChecks.each(rules(), "id")).containsExactly("1000", "1001", "1002");

        JsonNode r = assertOk(c.as(admin, "GET", "/v1/admission/rule/1000", null)).at("/rule");
        assertThat(r.path("id").asInt()).isEqualTo(1000);
        assertThat(r.path("category").asText()).isEqualTo("Kubernetes");
        assertThat(r.path("rule_type").asText()).isEqualTo("deny");
        assertThat(r.path("rule_mode").asText()).isEqualTo("protect");
        assertThat(r.path("cfg_type").asText()).isEqualTo("user_created");
        assertThat(r.path("containers").toString()).isEqualTo("[\"containers\"]");
        assertThat(r.path("disable").asBoolean(true)).isFalse();
        assertThat(r.path("critical").asBoolean(true)).isFalse();
        assertThat(ApiChecks.each(r.path("criteria"), "name")).containsExactly("namespace", "cveCriticalCount");
        assertThat(r.at("/criteria/0/op").asText()).isEqualTo("containsAny");
        assertThat(r.at("/criteria/0/value").asText()).isEqualTo("shop,pay");

        // "set admission rule": the CLI sends the rule it read, changed
        ObjectNode changed = (ObjectNode) r.deepCopy();
        changed.put("comment", "no critical CVEs").put("disable", true).put("rule_mode", "monitor");
        assertOk(c.as(admin, "PATCH", "/v1/admission/rule", "{\"config\": %s}".formatted(changed)));
        JsonNode after = assertOk(c.as(admin, "GET", "/v1/admission/rule/1000", null)).at("/rule");
        assertThat(after.path("comment").asText()).isEqualTo("no critical CVEs");
        assertThat(after.path("disable").asBoolean()).isTrue();
        assertThat(after.path("rule_mode").asText()).isEqualTo("monitor");
        assertThat(after.path("criteria")).isEqualTo(r.path("criteria"));

        assertOk(c.as(admin, "DELETE", "/v1/admission/rule/1001", null));
        assertError(c.as(admin, "GET", "/v1/admission/rule/1001", null), 404);
        assertThat(ApiChecks.each(rules(), "id")).containsExactly("1000", "1002");
        assertOk(c.as(admin, "DELETE", "/v1/admission/rules", null));
        assertThat(rules()).isEmpty();
    }

    /** Criteria as the CLI's {@code _parse_adm_criteria} builds them from its documented examples. */
    static Stream<Arguments> cliCriteria() {
        return Stream.of(
                Arguments.of("cveHighCount:>=:2/publishDays:>=:30", "{\"name\": \"cveHighCount\", \"op\": \">=\", "
                        + "\"value\": \"2\", \"sub_criteria\": [{\"name\": \"publishDays\", \"op\": \">=\", \"value\": "
                        + "\"30\"}]}"),
                Arguments.of("cveScoreCount:>=:7/count:>=:5", "{\"name\": \"cveScoreCount\", \"op\": \">=\", "
                        + "\"value\": \"7\", \"sub_criteria\": [{\"name\": \"count\", \"op\": \">=\", \"value\": \"5\"}]}"),
                Arguments.of("resourceLimit/cpuLimit:>:2", "{\"name\": \"resourceLimit\", \"sub_criteria\": "
                        + "[{\"name\": \"cpuLimit\", \"op\": \">\", \"value\": \"2\"}]}"),
                Arguments.of("customPath", "{\"name\": \"customPath\", \"op\": \"exist\", \"value\": \"\", \"path\": "
                        + "\"spec.hostAliases\", \"value_type\": \"key\", \"template_kind\": \"podTemplate\", "
                        + "\"type\": \"customPath\", \"sub_criteria\": null}"),
                Arguments.of("saBindRiskyRole", criterion("saBindRiskyRole", "containsTagAny",
                        "risky_role_view_secret")),
                Arguments.of("violatePssPolicy", criterion("violatePssPolicy", "=", "restricted")));
    }

    /** The options advertise these criteria (and sub-criteria) for deny rules, so a deny rule of them is taken. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cliCriteria")
    void theCriteriaTheCliBuildsAreTaken(String cli, String criterion) {
        Reply r = create(admin, rule("deny", "", "[" + criterion + "]"));
        assertOk(r);
        JsonNode stored = assertOk(c.as(admin, "GET", "/v1/admission/rule/" + r.at("/rule/id").asInt(), null))
                .at("/rule/criteria/0");
        assertThat(stored.path("name").asText()).isEqualTo(cli.split("[:/]")[0]);
    }

    /** Rules a create must refuse with a 400. */
    static Stream<Arguments> badRules() {
        return Stream.of(
                Arguments.of("unknown criterion", rule("deny", "", "[" + criterion("astrology", "=", "x") + "]")),
                Arguments.of("unknown operator", rule("deny", "", "[" + criterion("image", "~=", "x") + "]")),
                Arguments.of("invalid regex", rule("deny", "", "[" + criterion("image", "regex", "([a-z") + "]")),
                Arguments.of("negative count", rule("deny", "", "[" + criterion("cveHighCount", ">=", "-1") + "]")),
                Arguments.of("count that is no number", rule("deny", "", "[" + criterion("cveHighCount", ">=",
                        "many") + "]")),
                Arguments.of("rule type allow (the CLI sends exception)", rule("allow", null, PRIVILEGED)),
                Arguments.of("no rule type", "{\"criteria\": " + PRIVILEGED + "}"),
                Arguments.of("category Docker", rule("deny", "", PRIVILEGED).replace("Kubernetes", "Docker")),
                Arguments.of("mode of an exception rule", rule("exception", "protect", PRIVILEGED)),
                Arguments.of("unknown mode", rule("deny", "enforce", PRIVILEGED)),
                Arguments.of("unknown container kind", rule("deny", "", PRIVILEGED).replace("[\"containers\"]",
                        "[\"sidecars\"]")),
                Arguments.of("no criteria", rule("deny", "", "[]")),
                Arguments.of("65 criteria", rule("deny", "", IntStream.range(0, 65).mapToObj(i -> criterion(
                        "namespace", "containsAny", "ns" + i)).collect(Collectors.joining(", ", "[", "]")))),
                Arguments.of("1,025-character comment", rule("deny", "", PRIVILEGED).replace("\"comment\": \"\"",
                        "\"comment\": \"" + "c".repeat(1025) + "\"")),
                Arguments.of("4,097-character value", rule("deny", "", "[" + criterion("image", "containsAny",
                        "v".repeat(4097)) + "]")),
                Arguments.of("null criterion", rule("deny", "", "[null]")),
                Arguments.of("criterion without a value", rule("deny", "", "[{\"name\": \"image\", \"op\": "
                        + "\"containsAny\"}]")),
                Arguments.of("bad sub-criterion", rule("deny", "", "[{\"name\": \"cveHighCount\", \"op\": \">=\", "
                        + "\"value\": \"1\", \"sub_criteria\": [" + criterion("publishDays", "~", "x") + "]}]")),
                Arguments.of("number for a value", rule("deny", "", "[{\"name\": \"image\", \"op\": \"containsAny\","
                        + " \"value\": 5}]")),
                Arguments.of("string for disable", rule("deny", "", PRIVILEGED).replace("\"disable\": false",
                        "\"disable\": \"no\"")),
                Arguments.of("null config", "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRules")
    void aBadRuleIsRefusedAndNotStored(String what, String rule) {
        assertOk(create(admin, rule("deny", "", PRIVILEGED)));
        JsonNode before = rules();
        assertBadRequest(create(admin, rule));
        assertThat(rules()).isEqualTo(before);
        // and a bad change of the existing rule leaves it as it was
        if (!rule.equals("null")) {
            ObjectNode change = ((ObjectNode) parse(rule)).put("id", 1000);
            assertBadRequest(c.as(admin, "PATCH", "/v1/admission/rule", "{\"config\": %s}".formatted(change)));
            assertThat(rules()).isEqualTo(before);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unknownAndMalformedIdsAre404And400() {
        assertError(c.as(admin, "GET", "/v1/admission/rule/1000", null), 404);
        assertError(c.as(admin, "DELETE", "/v1/admission/rule/1000", null), 404);
        assertError(c.as(admin, "PATCH", "/v1/admission/rule", "{\"config\": %s}".formatted(rule("deny", "",
                PRIVILEGED).replace("\"id\": 0", "\"id\": 1234"))), 404);
        assertBadRequest(c.as(admin, "PATCH", "/v1/admission/rule", "{\"config\": %s}".formatted(rule("deny", "",
                PRIVILEGED).replace(", \"id\": 0", ""))));
        assertBadRequest(c.as(admin, "GET", "/v1/admission/rule/first", null));
        assertThat(rules()).isEmpty();
    }

    @Test
    void aReaderReadsAdmissionControlButChangesNothing() {
        assertOk(create(admin, rule("deny", "", PRIVILEGED)));
        String reader = ApiChecks.reader(c, admin);
        assertOk(c.as(reader, "GET", "/v1/admission/state", null));
        assertThat(assertOk(c.as(reader, "GET", "/v1/admission/rules", null)).at("/rules")).hasSize(1);
        for (Reply r : List.of(create(reader, rule("deny", "", PRIVILEGED)),
                patchState(reader, "{\"enable\": true}"),
                c.as(reader, "DELETE", "/v1/admission/rule/1000", null),
                c.as(reader, "DELETE", "/v1/admission/rules", null))) {
            assertError(r, 403);
        }
        assertThat(rules()).hasSize(1);
        assertThat(state().path("enable").asBoolean()).isFalse();
    }

    @Test
    void admissionControlIsGlobalSoANamespaceAdministratorGets403() {
        String anna = ApiChecks.namespaceAdmin(c, admin);
        assertError(c.as(anna, "GET", "/v1/admission/rules", null), 403);
        assertError(create(anna, rule("deny", "", PRIVILEGED)), 403);
        assertError(patchState(anna, "{\"enable\": true}"), 403);
        assertThat(rules()).isEmpty();
        assertThat(state().path("enable").asBoolean()).isFalse();
    }

    @Test
    void concurrentCreationsGetDistinctIdsFrom1000() throws Exception {
        int writers = 8;
        ApiChecks.concurrently(writers, i -> create(admin, rule("deny", "", "[" + criterion("namespace",
                "containsAny", "ns" + i) + "]")));
        assertThat(ApiChecks.each(rules(), "id")).containsExactlyInAnyOrderElementsOf(IntStream.range(0, writers)
                .mapToObj(i -> String.valueOf(1000 + i)).toList());
        assertThat(rules().findValuesAsText("value")).containsExactlyInAnyOrderElementsOf(IntStream.range(0, writers)
                .mapToObj(i -> "ns" + i).toList());
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                  - {name: web, image: nginx:1.25, securityContext: {privileged: true}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: plain}
            spec:
              containers:
              - {name: app, image: busybox:1.36}
            """;

    private JsonNode assess() {
        return assertOk(c.send("POST", "/v1/assess/admission/rule", DEPLOYMENT.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "X-Auth-Token", admin, "Content-Type", "text/plain")).body();
    }

    @Test
    void anAssessmentJudgesEachObjectAndEachContainerWithoutCountingIt() {
        assertOk(patchState(admin, "{\"enable\": true, \"mode\": \"protect\"}"));
        assertOk(create(admin, rule("deny", "", PRIVILEGED)));
        JsonNode stats = assertOk(c.as(admin, "GET", "/v1/admission/stats", null)).at("/stats");
        JsonNode results = assess();
        for (long deadline = Patience.deadline(); results.at("/results/0/allowed").asBoolean()
                && System.nanoTime() - deadline < 0; results = assess()) {
            Thread.onSpinWait(); // the policy follows the new rule through a store watch
        }
        assertThat(results.at("/props_unavailable").toString()).contains("user");
        assertThat(results.at("/results")).hasSize(2);
        JsonNode web = results.at("/results/0");
        assertThat(web.path("index").asInt()).isEqualTo(1);
        assertThat(web.path("kind").asText()).isEqualTo("Deployment");
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.at("/matched_rules/0/id").asInt()).isEqualTo(1000);
        assertThat(web.at("/matched_rules/0/type").asText()).isEqualTo("deny");
        assertThat(results.at("/results/1/allowed").asBoolean()).isTrue();
        assertThat(assertOk(c.as(admin, "GET", "/v1/admission/stats", null)).at("/stats")).isEqualTo(stats);

        assertThat(assertBadRequest(c.send("POST", "/v1/assess/admission/rule", "kind: [unclosed"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "X-Auth-Token", admin)).at("/message").asText())
                .startsWith("Invalid YAML");
        assertBadRequest(c.send("POST", "/v1/assess/admission/rule", "---\n---\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "X-Auth-Token", admin));
        String many = "kind: Pod\nmetadata: {name: p}\n---\n".repeat(300);
        assertThat(assertBadRequest(c.send("POST", "/v1/assess/admission/rule", many.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "X-Auth-Token", admin)).at("/message").asText())
                .contains("more than 256");
    }

    @Test
    void anExportImportsBackAndABadImportChangesNothing() {
        assertOk(create(admin, rule("deny", "monitor", PRIVILEGED)));
        assertOk(create(admin, rule("exception", "", "[" + criterion("namespace", "containsAny", "kube-system")
                + "]")));
        assertOk(patchState(admin, "{\"enable\": true, \"mode\": \"protect\"}"));
        Reply exported = c.as(admin, "POST", "/v1/file/admission", "{\"ids\": [1000, 1001], \"export_config\": true}");
        assertThat(exported.status()).isEqualTo(200);
        String yaml = exported.text();
        assertThat(yaml).contains("kind: \"NvAdmissionControlSecurityRule\"", "action: \"deny\"",
                "action: \"allow\"", "rule_mode: \"monitor\"", "client_mode: \"service\"");
        JsonNode before = rules();
        assertOk(c.as(admin, "DELETE", "/v1/admission/rules", null));
        assertOk(patchState(admin, "{\"enable\": false, \"mode\": \"monitor\"}"));

        Reply imported = c.send("POST", "/v1/file/admission/config", yaml.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "X-Auth-Token", admin, "Content-Type", "text/plain");
        assertThat(imported.status()).as(imported.text()).isEqualTo(206);
        assertThat(imported.at("/data/status").asText()).isEqualTo("done");
        assertThat(rules()).isEqualTo(before);
        assertThat(state().path("enable").asBoolean()).isTrue();
        assertThat(state().path("mode").asText()).isEqualTo("protect");

        String bad = yaml.replace("containsAny", "sortOf");
        assertError(c.send("POST", "/v1/file/admission/config", bad.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "X-Auth-Token", admin), 400);
        assertError(c.send("POST", "/v1/file/admission/config", "kind: NvSecurityRule\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "X-Auth-Token", admin), 400);
        assertThat(rules()).isEqualTo(before);

        String reader = ApiChecks.reader(c, admin);
        assertThat(c.as(reader, "POST", "/v1/file/admission", "{\"ids\": [1000]}").status()).isEqualTo(200);
        assertOk(c.as(reader, "GET", "/v1/admission/stats", null));
        assertError(c.send("POST", "/v1/file/admission/config", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "X-Auth-Token", reader), 403);
        assertError(c.as(ApiChecks.namespaceAdmin(c, admin), "GET", "/v1/admission/stats", null), 403);
    }
}
