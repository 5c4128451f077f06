package dev.bulwark.controller.runtime;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static dev.bulwark.controller.ApiChecks.each;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.link.model.ProcessEntry;
import dev.bulwark.link.model.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/workload} and {@code /v2/workload} over containers two real nodes report through the link: the
 * fields NeuVector's CLI reads, the query parameters it sends, processes asked of the node, the refusals.
 */
class WorkloadApiTest extends ControllerTest {

    static final Workload WEB_1 = TestNode.workload("aa01", "web-1", "shop", "web", true);
    static final Workload WEB_2 = TestNode.workload("aa02", "web-2", "shop", "web", true);
    static final Workload OLD_1 = TestNode.workload("aa03", "old-1", "shop", "web", false);
    static final Workload DB_1 = TestNode.workload("bb01", "db-1", "vault", "db", true);
    static final Workload API_1 = TestNode.workload("cc01", "api-1", "", "api", true);

    TestNode one;
    TestNode two;

    @BeforeEach
    void nodes() throws Exception {
        one = TestNode.join(c, admin, "node-1");
        one.report(true, WEB_1, WEB_2, OLD_1, DB_1);
        two = TestNode.join(c, admin, "node-2");
        two.report(true, API_1);
    }

    @AfterEach
    void closeNodes() {
        one.close();
        two.close();
    }

    private JsonNode get(String path) {
        return assertOk(c.as(admin, "GET", path, null)).body();
    }

    private static JsonNode byId(JsonNode list, String id) {
        for (JsonNode w : list) {
            if (w.path("id").asText().equals(id)) {
                return w;
            }
        }
        throw new AssertionError(id + " not in " + list);
    }

    @Test
    void listsEveryContainerWithTheFieldsTheCliReadsAndWhatOnlyTheControllerKnows() {
        // show container: GET /v1/workload?brief=False&start=0&limit=40
        JsonNode all = get("/v1/workload?brief=False&start=0&limit=40").path("workloads");
        assertThat(each(all, "name")).containsExactly("api-1", "db-1", "old-1", "web-1", "web-2");
        JsonNode web = byId(all, "aa01");
        assertThat(web.at("/interfaces/eth0/0/ip").isTextual()).isTrue();
        assertThat(web.at("/interfaces/eth0/0/ip_prefix").asInt()).isEqualTo(16);
        assertThat(web.at("/ports/0/ip_proto").asInt()).isEqualTo(6);
        assertThat(web.at("/ports/0/host_port").asInt()).isEqualTo(30080);
        assertThat(web.at("/ports/0/host_ip").asText()).isEqualTo("0.0.0.0");
        assertThat(web.at("/labels/app").asText()).isEqualTo("web");
        assertThat(web.path("applications").isArray()).isTrue();
        assertThat(web.path("children").isArray()).isTrue();
        assertThat(web.path("running").asBoolean()).isTrue();
        assertThat(web.path("host_name").asText()).isEqualTo("node-1");
        assertThat(web.path("host_id").asText()).isEqualTo("node-1:machine-1");
        assertThat(web.path("enforcer_id").asText()).isEqualTo(one.id());
        assertThat(web.path("enforcer_name").asText()).isEqualTo("enforcer-node-1");
        assertThat(web.path("service_group").asText()).isEqualTo("nv.web.shop");
        assertThat(web.path("state").asText()).isEqualTo("discover");
        assertThat(List.of(web.path("policy_mode").asText(), web.path("profile_mode").asText(),
                web.path("baseline_profile").asText())).containsExactly("Discover", "Discover", "zero-drift");
        assertThat(web.path("cap_change_mode").asBoolean()).isTrue();
        assertThat(web.path("cap_quarantine").asBoolean()).isTrue();
        assertThat(web.path("secured_at").asText()).isEqualTo("2026-01-01T10:00:01Z");
        assertThat(web.at("/scan_summary/high").asInt()).isZero();
        assertThat(byId(all, "aa03").path("state").asText()).isEqualTo("exit");
        assertThat(byId(all, "aa03").path("exit_code").asInt()).isEqualTo(137);

        // show container -b: brief items, whatever the case of the flag
        JsonNode brief = get("/v1/workload?brief=True&start=0&limit=40").path("workloads");
        assertThat(each(brief, "id")).hasSize(5);
        assertThat(brief.get(0).has("service")).isTrue();
        assertThat(brief.get(0).has("enforcer_id")).as("brief items have no runtime attributes").isFalse();
        assertThat(get("/v1/workload?brief=TRUE").at("/workloads/0").has("interfaces")).isFalse();
        assertThat(get("/v1/workload?brief=no").at("/workloads/0").has("interfaces")).isTrue();
    }

