package dev.bulwark.controller.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.runtime.TestNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The requests NeuVector's own command-line client (the Python {@code cli/} of neuvector/manager) sends, byte for
 * byte as its debug mode prints them (method, path, query, body), and every field it reads from each reply: a
 * missing one is a {@code KeyError} that kills the command. The command each request comes from is named above it.
 */
class NeuVectorCliContractTest extends ControllerTest {

    private Reply ok(String method, String path, String body) {
        Reply r = c.as(admin, method, path, body);
        assertThat(r.status()).as("%s %s: %s", method, path, r.text()).isEqualTo(200);
        return r;
    }

    /** Asserts that each field is present in the object (a null value counts as absent: the CLI formats them). */
    private static void has(JsonNode object, String... fields) {
        for (String f : fields) {
            assertThat(object.hasNonNull(f)).as("field '%s' in %s", f, object).isTrue();
        }
    }

    private static final String CREATE_SHOP_WEB = "{\"config\": {\"name\": \"shop-web\", \"criteria\": [{\"key\": "
            + "\"image\", \"value\": \"nginx\", \"op\": \"=\"}, {\"key\": \"domain\", \"value\": \"shop\", \"op\": "
            + "\"=\"}], \"cfg_type\": \"user_created\", \"monitor_metric\": false, \"group_sess_cur\": 0, "
            + "\"group_sess_rate\": 0, \"group_band_width\": 0}}";

    @Test
    void groupsKeepTheMetricsAndLabelCriteriaTheCliSends() {
        // create group shop-web --image nginx --domain shop
        ok("POST", "/v1/group", CREATE_SHOP_WEB);
        // set group shop-web setting --label app=web --monitor_metric enable --cur_sess 10 --sess_rate 5 --bandwidth 7
        ok("PATCH", "/v1/group/shop-web", "{\"config\": {\"name\": \"shop-web\", \"criteria\": [{\"key\": \"app\", "
                + "\"value\": \"web\", \"op\": \"=\"}], \"monitor_metric\": true, \"group_sess_cur\": 10, "
                + "\"group_sess_rate\": 5, \"group_band_width\": 7}}");
        // show group detail shop-web
        JsonNode g = ok("GET", "/v1/group/shop-web?with_cap=false", null).at("/group");
        has(g, "name", "learned", "policy_mode", "monitor_metric", "group_sess_cur", "group_sess_rate",
                "group_band_width", "criteria", "platform_role", "members", "policy_rules", "cfg_type");
        assertThat(g.get("monitor_metric").asBoolean()).isTrue();
        assertThat(List.of(g.get("group_sess_cur").asInt(), g.get("group_sess_rate").asInt(),
                g.get("group_band_width").asInt())).containsExactly(10, 5, 7);
        assertThat(g.at("/criteria/0/key").asText()).isEqualTo("app");
        // show group
        JsonNode listed = ok("GET", "/v1/group?start=0&limit=40", null).at("/groups");
        listed.forEach(x -> has(x, "name", "monitor_metric", "group_sess_cur", "group_sess_rate", "group_band_width",
                "cfg_type"));
        // a threshold left out keeps its value; one outside NeuVector's uint32 is refused
        ok("PATCH", "/v1/group/shop-web", "{\"config\": {\"name\": \"shop-web\", \"monitor_metric\": false}}");
        assertThat(ok("GET", "/v1/group/shop-web", null).at("/group/group_sess_rate").asInt()).isEqualTo(5);
        assertThat(c.as(admin, "PATCH", "/v1/group/shop-web", "{\"config\": {\"name\": \"shop-web\", "
                + "\"group_sess_cur\": -1}}").status()).isEqualTo(400);
    }

    @Test
    void unknownFieldsAreSkippedWhileKnownFieldsKeepTheirTypes() {
        Reply unknown = c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"g1\", \"criteria\": [{\"key\": "
                + "\"image\", \"value\": \"nginx\", \"op\": \"=\"}], \"field_of_a_newer_client\": {\"a\": [1, 2]}}, "
                + "\"top_level_extra\": 3}");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(200);
        assertThat(ok("GET", "/v1/group/g1", null).at("/group/criteria/0/value").asText()).isEqualTo("nginx");

