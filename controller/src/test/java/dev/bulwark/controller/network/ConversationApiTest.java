package dev.bulwark.controller.network;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static dev.bulwark.controller.ApiChecks.each;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.runtime.TestNode;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.Workload;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network graph and violations through the real HTTP server, fed by a node that reports connections over the
 * link: NeuVector's shapes, Discover's learned rules, Monitor's violations, the deletes, a namespace user's view,
 * and hostile requests.
 */
class ConversationApiTest extends ControllerTest {

    static final Workload WEB = TestNode.workload("aa01", "web-1", "shop", "web", true);
    static final Workload DB = TestNode.workload("bb01", "db-1", "vault", "db", true);
    static final String OUTSIDE = "93.184.216.34";

    TestNode node;

    @BeforeEach
    void report() throws Exception {
        node = TestNode.join(c, admin, "node-1");
        node.report(true, WEB, DB);
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    static String ip(Workload w) {
        return w.interfaces().get("eth0").getFirst().ip();
    }

    /** What the web container's node reports: HTTP to the database, and SSL to a named outside server. */
    private void webTraffic() throws InterruptedException {
        node.connections(new Connection("aa01", false, ip(WEB), ip(DB), 8080, 6, "HTTP", "", "open", 0, 3, 3000,
                1_767_261_600L, 1_767_261_660L),
                new Connection("bb01", true, ip(WEB), ip(DB), 8080, 6, "HTTP", "", "open", 0, 3, 3000, 1, 1),
                new Connection("aa01", false, ip(WEB), OUTSIDE, 443, 6, "SSL", "www.example.com", "open", 0, 1, 10,
                        1_767_261_600L, 1_767_261_600L));
    }

    private JsonNode get(String token, String path) {
        return assertOk(c.as(token, "GET", path, null)).body();
    }

    private void monitor(String... services) {
        assertOk(c.as(admin, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [%s], \"policy_mode\": "
                .formatted(String.join(",", List.of(services).stream().map(s -> "\"" + s + "\"").toList()))
                + "\"Monitor\"}}"));
    }

    private static JsonNode byId(JsonNode list, String id) {
        for (JsonNode e : list) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError(id + " not in " + list);
    }

    @Test
    void theGraphInNeuVectorsShapesAndWhatDiscoverLearned() throws Exception {
        webTraffic();
        JsonNode all = get(admin, "/v1/conversation");
        assertThat(each(all.path("endpoints"), "id")).containsExactlyInAnyOrder("aa01", "bb01", "external");
        JsonNode web = byId(all.path("endpoints"), "aa01");
        assertThat(web.path("kind").asText()).isEqualTo("container");
        assertThat(web.path("display_name").asText()).isEqualTo("web-1");
        assertThat(web.path("service_group").asText()).isEqualTo("nv.web.shop");
        assertThat(web.path("policy_mode").asText()).isEqualTo("Discover");
        JsonNode external = byId(all.path("endpoints"), "external");
        assertThat(external.path("kind").asText()).isEqualTo("external");
        assertThat(external.path("name").asText()).isEqualTo("External Network");
        assertThat(external.path("service_group").asText()).isEqualTo("external");

        JsonNode toDb = null;
        for (JsonNode conv : all.path("conversations")) {
            if (conv.path("to").asText().equals("bb01")) {
                toDb = conv;
            }
        }
        assertThat(all.path("conversations")).hasSize(2);
        assertThat(toDb).isNotNull();
        assertThat(toDb.path("from").asText()).isEqualTo("aa01");
        assertThat(toDb.path("sessions").asInt()).as("the server's ingress is not counted again").isEqualTo(3);
        assertThat(toDb.path("bytes").asInt()).isEqualTo(3000);
        assertThat(toDb.path("policy_action").asText()).isEqualTo("allow");
        assertThat(toDb.path("severity").asText()).isEmpty();
        assertThat(toDb.path("protocols")).extracting(JsonNode::asText).containsExactly("tcp");
        assertThat(toDb.path("applications")).extracting(JsonNode::asText).containsExactly("HTTP");
        assertThat(toDb.at("/entries/0/application").asText()).isEqualTo("HTTP");
        assertThat(toDb.at("/entries/0/client_ip").asText()).isEqualTo(ip(WEB));
        assertThat(toDb.at("/entries/0/last_seen_at").asLong()).isEqualTo(1_767_261_660L);

        JsonNode verbose = get(admin, "/v1/conversation?verbose=True");
        assertThat(verbose.at("/conversations/0/from/id").isTextual()).isTrue();
        assertThat(verbose.at("/conversations/0/from/kind").isTextual()).isTrue();
        // the CLI's show conversation: verbose=False&group=...
        assertThat(get(admin, "/v1/conversation?verbose=False").at("/conversations/0/from").isTextual()).isTrue();
        JsonNode ofDb = get(admin, "/v1/conversation?verbose=False&f_group=nv.db.vault");
        assertThat(ofDb.path("conversations")).extracting(x -> x.path("to").asText()).containsExactly("bb01");
        assertThat(get(admin, "/v1/conversation?f_group=external").path("conversations"))
                .extracting(x -> x.path("to").asText()).containsExactly("external");
        assertThat(get(admin, "/v1/conversation?f_group=containers").path("conversations")).hasSize(2);
        assertError(c.as(admin, "GET", "/v1/conversation?f_group=nope", null), 404);

        JsonNode detail = get(admin, "/v1/conversation/aa01/bb01").path("conversation");
        assertThat(detail.at("/from/id").asText()).isEqualTo("aa01");
        assertThat(detail.at("/to/id").asText()).isEqualTo("bb01");
        JsonNode entry = detail.at("/entries/0");
        assertThat(entry.path("port").asText()).isEqualTo("tcp/8080");
        assertThat(entry.path("application").asText()).isEqualTo("HTTP");
        assertThat(entry.path("policy_action").asText()).isEqualTo("allow");
        assertThat(entry.path("last_seen_at").asText()).isEqualTo("2026-01-01T10:01:00Z");
        int learned = entry.path("policy_id").asInt();
        assertThat(learned).isGreaterThanOrEqualTo(10_000);

        JsonNode rule = get(admin, "/v1/policy/rule/" + learned).path("rule");
        assertThat(rule.path("from").asText()).isEqualTo("nv.web.shop");
        assertThat(rule.path("to").asText()).isEqualTo("nv.db.vault");
        assertThat(rule.path("cfg_type").asText()).isEqualTo("learned");
        assertThat(rule.path("ports").asText()).isEqualTo("tcp/8080");
        assertThat(rule.path("applications")).extracting(JsonNode::asText).containsExactly("HTTP");
        JsonNode toExternal = get(admin, "/v1/conversation/aa01/external").path("conversation");
        assertThat(toExternal.at("/entries/0/fqdn").asText()).isEqualTo("www.example.com");

        assertThat(get(admin, "/v1/workload/bb01").at("/workload/applications")).extracting(JsonNode::asText)
                .containsExactly("HTTP");
        assertThat(get(admin, "/v1/workload/bb01").at("/workload/app_ports/tcp~18080").asText()).isEqualTo("HTTP");
        assertThat(get(admin, "/v2/workload/bb01").at("/workload/rt_attributes/applications"))
                .extracting(JsonNode::asText).containsExactly("HTTP");
        assertThat(get(admin, "/v1/workload?brief=false").path("workloads").findValues("applications"))
                .extracting(JsonNode::size).containsExactlyInAnyOrder(0, 1);

        JsonNode endpoints = get(admin, "/v1/conversation_endpoint").path("endpoints");
        assertThat(each(endpoints, "id")).containsExactlyInAnyOrder("aa01", "bb01", "external");
        assertThat(get(admin, "/v1/conversation_endpoint?f_kind=external").path("endpoints")).hasSize(1);
        assertThat(get(admin, "/v1/conversation_endpoint?start=1&limit=1").path("endpoints")).hasSize(1);
        assertThat(get(admin, "/v1/log/violation").path("violations")).isEmpty();
    }

    @Test
    void monitorLogsViolationsPerPairAndCountsThemPerContainer() throws Exception {
        monitor("web.shop", "db.vault");
        webTraffic();
        webTraffic();
        JsonNode violations = get(admin, "/v1/log/violation").path("violations");
        assertThat(violations).hasSize(2);
        JsonNode toDb = violations.get(0).path("server_id").asText().equals("bb01") ? violations.get(0)
                : violations.get(1);
        assertThat(toDb.path("name").asText()).isEqualTo("Network.Violation");
        assertThat(toDb.path("policy_action").asText()).isEqualTo("violate");
        assertThat(toDb.path("sessions").asInt()).as("the repeat folded in").isEqualTo(6);
        assertThat(toDb.path("count").asInt()).isEqualTo(2);
        assertThat(toDb.path("applications")).extracting(JsonNode::asText).containsExactly("HTTP");
        assertThat(toDb.path("server_domain").asText()).isEqualTo("vault");
        assertThat(toDb.path("enforcer_id").asText()).isEqualTo(node.id());
        assertThat(get(admin, "/v1/log/security").path("violations")).hasSize(2);
        assertThat(get(admin, "/v1/policy/rule").path("rules")).as("Monitor learns nothing").isEmpty();

        JsonNode byClient = get(admin, "/v1/log/violation/workload?s_client=desc").path("violation_workloads");
        assertThat(byClient).singleElement().satisfies(v -> {
            assertThat(v.at("/workload/id").asText()).isEqualTo("aa01");
            assertThat(v.at("/workload/display_name").asText()).isEqualTo("web-1");
            assertThat(v.path("count").asInt()).isEqualTo(4);
        });
        JsonNode byServer = get(admin, "/v1/log/violation/workload?s_server=asc").path("violation_workloads");
        assertThat(byServer).extracting(v -> v.at("/workload/id").asText()).containsExactlyInAnyOrder("bb01",
                "external");
        assertThat(byServer.get(0).path("count").asInt()).isEqualTo(2);
        assertThat(get(admin, "/v1/log/violation/workload?s_server=asc&start=1&limit=1")
                .path("violation_workloads")).hasSize(1);
        for (String query : List.of("", "?s_count=asc", "?s_client=asc&s_server=asc")) {
            assertBadRequest(c.as(admin, "GET", "/v1/log/violation/workload" + query, null));
        }
    }

    @Test
    void aResponseRuleOnNetworkViolationsQuarantinesTheClient() throws Exception {
        monitor("web.shop", "db.vault");
        assertOk(c.as(admin, "PATCH", "/v1/response/rule", "{\"insert\": {\"rules\": [{\"event\":"
                + " \"security-event\", \"group\": \"containers\", \"conditions\": [{\"type\": \"name\","
                + " \"value\": \"Network.Violation\"}], \"actions\": [\"quarantine\"]}]}}"));
        node.connections(new Connection("", false, "10.0.0.7", ip(DB), 5432, 6, "", "", "deny", 0, 1, 1, 1, 1));
        assertThat(get(admin, "/v1/log/violation").path("violations")).hasSize(1);
        assertThat(get(admin, "/v1/workload/bb01").at("/workload/state").asText())
                .as("the server of a violation is not quarantined").isEqualTo("monitor");
        webTraffic();
        assertThat(get(admin, "/v1/workload/aa01").at("/workload/state").asText()).isEqualTo("quarantined");
        assertThat(get(admin, "/v1/workload/bb01").at("/workload/state").asText()).isEqualTo("monitor");
    }

    @Test
    void deletingConversationsAndEndpoints() throws Exception {
        webTraffic();
        node.connections(new Connection("", false, "10.0.0.7", ip(WEB), 22, 6, "", "", "open", 0, 1, 1, 1, 1));
        assertThat(get(admin, "/v1/conversation/Host:node-1:machine-1/aa01").at("/conversation/from/kind").asText())
                .isEqualTo("node_ip");
        // set conversation endpoint Host:node-1:machine-1 --alias gateway
        String config = "{\"config\": {\"id\": \"Host:node-1:machine-1\", \"display_name\": \"%s\"}}";
        assertOk(c.as(admin, "PATCH", "/v1/conversation_endpoint/Host:node-1:machine-1", config.formatted("gateway")));
        assertThat(get(admin, "/v1/conversation/Host:node-1:machine-1/aa01").at("/conversation/from/display_name")
                .asText()).isEqualTo("gateway");
        assertBadRequest(c.as(admin, "PATCH", "/v1/conversation_endpoint/aa01", config.formatted("x")));
        assertBadRequest(c.as(admin, "PATCH", "/v1/conversation_endpoint/Host:node-1:machine-1",
                config.formatted("y".repeat(513))));
        assertBadRequest(c.as(admin, "PATCH", "/v1/conversation_endpoint/Host:node-1:machine-1", "{}"));
        assertBadRequest(c.as(admin, "PATCH", "/v1/conversation_endpoint/Host:node-1:machine-1", "{\"config\": 1}"));
        assertError(c.as(admin, "PATCH", "/v1/conversation_endpoint/Host:nope", config.formatted("x")), 404);
        assertError(c.as(admin, "PATCH", "/v1/conversation_endpoint/Host:nope", "{\"config\": {}}"), 404);
        // unset conversation endpoint ... --alias
        assertOk(c.as(admin, "PATCH", "/v1/conversation_endpoint/Host:node-1:machine-1", config.formatted("")));
        assertThat(get(admin, "/v1/conversation/Host:node-1:machine-1/aa01").at("/conversation/from/display_name")
                .asText()).isEqualTo("node-1");

        assertOk(c.as(admin, "DELETE", "/v1/conversation/aa01/bb01", null));
        assertError(c.as(admin, "GET", "/v1/conversation/aa01/bb01", null), 404);
        assertError(c.as(admin, "DELETE", "/v1/conversation/aa01/bb01", null), 404);
        assertBadRequest(c.as(admin, "DELETE", "/v1/conversation_endpoint/external", null));
        assertBadRequest(c.as(admin, "DELETE", "/v1/conversation_endpoint/aa01", null));
        assertOk(c.as(admin, "DELETE", "/v1/conversation_endpoint/Host:node-1:machine-1", null));
        assertError(c.as(admin, "DELETE", "/v1/conversation_endpoint/Host:node-1:machine-1", null), 404);
        node.connections(new Connection("bb01", false, ip(DB), OUTSIDE, 443, 6, "", "", "open", 0, 1, 1, 1, 1));
        assertThat(get(admin, "/v1/conversation").path("conversations")).hasSize(2);
        node.stop("bb01");
        assertThat(get(admin, "/v1/conversation").path("conversations")).as("a container that left takes its"
                + " conversations").hasSize(1);
        assertOk(c.as(admin, "DELETE", "/v1/conversation", null));
        assertThat(get(admin, "/v1/conversation").path("conversations")).isEmpty();
        assertThat(each(get(admin, "/v1/conversation").path("endpoints"), "id"))
                .as("containers stay endpoints without traffic").containsExactlyInAnyOrder("aa01");
    }

    @Test
    void aNamespaceUserSeesTheConversationsOfItsNamespaceOnly() throws Exception {
        monitor("web.shop", "db.vault");
        webTraffic();
        assertOk(c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"ann\", \"password\": \"Passw0rd-ann\","
                + " \"role\": \"\", \"role_domains\": {\"admin\": [\"shop\"]}}}"));
        String ann = c.login("ann", "Passw0rd-ann");
        JsonNode mine = get(ann, "/v1/conversation");
        assertThat(each(mine.path("endpoints"), "id")).containsExactlyInAnyOrder("aa01", "external");
        assertThat(mine.path("conversations")).extracting(x -> x.path("to").asText()).containsExactly("external");
        assertThat(mine.toString()).doesNotContain("bb01").doesNotContain("db-1");
        assertThat(each(get(ann, "/v1/conversation_endpoint").path("endpoints"), "id"))
                .containsExactlyInAnyOrder("aa01", "external");
        assertError(c.as(ann, "GET", "/v1/conversation/aa01/bb01", null), 404);
        assertOk(c.as(ann, "GET", "/v1/conversation/aa01/external", null));
        assertError(c.as(ann, "DELETE", "/v1/conversation/aa01/bb01", null), 404);
        assertError(c.as(ann, "DELETE", "/v1/conversation/aa01/external", null), 403);
        assertError(c.as(ann, "DELETE", "/v1/conversation", null), 403);
        assertError(c.as(ann, "DELETE", "/v1/conversation_endpoint/Host:x", null), 403);
        assertError(c.as(ann, "PATCH", "/v1/conversation_endpoint/Host:x", "{\"config\": {}}"), 403);
        assertThat(get(ann, "/v1/log/violation").path("violations")).extracting(v -> v.path("client_id").asText())
                .containsOnly("aa01");
        assertThat(get(admin, "/v1/conversation").path("conversations")).hasSize(2);

        assertOk(c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"bob\", \"password\": \"Passw0rd-bob\","
                + " \"role\": \"\", \"role_domains\": {\"admin\": [\"other\"]}}}"));
        String bob = c.login("bob", "Passw0rd-bob");
        assertThat(get(bob, "/v1/conversation").path("conversations")).isEmpty();
        assertThat(get(bob, "/v1/conversation").path("endpoints")).isEmpty();
        assertThat(get(bob, "/v1/log/violation").path("violations")).isEmpty();
        assertThat(get(bob, "/v1/log/violation/workload?s_client=asc").path("violation_workloads")).isEmpty();
        assertError(c.as(bob, "GET", "/v1/conversation?f_group=nv.web.shop", null), 404);
    }

    @Test
    void hostileRequestsAreRefusedOrFindNothing() throws Exception {
        webTraffic();
        assertBadRequest(c.as(admin, "GET", "/v1/conversation/" + "x".repeat(600) + "/bb01", null));
        assertBadRequest(c.as(admin, "DELETE", "/v1/conversation/aa01/" + "x".repeat(600), null));
        for (String id : List.of("nope", "..", URLEncoder.encode("../../etc/passwd", StandardCharsets.UTF_8),
                "%F0%9F%92%A3", "Host:", "external")) {
            Reply r = c.as(admin, "GET", "/v1/conversation/" + id + "/bb01", null);
            assertThat(r.status()).as(id + ": " + r.text()).isIn(400, 404);
        }
        assertBadRequest(c.as(admin, "GET", "/v1/conversation?start=abc", null));
        assertBadRequest(c.as(admin, "GET", "/v1/conversation_endpoint?limit=99999999999", null));
        assertThat(get(admin, "/v1/conversation?f_domain=" + "d".repeat(6_000)).path("conversations")).isEmpty();
        assertThat(get(admin, "/v1/conversation_endpoint?start=1000000").path("endpoints")).isEmpty();
        assertThat(get(admin, "/v1/conversation?f_domain=shop").path("conversations")).hasSize(2);
        assertThat(get(admin, "/v1/conversation?f_domain=vault").path("conversations")).hasSize(1);
    }
}
