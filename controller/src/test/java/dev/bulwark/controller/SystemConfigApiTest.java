package dev.bulwark.controller;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ControllerFixture.Reply;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /v1/system/config} and {@code /v2/system/config}: the two views agree whichever is written, proxy
 * passwords never show, out-of-range values are refused and change nothing, webhooks, permissions and concurrent
 * writers.
 */
class SystemConfigApiTest extends ControllerTest {

    /** Each v1 field and where the v2 view shows it. */
    private static final Map<String, String> V2 = Map.ofEntries(
            Map.entry("new_service_policy_mode", "/new_svc/new_service_policy_mode"),
            Map.entry("new_service_profile_baseline", "/new_svc/new_service_profile_baseline"),
            Map.entry("syslog_ip", "/syslog/syslog_ip"), Map.entry("syslog_ip_proto", "/syslog/syslog_ip_proto"),
            Map.entry("syslog_port", "/syslog/syslog_port"), Map.entry("syslog_level", "/syslog/syslog_level"),
            Map.entry("syslog_status", "/syslog/syslog_status"),
            Map.entry("syslog_categories", "/syslog/syslog_categories"),
            Map.entry("syslog_in_json", "/syslog/syslog_in_json"),
            Map.entry("single_cve_per_syslog", "/syslog/single_cve_per_syslog"),
            Map.entry("syslog_cve_in_layers", "/syslog/syslog_cve_in_layers"),
            Map.entry("output_event_to_logs", "/syslog/output_event_to_logs"),
            Map.entry("auth_order", "/auth/auth_order"), Map.entry("auth_by_platform", "/auth/auth_by_platform"),
            Map.entry("rancher_ep", "/auth/rancher_ep"),
            Map.entry("unused_group_aging", "/misc/unused_group_aging"),
            Map.entry("cluster_name", "/misc/cluster_name"), Map.entry("controller_debug", "/misc/controller_debug"),
            Map.entry("monitor_service_mesh", "/misc/monitor_service_mesh"),
            Map.entry("xff_enabled", "/misc/xff_enabled"),
            Map.entry("no_telemetry_report", "/misc/no_telemetry_report"), Map.entry("webhooks", "/webhooks"),
            Map.entry("registry_http_proxy_status", "/proxy/registry_http_proxy_status"),
            Map.entry("registry_https_proxy_status", "/proxy/registry_https_proxy_status"),
            Map.entry("registry_http_proxy", "/proxy/registry_http_proxy"),
            Map.entry("registry_https_proxy", "/proxy/registry_https_proxy"),
            Map.entry("net_service_status", "/net_svc/net_service_status"),
            Map.entry("disable_net_policy", "/net_svc/disable_net_policy"),
            Map.entry("detect_unmanaged_wl", "/net_svc/detect_unmanaged_wl"),
            Map.entry("strict_group_mode", "/net_svc/strict_group_mode"),
            Map.entry("mode_auto_d2m", "/mode_auto/mode_auto_d2m"),
            Map.entry("mode_auto_d2m_duration", "/mode_auto/mode_auto_d2m_duration"),
            Map.entry("mode_auto_m2p", "/mode_auto/mode_auto_m2p"),
            Map.entry("mode_auto_m2p_duration", "/mode_auto/mode_auto_m2p_duration"),
            Map.entry("scanner_autoscale", "/scanner_autoscale"),
            Map.entry("ibmsa_ep_enabled", "/ibmsa/ibmsa_ep_enabled"));

    private JsonNode v1() {
        return assertOk(c.as(admin, "GET", "/v1/system/config", null)).at("/config");
    }

    private JsonNode v2() {
        return assertOk(c.as(admin, "GET", "/v2/system/config", null)).at("/config");
    }

    private Reply patchV1(String token, String body) {
        return c.as(token, "PATCH", "/v1/system/config", body);
    }

    private Reply patchV2(String body) {
        return c.as(admin, "PATCH", "/v2/system/config", body);
    }

    private void assertViewsAgree() {
        JsonNode v1 = v1();
        JsonNode v2 = v2();
        V2.forEach((field, pointer) -> assertThat(v2.at(pointer)).as("v2 %s against v1 %s", pointer, field)
                .isEqualTo(v1.path(field)));
    }

    @Test
    void theDefaultsAreNeuVectorsAndBothViewsAgree() {
        JsonNode v1 = v1();
        assertThat(v1.path("new_service_policy_mode").asText()).isEqualTo("Discover");
        assertThat(v1.path("unused_group_aging").asInt()).isEqualTo(24);
        assertThat(v1.path("syslog_port").asInt()).isEqualTo(514);
        assertThat(v1.path("syslog_level").asText()).isEqualTo("Info");
        assertThat(v1.path("cluster_name").asText()).isEqualTo("test-cluster");
        for (String field : V2.keySet()) {
            assertThat(v1.has(field)).as(field).isTrue();
        }
        assertViewsAgree();
    }