        Reply wrongType = c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"g2\", \"criteria\": [{\"key\": "
                + "\"image\", \"value\": \"nginx\", \"op\": \"=\"}], \"monitor_metric\": \"yes\"}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.at("/message").asText()).startsWith("Invalid JSON");
        Reply wrongNumber = c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"g2\", \"criteria\": [{\"key\":"
                + " \"image\", \"value\": \"nginx\", \"op\": \"=\"}], \"group_sess_cur\": \"10\"}}");
        assertThat(wrongNumber.status()).isEqualTo(400);
        assertThat(c.as(admin, "GET", "/v1/group/g2", null).status()).isEqualTo(404);
        // the same in a nested request type and in the v2 system config's sections
        assertThat(c.as(admin, "PATCH", "/v1/password_profile/default", "{\"config\": {\"name\": \"default\", "
                + "\"min_len\": \"8\", \"new_knob\": 1}}").status()).isEqualTo(400);
        ok("PATCH", "/v2/system/config", "{\"config_v2\": {\"svc_cfg\": {\"new_service_policy_mode\": \"Monitor\"}, "
                + "\"future_cfg\": {\"x\": 1}}, \"future_top\": true}");
        assertThat(ok("GET", "/v1/system/config", null).at("/config/new_service_policy_mode").asText())
                .isEqualTo("Monitor");
    }

    @Test
    void admissionStateOptionsAndStatsCarryWhatTheCliReads() {
        // set admission state --enable --mode protect: the CLI reads the state, then sends it back changed
        JsonNode state = ok("GET", "/v1/admission/state", null).at("/state");
        has(state, "enable", "cfg_type", "mode", "default_action", "adm_client_mode", "adm_client_mode_options");
        assertThat(state.get("cfg_type").asText()).isEqualTo("user_created");
        for (String mode : List.of("service", "url")) {
            assertThat(state.at("/adm_client_mode_options/" + mode).asText()).contains("neuvector-svc-admission-webhook");
        }
        assertThat(state.get("adm_client_mode_options").has(state.get("adm_client_mode").asText())).isTrue();
        ok("PATCH", "/v1/admission/state", "{\"state\": {\"enable\": true, \"mode\": \"protect\", \"default_action\":"
                + " \"allow\", \"adm_client_mode\": \"service\", \"adm_svc_type\": \"ClusterIP\", "
                + "\"adm_client_mode_options\": {\"url\": \"https://neuvector-svc-admission-webhook.neuvector.svc:20443\","
                + " \"service\": \"neuvector-svc-admission-webhook.neuvector.svc\"}, \"ctrl_states\": {\"validate\": "
                + "true}, \"cfg_type\": \"user_created\"}}");
        assertThat(ok("GET", "/v1/admission/state", null).at("/state/mode").asText()).isEqualTo("protect");

        // create admission rule --criteria image:containsAny:nginx --comment "no nginx"
        ok("POST", "/v1/admission/rule", "{\"config\": {\"disable\": false, \"containers\": null, \"criteria\": "
                + "[{\"name\": \"image\", \"op\": \"containsAny\", \"value\": \"nginx\", \"sub_criteria\": null}], "
                + "\"comment\": \"no nginx\", \"category\": \"Kubernetes\", \"cfg_type\": \"user_created\", "
                + "\"rule_type\": \"deny\", \"id\": 0, \"rule_mode\": \"\"}}");

        // show admission rule options
        JsonNode reply = ok("GET", "/v1/admission/options", null).body();
        JsonNode options = reply.at("/admission_options");
        for (String type : List.of("deny_options", "exception_options")) {
            JsonNode rules = options.at("/" + type + "/k8s_options/rule_options");
            assertThat(rules.size()).as(type).isGreaterThan(20);
            rules.forEach(o -> {
                has(o, "name", "ops");
                o.path("sub_options").forEach(sub -> has(sub, "name", "ops"));
            });
        }
        JsonNode cveHigh = options.at("/deny_options/k8s_options/rule_options/cveHighCount");
        assertThat(cveHigh.at("/ops/0").asText()).isEqualTo(">=");
        assertThat(cveHigh.at("/sub_options/publishDays/ops/0").asText()).isEqualTo(">=");
        assertThat(options.at("/exception_options/k8s_options/rule_options/cveHighCount/ops").toString())
                .isEqualTo("[\"<=\",\">=\"]");
        assertThat(options.at("/exception_options/k8s_options/rule_options").has("saBindRiskyRole")).isFalse();
        options.at("/psp_collection").forEach(x -> has(x, "name", "op", "value"));
        assertThat(options.at("/psp_collection")).hasSize(6);
        assertThat(options.at("/pss_collections/restricted")).hasSize(5);
        assertThat(options.at("/pss_collections/baseline")).hasSize(10);
        reply.at("/admission_custom_criteria_options").forEach(x -> has(x, "ops", "valuetype"));
        assertThat(reply.at("/predefined_risky_roles").toString()).contains("risky_role_view_secret");

        // show admission stats
        JsonNode stats = ok("GET", "/v1/debug/admission_stats", null).at("/stats");
        has(stats, "k8s_allowed_requests", "k8s_denied_requests", "k8s_erroneous_requests", "k8s_ignored_requests",
                "k8s_processing_requests");
    }

    @Test
    void processProfilesShowTheBaselineAndTheRulesTheCliSets() {
        ok("POST", "/v1/group", CREATE_SHOP_WEB);
        // set process profile shop-web --name sh --path /bin/sh --user root --action deny
        ok("PATCH", "/v1/process_profile/shop-web", "{\"process_profile_config\": {\"group\": \"shop-web\", "
                + "\"process_change_list\": [{\"name\": \"sh\", \"path\": \"/bin/sh\", \"user\": \"root\", \"action\": "
                + "\"deny\", \"allow_update\": false}]}}");
        // show process profile group shop-web
        JsonNode p = ok("GET", "/v1/process_profile/shop-web", null).at("/process_profile");
        has(p, "group", "mode", "baseline", "process_list");
        JsonNode rule = p.at("/process_list/0");
        has(rule, "name", "path", "user", "action", "cfg_type", "uuid", "allow_update", "created_timestamp",
                "last_modified_timestamp");
        assertThat(rule.get("user").asText()).isEqualTo("root");
        // show process profile (the list, paged)
        ok("GET", "/v1/process_profile?start=0&limit=5", null).at("/process_profiles")
                .forEach(x -> has(x, "group", "mode", "baseline", "process_list"));
        // set process profile nodes --baseline basic; a custom group has no baseline to set, nodes only basic
        ok("PATCH", "/v1/process_profile/nodes", "{\"process_profile_config\": {\"group\": \"nodes\", \"baseline\": "
                + "\"basic\"}}");
        assertThat(ok("GET", "/v1/process_profile/nodes", null).at("/process_profile/baseline").asText())
                .isEqualTo("basic");
        assertThat(c.as(admin, "PATCH", "/v1/process_profile/nodes", "{\"process_profile_config\": {\"group\": "
                + "\"nodes\", \"baseline\": \"zero-drift\"}}").status()).isEqualTo(400);
        assertThat(c.as(admin, "PATCH", "/v1/process_profile/shop-web", "{\"process_profile_config\": {\"group\": "
                + "\"shop-web\", \"baseline\": \"basic\"}}").status()).isEqualTo(400);
        // delete process profile shop-web --name sh --path /bin/sh
        ok("PATCH", "/v1/process_profile/shop-web", "{\"process_profile_config\": {\"group\": \"shop-web\", "
                + "\"process_delete_list\": [{\"name\": \"sh\", \"path\": \"/bin/sh\", \"user\": \"\"}]}}");
        assertThat(ok("GET", "/v1/process_profile/shop-web", null).at("/process_profile/process_list")).isEmpty();
    }

    @Test
    void responseRulesChangeOneFieldAtATimeAndOptionsNameTheWebhooks() {
        ok("POST", "/v1/group", CREATE_SHOP_WEB);
        // create system webhook hook2 https://example.com/hook2 --type JSON
        ok("POST", "/v1/system/config/webhook", "{\"config\": {\"name\": \"hook2\", \"url\": "
                + "\"https://example.com/hook2\", \"enable\": true, \"type\": \"JSON\", \"use_proxy\": false, "
                + "\"cfg_type\": \"user_created\"}}");
        // create response rule --event security-event --group shop-web --condition level:Critical ...
        ok("PATCH", "/v1/response/rule?scope=local", "{\"insert\": {\"rules\": [{\"id\": 0, \"event\": "
                + "\"security-event\", \"actions\": [\"suppress-log\"], \"cfg_type\": \"user_created\", \"group\": "
                + "\"shop-web\", \"comment\": \"r1\", \"conditions\": [{\"type\": \"level\", \"value\": \"Critical\"}]}]}}");
        // set response rule 1 --comment r1b
        ok("PATCH", "/v1/response/rule/1", "{\"config\": {\"id\": 1, \"comment\": \"r1b\"}}");
        JsonNode rule = ok("GET", "/v1/response/rule/1", null).at("/rule");
        assertThat(List.of(rule.get("comment").asText(), rule.get("event").asText(), rule.get("group").asText()))
                .containsExactly("r1b", "security-event", "shop-web");
        // unset response rule group 1; unset response rule conditions 1
        ok("PATCH", "/v1/response/rule/1", "{\"config\": {\"id\": 1, \"group\": \"\"}}");
        ok("PATCH", "/v1/response/rule/1", "{\"config\": {\"id\": 1, \"conditions\": []}}");
        rule = ok("GET", "/v1/response/rule/1", null).at("/rule");
        assertThat(rule.get("group").asText()).isEmpty();
        assertThat(rule.get("conditions")).isEmpty();
        // show response rule options
        JsonNode options = ok("GET", "/v1/response/options?scope=local", null).body();
        options.at("/response_rule_options").forEach(o -> has(o, "types"));
        assertThat(options.at("/webhooks").toString()).isEqualTo("[\"hook2\"]");
        // set system webhook hook2 https://example.com/hook3 --type Slack; delete system webhook hook2
        ok("PATCH", "/v1/system/config/webhook/hook2", "{\"config\": {\"name\": \"hook2\", \"url\": "
                + "\"https://example.com/hook3\", \"enable\": true, \"type\": \"Slack\", \"use_proxy\": false, "
                + "\"cfg_type\": \"user_created\"}}");
        JsonNode hook = ok("GET", "/v1/system/config", null).at("/config/webhooks/0");
        has(hook, "name", "url", "type", "enable", "cfg_type", "use_proxy");
        assertThat(hook.get("url").asText()).isEqualTo("https://example.com/hook3");
        ok("DELETE", "/v1/system/config/webhook/hook2?scope=local", null);
        assertThat(c.as(admin, "DELETE", "/v1/system/config/webhook/hook2", null).status()).isEqualTo(404);
    }

    @Test
    void systemSettingsUnsetToNeuVectorsDefaultsAndShowWhatTheCliReads() {
        // set system new_service profile_baseline basic (the CLI title-cases the value)
        ok("PATCH", "/v1/system/config", "{\"config\": {\"new_service_profile_baseline\": \"Basic\"}}");
        // set system syslog server 10.0.0.5:1514, then unset system syslog server / cluster_name / syslog protocol
        ok("PATCH", "/v1/system/config", "{\"config\": {\"syslog_ip\": \"10.0.0.5\", \"syslog_port\": 1514}}");
        ok("PATCH", "/v1/system/config", "{\"config\": {\"syslog_ip\": \"\", \"syslog_port\": 0}}");
        ok("PATCH", "/v1/system/config", "{\"config\": {\"cluster_name\": \"\"}}");
        ok("PATCH", "/v1/system/config", "{\"config\": {\"syslog_ip_proto\": 0, \"syslog_server_cert\": \"\"}}");
        // show system setting
        JsonNode conf = ok("GET", "/v1/system/config", null).at("/config");
        has(conf, "syslog_ip", "syslog_port", "syslog_ip_proto", "syslog_server_cert", "webhooks", "remote_repositories",
                "scanner_autoscale", "new_service_profile_baseline");
        assertThat(conf.get("new_service_profile_baseline").asText()).isEqualTo("basic");
        assertThat(List.of(conf.get("syslog_port").asInt(), conf.get("syslog_ip_proto").asInt())).containsExactly(514, 17);
        assertThat(conf.get("cluster_name").asText()).isNotEmpty();
        assertThat(ok("GET", "/v2/system/config", null).at("/config/remote_repositories").isArray()).isTrue();
    }

    @Test
    void accountsAnswerTheCliPaths() {
        ok("POST", "/v1/group", CREATE_SHOP_WEB);
        ok("POST", "/v1/user", "{\"user\": {\"fullname\": \"alice\", \"password\": \"Al1ce-Pass!x\", \"email\": "
                + "\"alice@example.com\", \"role\": \"reader\", \"locale\": \"en\"}}");
        // set user local alice role admin --domain shop
        ok("PATCH", "/v1/user/alice/role/admin", "{\"config\": {\"fullname\": \"alice\", \"role\": \"admin\", "
                + "\"domains\": [\"shop\"]}}");
        assertThat(ok("GET", "/v1/user/alice", null).at("/user/role_domains/admin").toString()).isEqualTo("[\"shop\"]");
        assertThat(c.as(admin, "PATCH", "/v1/user/alice/role/admin", "{\"config\": {\"fullname\": \"alice\", "
                + "\"role\": \"reader\", \"domains\": [\"shop\"]}}").status()).isEqualTo(400);
        ok("PATCH", "/v1/user/alice/role/admin", "{\"config\": {\"fullname\": \"alice\", \"role\": \"admin\"}}");
        assertThat(ok("GET", "/v1/user/alice", null).at("/user/role_domains").has("admin")).isFalse();
        // show password_profile basic-rule: NeuVector's name for the active profile
        JsonNode p = ok("GET", "/v1/password_profile/nvsyspwdprofile", null).at("/pwd_profile");
        has(p, "min_len", "min_uppercase_count", "min_lowercase_count", "min_digit_count", "min_special_count");
        assertThat(c.as(admin, "PATCH", "/v1/password_profile/nvsyspwdprofile", "{\"config\": {\"name\": "
                + "\"nvsyspwdprofile\", \"min_len\": 8}}").status()).isEqualTo(404);
        // create apikey --global_role ciops --expiration_type never --description "ci key" ci-key
        JsonNode key = ok("POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"ci-key\", \"expiration_type\": "
                + "\"never\", \"expiration_hours\": 0, \"description\": \"ci key\", \"role\": \"ciops\"}}").at("/apikey");
        has(key, "apikey_name", "apikey_secret");
    }

    @Test
    void sensorRulesDomainsAndLogsHaveTheCliShapes() {
        ok("POST", "/v1/group", CREATE_SHOP_WEB);
        // create dlp sensor --comment test s1 rule r1 ~'secret[0-9]+'
        ok("POST", "/v1/dlp/sensor", "{\"config\": {\"name\": \"s1\", \"rules\": [{\"name\": \"r1\", \"patterns\": "
                + "[{\"key\": \"pattern\", \"value\": \"secret[0-9]+\", \"op\": \"regex\", \"context\": \"packet\"}]}],"
                + " \"comment\": \"test\", \"cfg_type\": \"user_created\"}}");
        for (String kind : List.of("dlp", "waf")) {
            // show dlp rule; show waf rule
            JsonNode rules = ok("GET", "/v1/" + kind + "/rule?start=0&limit=100", null).at("/rules");
            rules.forEach(r -> {
                has(r, "name", "id", "patterns");
                r.get("patterns").forEach(x -> has(x, "op", "value", "context"));
            });
        }
        // show dlp rule detail r1
        JsonNode detail = ok("GET", "/v1/dlp/rule/r1", null).at("/rule");
        assertThat(detail.at("/sensors").toString()).isEqualTo("[\"s1\"]");
        has(detail.at("/rules/0"), "name", "id", "patterns");
        assertThat(c.as(admin, "GET", "/v1/waf/rule/r1", null).status()).isEqualTo(404);

        // set domain entry shop --tag team=a; set domain tag_per_domain enable; show domain
        ok("PATCH", "/v1/domain/shop", "{\"config\": {\"name\": \"shop\", \"tags\": [\"team=a\"]}}");
        ok("PATCH", "/v1/domain/", "{\"config\": {\"tag_per_domain\": true}}");
        JsonNode domains = ok("GET", "/v1/domain", null).body();
        assertThat(domains.get("tag_per_domain").asBoolean()).isTrue();
        assertThat(domains.at("/domains/0/name").asText()).isEqualTo("shop");
        assertThat(domains.at("/domains/0/tags").toString()).isEqualTo("[\"team=a\"]");
        assertThat(c.as(admin, "PATCH", "/v1/domain/elsewhere", "{\"config\": {\"name\": \"elsewhere\", \"tags\": "
                + "[]}}").status()).isEqualTo(404);
        // show system summary
        JsonNode summary = ok("GET", "/v1/system/summary", null).at("/summary");
        has(summary, "domains", "hosts", "controllers", "enforcers", "disconnected_enforcers", "workloads",
                "running_workloads", "running_pods", "services", "policy_rules", "platform", "cvedb_version",
                "cvedb_create_time");
        assertThat(summary.get("domains").asInt()).isEqualTo(1);

        // show log audit / threat / violation / incident (paged as the CLI pages them)
        for (String log : List.of("audit", "threat", "violation", "incident")) {
            assertThat(ok("GET", "/v1/log/" + log + "?start=0&limit=20", null).at("/" + log + "s").isArray())
                    .as(log).isTrue();
        }
    }

    @Test
    void backupsAndGroupFilesFollowNeuVectorsExportAndImportTaskProtocol() {
        ok("POST", "/v1/group", CREATE_SHOP_WEB);
        // request export config --section user --section policy -f FILE: a multipart body, the file its part
        java.net.http.HttpResponse<byte[]> export = c.get(admin, "/v1/file/config?section=user,policy");
        assertThat(export.statusCode()).isEqualTo(200);
        String type = export.headers().firstValue("Content-Type").orElse("");
        assertThat(type).startsWith("multipart/form-data; boundary=");
        String boundary = type.replaceAll(".*boundary=([^;]+).*", "$1");
        byte[] file = part(export.body(), boundary);
        assertThat(file[0] & 0xff).as("gzip magic").isEqualTo(0x1f);

        // request import config FILE: the upload answers 206 with a task, a post of its id answers 200 with it
        Reply started = c.upload(admin, "/v1/file/config", "configuration", file);
        assertThat(started.status()).as(started.text()).isEqualTo(206);
        has(started.at("/data"), "tid", "percentage", "status", "temp_token");
        String tid = started.at("/data/tid").asText();
        Reply polled = c.call("POST", "/v1/file/config", null, "X-Auth-Token", admin, "X-Transaction-ID", tid);
        assertThat(polled.status()).as(polled.text()).isEqualTo(200);
        assertThat(polled.at("/data/status").asText()).isEqualTo("done");
        assertThat(c.call("POST", "/v1/file/config", null, "X-Auth-Token", admin, "X-Transaction-ID", "nope")
                .status()).isEqualTo(410);

        // request export group --name shop-web -f FILE, then request import group FILE (sent as text/plain)
        String yaml = ok("POST", "/v1/file/group", "{\"groups\": [\"shop-web\"], \"policy_mode\": \"\", "
                + "\"profile_mode\": \"\", \"use_name_referral\": false}").text();
        Reply imported = c.call("POST", "/v1/file/group/config?scope=local", yaml, "X-Auth-Token", admin,
                "Content-Type", "text/plain");
        assertThat(imported.status()).as(imported.text()).isEqualTo(206);
        Reply groupPoll = c.call("POST", "/v1/file/group/config?scope=local", null, "X-Auth-Token", admin,
                "X-Transaction-ID", imported.at("/data/tid").asText());
        assertThat(groupPoll.at("/data/status").asText()).isEqualTo("done");
        // a refused file is an error at once, as NeuVector's clients report any answer other than 206
        Reply refused = c.call("POST", "/v1/file/group/config?scope=local", "items: [", "X-Auth-Token", admin,
                "Content-Type", "text/plain");
        assertThat(refused.status()).isEqualTo(400);
    }

    /**
     * The runtime commands, as a real node's containers answer them: the requests of §3 of the field survey (the CLI
     * run against a logging server), and the keys each reply must hold for the CLI not to crash.
     */
    @Test
    void runtimeCommandsFindEveryKeyTheCliReads() throws Exception {
        try (TestNode node = TestNode.join(c, admin, "node-1")) {
            node.report(true, TestNode.workload("aa01", "web-1", "shop", "web", true),
                    TestNode.workload("aa02", "web-2", "shop", "web", false));
            node.incidents(java.util.Map.of("name", "Process.Profile.Violation", "level", "Warning", "workload_id",
                    "aa01", "workload_name", "web-1", "workload_domain", "shop", "remote_workload_name", "db-1",
                    "client_port", 40000, "server_port", 5432, "message", "connect"));
            List<dev.bulwark.link.model.ProcessEntry> nginx = List.of(new dev.bulwark.link.model.ProcessEntry(
                    "nginx", 1, 0, "root", 0, "nginx", "/usr/sbin/nginx", 1, 0, "allow"));
            node.answer("process", "aa01", nginx);
            node.answer("process_history", "aa01", nginx);
            // show container [-v pod -c/-i/-n/-d]
            JsonNode listed = ok("GET", "/v1/workload?s_name=asc&brief=False&view=pod&f_name=in,web&f_image=in,web"
                    + "&f_host_name=in,node&f_domain=in,shop&start=0&limit=40", null).at("/workloads");
            assertThat(listed).hasSize(2);
            for (JsonNode w : listed) {
                has(w, "id", "running", "interfaces", "applications", "labels", "ports", "name", "host_name", "image",
                        "service_group", "state", "platform_role", "started_at");
                has(w.at("/interfaces/eth0/0"), "ip", "ip_prefix");
                has(w.at("/ports/0"), "ip_proto", "port", "host_ip", "host_port");
            }
            // show container detail web-1: the name is not an id, so the CLI looks it up
            assertThat(c.as(admin, "GET", "/v1/workload/web-1", null).at("/code").asInt()).isEqualTo(7);
            assertThat(ok("GET", "/v1/workload?f_id=prefix,web-1&brief=True", null).at("/workloads")).isEmpty();
            String id = ok("GET", "/v1/workload?f_name=web-1&brief=True", null).at("/workloads/0/id").asText();
            has(ok("GET", "/v1/workload/" + id, null).at("/workload"), "id", "name", "display_name", "domain",
                    "host_name", "host_id", "enforcer_id", "image", "service_group", "state", "applications",
                    "created_at", "started_at", "finished_at", "running", "exit_code", "platform_role",
                    "network_mode", "interfaces", "ports", "labels", "memory_limit", "cpus");
            // show container process / process-history / stats / setting
            has(ok("GET", "/v1/workload/" + id + "/process", null).at("/processes/0"), "name", "pid", "parent",
                    "group", "session", "cmdline", "root", "action");
            has(ok("GET", "/v1/workload/" + id + "/process_history", null).at("/processes/0"), "name", "pid",
                    "parent", "cmdline", "status", "root", "action");
            JsonNode stats = ok("GET", "/v1/workload/" + id + "/stats", null).at("/stats");
            has(stats, "interval", "total", "span_1", "span_12", "span_60");
            has(ok("GET", "/v1/workload/" + id + "/config", null).at("/config"), "wire", "quarantine");
            // show node, show node detail
            JsonNode host = ok("GET", "/v1/host", null).at("/hosts/0");
            has(host, "id", "name", "runtime", "cpus", "memory", "containers", "interfaces", "runtime_version", "os",
                    "kernel");
            ok("GET", "/v1/host/" + host.path("id").asText(), null);
            // show enforcer, detail, stats, setting
            JsonNode enforcer = ok("GET", "/v1/enforcer", null).at("/enforcers/0");
            has(enforcer, "id", "name", "host_name", "version", "joined_at", "cluster_ip", "connection_state",
                    "disconnected_at", "nv_protect", "display_name", "created_at", "started_at", "memory_limit");
            String eid = ok("GET", "/v1/enforcer?f_name=enforcer-node-1&brief=True", null).at("/enforcers/0/id")
                    .asText();
            has(ok("GET", "/v1/enforcer/" + eid + "/stats", null).at("/stats"), "interval", "total", "span_1",
                    "span_12", "span_60");
            has(ok("GET", "/v1/enforcer/" + eid + "/config", null).at("/config"), "log_level", "debug");
            // show controller, detail, setting
            JsonNode controller = ok("GET", "/v1/controller", null).at("/controllers/0");
            has(controller, "id", "name", "host_name", "version", "joined_at", "cluster_ip", "leader",
                    "connection_state", "disconnected_at", "display_name", "created_at", "started_at");
            has(ok("GET", "/v1/controller/" + controller.path("id").asText() + "/config", null).at("/config"),
                    "log_level", "debug");
            // show service, show service detail, set service ... policy-mode, create service
            JsonNode svc = ok("GET", "/v1/service?with_cap=False&start=0&limit=40", null).at("/services/0");
            has(svc, "name", "policy_mode", "profile_mode", "members", "policy_rules", "platform_role",
                    "ingress_exposure", "egress_exposure", "baseline_profile");
            has(ok("GET", "/v1/service/web.shop?with_cap=False", null).at("/service/members/0"), "id", "name",
                    "state");
            ok("PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"web.shop\"], \"policy_mode\": "
                    + "\"Monitor\", \"baseline_profile\": null}}");
            ok("PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"web.shop\"], \"policy_mode\": "
                    + "\"Protect\", \"profile_mode\": \"Monitor\", \"baseline_profile\": \"basic\"}}");
            ok("PATCH", "/v1/service/config/network", "{\"config\": {\"services\": [\"web.shop\"], "
                    + "\"policy_mode\": \"Protect\"}}");
            ok("PATCH", "/v1/service/config/profile", "{\"config\": {\"services\": [\"web.shop\"], "
                    + "\"profile_mode\": \"Protect\", \"baseline_profile\": null}}");
            ok("POST", "/v1/service", "{\"config\": {\"name\": \"pay\", \"domain\": \"shop\"}}");
            ok("POST", "/v1/service", "{\"config\": {\"name\": \"cart\", \"domain\": \"shop\", \"policy_mode\":"
                    + " \"Protect\", \"profile_mode\": \"Monitor\", \"baseline_profile\": null}}");
            JsonNode cart = ok("GET", "/v1/service/cart.shop?with_cap=False", null).at("/service");
            has(cart, "members", "policy_rules", "policy_mode", "profile_mode");
            // show system summary, show log incident
            has(ok("GET", "/v1/system/summary", null).at("/summary"), "domains", "hosts", "controllers",
                    "enforcers", "disconnected_enforcers", "workloads", "running_workloads", "running_pods",
                    "services", "policy_rules", "platform", "cvedb_version", "cvedb_create_time");
            JsonNode incident = ok("GET", "/v1/log/incident?start=0&limit=20", null).at("/incidents/0");
            has(incident, "reported_at", "name", "level", "host_name", "workload_name", "message");
            assertThat(incident.path("client_port").isInt() && incident.path("server_port").isInt()).isTrue();
        }
    }

    /** The content of the one part of a multipart body. */
    private static byte[] part(byte[] body, String boundary) {
        String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("--" + boundary + "\r\n").contains("name=\"configuration\"")
                .endsWith("\r\n--" + boundary + "--\r\n");
        int start = text.indexOf("\r\n\r\n") + 4;
        int end = text.lastIndexOf("\r\n--" + boundary + "--");
        return java.util.Arrays.copyOfRange(body, start, end);
    }
}