    @Test
    void filtersSortsAndPagesAsTheCliAsks() {
        assertThat(each(get("/v1/workload?s_name=asc&brief=False&f_name=in,web&start=0&limit=40")
                .path("workloads"), "name")).containsExactly("web-1", "web-2");
        assertThat(each(get("/v1/workload?f_host_name=in,node-2").path("workloads"), "name"))
                .containsExactly("api-1");
        assertThat(each(get("/v1/workload?f_domain=in,vault").path("workloads"), "name")).containsExactly("db-1");
        assertThat(each(get("/v1/workload?s_name=desc").path("workloads"), "name"))
                .containsExactly("web-2", "web-1", "old-1", "db-1", "api-1");
        assertThat(each(get("/v1/workload?start=1&limit=2").path("workloads"), "name"))
                .containsExactly("db-1", "old-1");
        assertThat(get("/v1/workload?start=40&limit=40").path("workloads")).isEmpty();
        // the CLI's name lookup: by id prefix, then by name, brief
        assertThat(each(get("/v1/workload?f_id=prefix,aa0&brief=True").path("workloads"), "id"))
                .containsExactly("aa03", "aa01", "aa02");
        assertThat(each(get("/v1/workload?f_name=db-1&brief=True").path("workloads"), "id")).containsExactly("bb01");
        assertThat(each(get("/v2/workload?f_name=db-1").path("workloads"), "brief"))
                .as("v2 filters read the v1 fields").hasSize(1);
        assertBadRequest(c.as(admin, "GET", "/v1/workload?limit=many", null));
    }

    @Test
    void podViewListsTheContainersThatShareAPodsNetworkUnderIt() throws Exception {
        Workload sidecar = new Workload("aa09", "web-1-sidecar", "web-1-sidecar", "web-1-pod", "shop", "envoy:1",
                "sha256:e", "web", "nv.web.shop", "", Map.of(), "running", "", "", "", 0, false, false,
                "container:aa01", Map.of(), List.of(), 0, "", "aa01");
        one.report(false, sidecar);
        JsonNode pods = get("/v1/workload?view=pod").path("workloads");
        assertThat(each(pods, "id")).doesNotContain("aa09");
        assertThat(each(byId(pods, "aa01").path("children"), "id")).containsExactly("aa09");
        assertThat(each(get("/v1/workload").path("workloads"), "id")).contains("aa09");
        assertThat(each(get("/v1/workload?view=pod&brief=true").path("workloads"), "id")).doesNotContain("aa09");
        assertThat(get("/v1/workload/aa01?view=pod").at("/workload/children/0/id").asText()).isEqualTo("aa09");
        assertThat(get("/v1/workload/aa01").at("/workload/children")).isEmpty();
    }

    @Test
    void detailAndVersionTwoNestTheSameFields() {
        assertOk(c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"web-label\", \"criteria\": [{\"key\":"
                + " \"app\", \"value\": \"web\", \"op\": \"=\"}]}}"));
        JsonNode d = get("/v1/workload/aa01").path("workload");
        assertThat(d.path("name").asText()).isEqualTo("web-1");
        assertThat(d.path("groups").toString()).isEqualTo("[\"nv.web.shop\",\"web-label\",\"containers\"]");
        assertThat(get("/v1/workload/bb01").path("workload").path("groups").toString())
                .isEqualTo("[\"nv.db.vault\",\"containers\"]");
        // a group's detail lists its running containers; the list, cached until the policy changes, none
        assertThat(each(get("/v1/group/web-label").at("/group/members"), "id")).containsExactly("aa01", "aa02");
        assertThat(each(get("/v1/group/nv.db.vault").at("/group/members"), "id")).containsExactly("bb01");
        assertThat(get("/v1/group").path("groups").findValues("members")).allMatch(JsonNode::isEmpty);
        assertThat(d.path("app_ports").isObject()).isTrue();
        assertThat(d.path("interfaces").isObject()).isTrue();
        assertThat(d.path("enforcer_id").asText()).isEqualTo(one.id());