    @Test
    void whatV1WritesV2ShowsAndTheOtherWayRound() {
        assertOk(patchV1(admin, "{\"config\": {\"new_service_policy_mode\": \"Monitor\", \"syslog_ip\": \"10.0.0.5\","
                + " \"syslog_port\": 6514, \"syslog_ip_proto\": 6, \"syslog_status\": true, \"syslog_categories\": "
                + "[\"event\", \"audit\"], \"unused_group_aging\": 168, \"cluster_name\": \"prod\", \"xff_enabled\":"
                + " false, \"registry_https_proxy_status\": true, \"registry_https_proxy\": {\"url\": "
                + "\"https://proxy.example:3128\", \"username\": \"u\", \"password\": \"pw-v1-secret\"}}, "
                + "\"net_config\": {\"net_service_status\": true, \"net_service_policy_mode\": \"Protect\"}, "
                + "\"atmo_config\": {\"mode_auto_m2p\": true, \"mode_auto_m2p_duration\": 86400}}"));
        JsonNode v2 = v2();
        assertThat(v2.at("/new_svc/new_service_policy_mode").asText()).isEqualTo("Monitor");
        assertThat(v2.at("/syslog/syslog_port").asInt()).isEqualTo(6514);
        assertThat(v2.at("/misc/cluster_name").asText()).isEqualTo("prod");
        assertThat(v2.at("/proxy/registry_https_proxy/url").asText()).isEqualTo("https://proxy.example:3128");
        assertThat(v2.at("/mode_auto/mode_auto_m2p_duration").asInt()).isEqualTo(86400);
        assertThat(v1().path("net_service_policy_mode").asText()).isEqualTo("Protect");
        assertViewsAgree();

        assertOk(patchV2("{\"config_v2\": {\"svc_cfg\": {\"new_service_policy_mode\": \"Protect\", "
                + "\"new_service_profile_baseline\": \"basic\"}, \"syslog_cfg\": {\"syslog_level\": \"Warning\", "
                + "\"syslog_in_json\": true}, \"auth_cfg\": {\"auth_order\": [\"local\"]}, \"misc_cfg\": "
                + "{\"unused_group_aging\": 0, \"no_telemetry_report\": false}, \"scanner_autoscale_cfg\": "
                + "{\"strategy\": \"\", \"min_pods\": 1, \"max_pods\": 5}}, \"net_config\": {\"strict_group_mode\": "
                + "true, \"detect_unmanaged_wl\": true}, \"atmo_config\": {\"mode_auto_d2m\": true, "
                + "\"mode_auto_d2m_duration\": 3600}}"));
        JsonNode v1 = v1();
        assertThat(v1.path("new_service_policy_mode").asText()).isEqualTo("Protect");
        assertThat(v1.path("new_service_profile_baseline").asText()).isEqualTo("basic");
        assertThat(v1.path("syslog_level").asText()).isEqualTo("Warning");
        assertThat(v1.path("unused_group_aging").asInt()).isZero();
        assertThat(v1.path("strict_group_mode").asBoolean()).isTrue();
        assertThat(v1.at("/scanner_autoscale/max_pods").asInt()).isEqualTo(5);
        assertThat(v1.path("mode_auto_d2m").asBoolean()).isTrue();
        assertThat(v1.path("syslog_port").asInt()).as("what v2 did not send is kept").isEqualTo(6514);
        assertViewsAgree();
    }

    @Test
    void proxyPasswordsAreNeverShown() {
        assertOk(patchV1(admin, "{\"config\": {\"registry_http_proxy\": {\"url\": \"http://proxy.example:8080\", "
                + "\"username\": \"bob\", \"password\": \"pw-http-secret\"}}}"));
        assertOk(patchV2("{\"config_v2\": {\"proxy_cfg\": {\"registry_https_proxy\": {\"url\": "
                + "\"https://proxy.example:3128\", \"username\": \"eve\", \"password\": \"pw-https-secret\"}}}}"));
        String reader = ApiChecks.reader(c, admin);
        for (String token : List.of(admin, reader)) {
            for (String path : List.of("/v1/system/config", "/v2/system/config")) {
                String text = assertOk(c.as(token, "GET", path, null)).text();
                assertThat(text).as(path).contains("bob", "eve").doesNotContain("pw-http-secret", "pw-https-secret");
            }
        }
        JsonNode v1 = v1();
        assertThat(v1.at("/registry_http_proxy/password").asText()).isEmpty();
        assertThat(v1.at("/registry_https_proxy/password").asText()).isEmpty();
    }

    /** v1 bodies that must be refused with a 400. */
    static Stream<Arguments> badV1() {
        return Stream.of(
                Arguments.of("unused_group_aging over 168", "{\"config\": {\"unused_group_aging\": 169}}"),
                Arguments.of("negative unused_group_aging", "{\"config\": {\"unused_group_aging\": -1}}"),
                Arguments.of("syslog_port over 65535", "{\"config\": {\"syslog_port\": 65536}}"),
                Arguments.of("negative syslog_port", "{\"config\": {\"syslog_port\": -514}}"),
                Arguments.of("unknown syslog_ip_proto", "{\"config\": {\"syslog_ip_proto\": 5}}"),
                Arguments.of("unknown syslog_level", "{\"config\": {\"syslog_level\": \"Loud\"}}"),
                Arguments.of("unknown syslog category", "{\"config\": {\"syslog_categories\": [\"kernel\"]}}"),
                Arguments.of("unknown policy mode", "{\"config\": {\"new_service_policy_mode\": \"Enforce\"}}"),
                Arguments.of("unknown baseline", "{\"config\": {\"new_service_profile_baseline\": \"strict\"}}"),
                Arguments.of("unknown network mode", "{\"net_config\": {\"net_service_policy_mode\": \"Learn\"}}"),
                Arguments.of("d2m duration under an hour", "{\"atmo_config\": {\"mode_auto_d2m_duration\": 60}}"),
                Arguments.of("m2p duration over 30 days", "{\"atmo_config\": {\"mode_auto_m2p_duration\": 2592001}}"),
                Arguments.of("65-character cluster name", "{\"config\": {\"cluster_name\": \"%s\"}}".formatted(
                        "c".repeat(65))),
                Arguments.of("blank cluster name", "{\"config\": {\"cluster_name\": \"   \"}}"),
                Arguments.of("syslog_ip that is no host", "{\"config\": {\"syslog_ip\": \"bad host;rm -rf\"}}"),
                Arguments.of("rancher_ep that is no URL", "{\"config\": {\"rancher_ep\": \"javascript:alert(1)\"}}"),
                Arguments.of("proxy url that is no URL", "{\"config\": {\"registry_http_proxy\": {\"url\": \"not a "
                        + "url\", \"username\": \"\", \"password\": \"\"}}}"),
                Arguments.of("webhook without a url", "{\"config\": {\"webhooks\": [{\"name\": \"w\", \"url\": \"\","
                        + " \"enable\": true}]}}"),
                Arguments.of("federation settings", "{\"fed_config\": {\"shared_svc\": true}}"),
                Arguments.of("string for syslog_port", "{\"config\": {\"syslog_port\": \"514\"}}"),
                Arguments.of("fraction for unused_group_aging", "{\"config\": {\"unused_group_aging\": 1.5}}"),
                Arguments.of("string for syslog_status", "{\"config\": {\"syslog_status\": \"yes\"}}"),
                Arguments.of("over-long syslog_ip", "{\"config\": {\"syslog_ip\": \"%s.example\"}}".formatted(
                        "h".repeat(100_000))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badV1")
    void aBadV1ValueIsRefusedAndChangesNothing(String what, String body) {
        assertOk(patchV1(admin, "{\"config\": {\"syslog_ip\": \"10.0.0.5\", \"unused_group_aging\": 48}}"));
        JsonNode before = v1();
        assertBadRequest(patchV1(admin, body));
        assertThat(v1()).isEqualTo(before);
    }

    @Test
    void badV2ValuesAreRefusedAndChangeNothing() {
        JsonNode before = v2();
        for (String bad : List.of("{\"config_v2\": {\"misc_cfg\": {\"unused_group_aging\": 500}}}",
                "{\"config_v2\": {\"syslog_cfg\": {\"syslog_port\": 70000}}}",
                "{\"config_v2\": {\"svc_cfg\": {\"new_service_policy_mode\": \"Enforce\"}}}",
                "{\"config_v2\": {\"svc_cfg\": {\"new_service_policy_mode\": \"Monitor\"}, \"misc_cfg\": "
                        + "{\"cluster_name\": \"\"}}, \"atmo_config\": {\"mode_auto_m2p_duration\": 1}}",
                "{\"config_v2\": {\"syslog_cfg\": {\"syslog_level\": 3}}}",
                "{\"fed_config\": {}}")) {
            assertBadRequest(patchV2(bad));
        }
        assertThat(v2()).isEqualTo(before);
    }

    @Test
    void webhooksAreAddedChangedDeletedAndValidated() {
        String hook = "{\"config\": {\"name\": \"ops\", \"url\": \"https://hooks.example.com/ops\", \"enable\": true, "
                + "\"use_proxy\": false, \"type\": \"Slack\", \"cfg_type\": \"user_created\"}}";
        assertOk(c.as(admin, "POST", "/v1/system/config/webhook", hook));
        JsonNode hooks = v1().path("webhooks");
        assertThat(ApiChecks.each(hooks, "name")).containsExactly("ops");
        assertThat(hooks.at("/0/url").asText()).isEqualTo("https://hooks.example.com/ops");
        assertThat(hooks.at("/0/type").asText()).isEqualTo("Slack");
        assertThat(hooks.at("/0/enable").asBoolean()).isTrue();
        assertThat(hooks.at("/0/cfg_type").asText()).isEqualTo("user_created");
        assertThat(assertError(c.as(admin, "POST", "/v1/system/config/webhook", hook), 409).at("/code").asInt())
                .isEqualTo(13);

        assertOk(c.as(admin, "PATCH", "/v1/system/config/webhook/ops", hook.replace("Slack", "Teams")
                .replace("\"enable\": true", "\"enable\": false")));
        assertThat(v1().at("/webhooks/0/type").asText()).isEqualTo("Teams");
        assertThat(v1().at("/webhooks/0/enable").asBoolean()).isFalse();
        assertViewsAgree();

        JsonNode before = v1();
        assertError(c.as(admin, "PATCH", "/v1/system/config/webhook/ghost", hook.replace("\"ops\"", "\"ghost\"")), 404);
        assertError(c.as(admin, "DELETE", "/v1/system/config/webhook/ghost", null), 404);
        assertBadRequest(c.as(admin, "PATCH", "/v1/system/config/webhook/ops", hook.replace("\"ops\"", "\"other\"")));
        assertBadRequest(c.as(admin, "POST", "/v1/system/config/webhook", hook.replace("\"ops\"", "\"d\"")
                .replace("Slack", "Discord")));
        assertBadRequest(c.as(admin, "POST", "/v1/system/config/webhook", hook.replace("\"ops\"", "\"f\"")
                .replace("user_created", "federal")));
        assertBadRequest(c.as(admin, "POST", "/v1/system/config/webhook", hook.replace("\"ops\"", "\"u\"")
                .replace("https://hooks.example.com/ops", "file:///etc/passwd")));
        assertThat(v1()).isEqualTo(before);

        assertOk(c.as(admin, "DELETE", "/v1/system/config/webhook/ops", null));
        assertThat(v1().path("webhooks")).isEmpty();
    }

    @Test
    void aReaderReadsTheSettingsButChangesNothing() {
        String reader = ApiChecks.reader(c, admin);
        assertOk(c.as(reader, "GET", "/v1/system/config", null));
        assertOk(c.as(reader, "GET", "/v2/system/config", null));
        JsonNode before = v1();
        for (Reply r : List.of(patchV1(reader, "{\"config\": {\"unused_group_aging\": 1}}"),
                c.as(reader, "PATCH", "/v2/system/config", "{\"config_v2\": {\"misc_cfg\": {\"unused_group_aging\": "
                        + "1}}}"),
                c.as(reader, "POST", "/v1/system/config/webhook", "{\"config\": {\"name\": \"x\", \"url\": "
                        + "\"https://x.example\", \"type\": \"JSON\"}}"))) {
            assertError(r, 403);
        }
        assertThat(v1()).isEqualTo(before);
    }

    @Test
    void theSettingsAreGlobalSoANamespaceAdministratorGets403() {
        String anna = ApiChecks.namespaceAdmin(c, admin);
        assertError(c.as(anna, "GET", "/v1/system/config", null), 403);
        assertError(c.as(anna, "GET", "/v2/system/config", null), 403);
        assertError(patchV1(anna, "{\"config\": {\"unused_group_aging\": 1}}"), 403);
        assertThat(v1().path("unused_group_aging").asInt()).isEqualTo(24);
    }

    @Test
    void concurrentWebhookAdditionsLoseNothing() throws Exception {
        int writers = 8;
        ApiChecks.concurrently(writers, i -> c.as(admin, "POST", "/v1/system/config/webhook", ("{\"config\": "
                + "{\"name\": \"hook%d\", \"url\": \"https://hooks.example.com/%d\", \"enable\": true, \"use_proxy\": "
                + "false, \"type\": \"JSON\"}}").formatted(i, i)));
        assertThat(ApiChecks.each(v1().path("webhooks"), "name")).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, writers).mapToObj(i -> "hook" + i).toList());
    }
}