        JsonNode v2 = get("/v2/workload/aa01").path("workload");
        assertThat(v2.at("/brief/id").asText()).isEqualTo("aa01");
        assertThat(v2.at("/brief/host_name").asText()).isEqualTo("node-1");
        assertThat(v2.at("/security/policy_mode").asText()).isEqualTo("Discover");
        assertThat(v2.at("/rt_attributes/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(v2.at("/misc/groups/0").asText()).isEqualTo("nv.web.shop");
        assertThat(v2.path("enforcer_name").asText()).isEqualTo("enforcer-node-1");

        JsonNode list = get("/v2/workload").path("workloads");
        assertThat(list).hasSize(5);
        assertThat(list.get(0).at("/brief/name").asText()).isEqualTo("api-1");
        assertThat(list.get(0).has("rt_attributes")).isTrue();
        assertThat(get("/v2/workload?brief=true").at("/workloads/0/name").asText()).as("brief is v1's in v2 too")
                .isEqualTo("api-1");
        Reply some = assertOk(c.as(admin, "POST", "/v2/workload", "{\"ids\": [\"bb01\", \"aa02\", \"zz\"]}"));
        assertThat(some.at("/workloads").findValuesAsText("id")).containsExactly("bb01", "aa02");
        assertBadRequest(c.as(admin, "POST", "/v2/workload", "{\"ids\": \"bb01\"}"));
        assertBadRequest(c.as(admin, "POST", "/v2/workload", "{}"));
        assertBadRequest(c.as(admin, "POST", "/v2/workload", "{\"ids\": [\"a\""));
    }

    @Test
    void anUnknownContainerIsObjectNotFoundEverywhere() {
        for (String path : List.of("/v1/workload/nope", "/v2/workload/nope", "/v1/workload/nope/process",
                "/v1/workload/nope/process_history", "/v1/workload/nope/stats", "/v1/workload/nope/config")) {
            Reply r = assertError(c.as(admin, "GET", path, null), 404);
            assertThat(r.at("/code").asInt()).as(path).isEqualTo(7);
        }
        assertThat(assertError(c.as(admin, "PATCH", "/v1/workload/nope", "{\"config\": {\"wire\": \"inline\"}}"),
                404).at("/code").asInt()).isEqualTo(7);
    }

    @Test
    void processesAreAskedOfTheContainersNode() throws Exception {
        one.answer("process", "aa01", List.of(
                new ProcessEntry("sh", 12, 1, "app", 1000, "sh -c run", "/bin/sh", 1_700_000_100L, 0, "allow"),
                new ProcessEntry("nginx", 1, 0, "root", 0, "nginx -g daemon off;", "/usr/sbin/nginx",
                        1_700_000_000L, 0, "allow")));
        JsonNode procs = get("/v1/workload/aa01/process").path("processes");
        assertThat(each(procs, "name")).as("oldest first").containsExactly("nginx", "sh");
        JsonNode nginx = procs.get(0);
        assertThat(nginx.path("pid").asInt()).isEqualTo(1);
        assertThat(nginx.path("root").asBoolean()).isTrue();
        assertThat(nginx.path("cmdline").asText()).isEqualTo("nginx -g daemon off;");
        assertThat(nginx.path("status").asText()).isEqualTo("running");
        assertThat(nginx.path("start_timestamp").asLong()).isEqualTo(1_700_000_000L);
        assertThat(procs.get(1).path("root").asBoolean()).isFalse();
        for (String field : List.of("parent", "group", "session", "user", "action")) {
            assertThat(nginx.has(field)).as(field).isTrue();
        }

        one.answer("process_history", "aa03", List.of(new ProcessEntry("java", 7, 1, "app", 1000, "java -jar a",
                "/usr/bin/java", 1_700_000_000L, 1_700_000_500L, "allow")));
        assertThat(get("/v1/workload/aa03/process_history").at("/processes/0/status").asText()).isEqualTo("exited");
        Reply stopped = assertBadRequest(c.as(admin, "GET", "/v1/workload/aa03/process", null));
        assertThat(stopped.at("/code").asInt()).as(stopped.text()).isEqualTo(22);

        Reply failed = assertError(c.as(admin, "GET", "/v1/workload/aa02/process", null), 500);
        assertThat(failed.at("/code").asInt()).isEqualTo(24);
        assertThat(failed.at("/message").asText()).contains("no such container");
    }

    @Test
    void aContainerWhoseNodeLeftIsUnmanagedAndItsProcessesCannotBeAsked() throws Exception {
        two.close();
        Patience.await(() -> get("/v1/workload/cc01").at("/workload/state").asText().equals("unmanaged"),
                () -> "cc01 unmanaged: " + get("/v1/workload/cc01"));
        Reply r = assertError(c.as(admin, "GET", "/v1/workload/cc01/process", null), 503);
        assertThat(r.at("/code").asInt()).isEqualTo(24);
        assertThat(r.at("/message").asText()).contains("not connected");
    }

    @Test
    void statsAreNotMeasuredAndSettingsAreReadStrictly() {
        JsonNode stats = get("/v1/workload/aa01/stats");
        assertThat(stats.path("id").asText()).isEqualTo("aa01");
        assertThat(stats.path("read_at").asText()).isNotEmpty();
        assertThat(stats.at("/stats/interval").asInt()).isEqualTo(5);
        for (String span : List.of("total", "span_1", "span_12", "span_60")) {
            JsonNode m = stats.at("/stats/" + span);
            assertThat(m.path("cpu").isNumber() && m.path("memory").isNumber() && m.path("byte_in").isNumber())
                    .as(span).isTrue();
        }
        JsonNode config = get("/v1/workload/aa01/config").path("config");
        assertThat(config.path("wire").asText()).isEqualTo("default");
        assertThat(config.path("quarantine").asBoolean()).isFalse();

        Reply inline = assertBadRequest(c.as(admin, "PATCH", "/v1/workload/aa01",
                "{\"config\": {\"wire\": \"inline\"}}"));
        assertThat(inline.at("/code").asInt()).isEqualTo(4);
        assertThat(assertBadRequest(c.as(admin, "PATCH", "/v1/workload/aa01", "{\"config\": {\"quarantine\": "
                + "\"yes\"}}")).at("/message").asText()).startsWith("Invalid JSON");
        assertBadRequest(c.as(admin, "PATCH", "/v1/workload/aa01", "{\"config\": {\"wire\": 1}}"));
        assertBadRequest(c.as(admin, "PATCH", "/v1/workload/aa01", "not json"));
        assertError(c.as(admin, "PATCH", "/v1/workload/aa01", "{\"config\": {\"wire\": \"" + "x".repeat(2 << 20)
                + "\"}}"), 413);
    }

    @Test
    void aNamespaceUserSeesOnlyItsNamespacesContainersAndIncidents() throws Exception {
        one.incidents(Map.of("name", "Process.Profile.Violation", "level", "Warning", "workload_id", "aa01",
                "workload_name", "web-1", "workload_domain", "shop", "message", "in shop"),
                Map.of("name", "Process.Profile.Violation", "level", "Warning", "workload_id", "bb01",
                        "workload_name", "db-1", "workload_domain", "vault", "message", "in vault"),
                Map.of("name", "Host.Process.Violation", "level", "Warning", "message", "on the host"));
        String shop = ApiChecks.user(c, admin, "sam", "", "{\"reader\": [\"shop\"]}");

        Reply mine = assertOk(c.as(shop, "GET", "/v1/workload", null));
        assertThat(each(mine.at("/workloads"), "name")).containsExactly("old-1", "web-1", "web-2");
        assertThat(assertOk(c.as(shop, "GET", "/v2/workload", null)).at("/workloads")).hasSize(3);
        assertOk(c.as(shop, "GET", "/v1/workload/aa01", null));
        assertThat(assertError(c.as(shop, "GET", "/v1/workload/bb01", null), 404).at("/code").asInt())
                .isEqualTo(7);
        assertError(c.as(shop, "GET", "/v1/workload/cc01/process", null), 404);
        assertThat(assertOk(c.as(shop, "POST", "/v2/workload", "{\"ids\": [\"bb01\", \"aa01\"]}"))
                .at("/workloads/0/brief/id").asText()).isEqualTo("aa01");
        assertThat(assertOk(c.as(shop, "POST", "/v2/workload", "{\"ids\": [\"bb01\", \"aa01\"]}"))
                .at("/workloads")).hasSize(1);
        assertError(c.as(shop, "PATCH", "/v1/workload/aa01", "{\"config\": {\"quarantine\": true}}"), 403);
        assertError(c.as(shop, "GET", "/v1/host", null), 403);
        assertError(c.as(shop, "GET", "/v1/enforcer", null), 403);

        Reply incidents = assertOk(c.as(shop, "GET", "/v1/log/incident", null));
        assertThat(incidents.at("/incidents").findValuesAsText("message")).containsExactly("in shop");
        assertThat(assertOk(c.as(shop, "GET", "/v1/log/security", null)).at("/incidents")
                .findValuesAsText("message")).containsExactly("in shop");
        assertThat(get("/v1/log/incident").path("incidents").findValuesAsText("message"))
                .containsExactlyInAnyOrder("in shop", "in vault", "on the host");
        assertThat(get("/v1/log/incident").at("/incidents/0/enforcer_name").asText()).isEqualTo("enforcer-node-1");
    }
}
