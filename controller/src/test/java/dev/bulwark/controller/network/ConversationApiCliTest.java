package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.runtime.TestNode;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.Workload;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The requests NeuVector's command-line client (neuvector/manager {@code cli/prog/convers.py} and {@code log.py})
 * sends for the network graph and the violations, as it sends them, and every field it reads from the replies
 * without a default: a missing one is a {@code KeyError} that kills the command.
 */
class ConversationApiCliTest extends ControllerTest {

    private Reply ok(String path) {
        Reply r = c.as(admin, "GET", path, null);
        assertThat(r.status()).as("GET %s: %s", path, r.text()).isEqualTo(200);
        return r;
    }

    private static void has(JsonNode object, String... fields) {
        for (String f : fields) {
            assertThat(object.has(f)).as("field '%s' in %s", f, object).isTrue();
        }
    }

    @Test
    void showConversationPairAndLogViolationReadWhatTheyNeed() throws Exception {
        Workload web = TestNode.workload("aa01", "web-1", "shop", "web", true);
        Workload db = TestNode.workload("bb01", "db-1", "vault", "db", true);
        try (TestNode node = TestNode.join(c, admin, "node-1")) {
            node.report(true, web, db);
            c.as(admin, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"web.shop\", \"db.vault\"],"
                    + " \"policy_mode\": \"Monitor\"}}");
            node.connections(new Connection("aa01", false, ConversationApiTest.ip(web), ConversationApiTest.ip(db),
                    5432, 6, "PostgreSQL", "", "open", 0, 2, 500, 1, 2), new Connection("aa01", false,
                    ConversationApiTest.ip(web), "93.184.216.34", 443, 6, "", "", "open", 0, 1, 10, 1, 2));

            // show conversation [-g nv.web.shop] [-v]
            for (String path : new String[] {"/v1/conversation?verbose=False",
                "/v1/conversation?verbose=False&f_group=nv.web.shop", "/v1/conversation?verbose=True"}) {
                JsonNode data = ok(path).body();
                Map<String, JsonNode> eps = new HashMap<>();
                data.path("endpoints").forEach(ep -> {
                    has(ep, "id", "kind", "display_name", "service_mesh");
                    eps.put(ep.path("id").asText(), ep);
                });
                assertThat(data.path("conversations")).hasSize(2);
                for (JsonNode conv : data.path("conversations")) {
                    boolean verbose = path.endsWith("True");
                    String from = verbose ? conv.at("/from/id").asText() : conv.path("from").asText();
                    String to = verbose ? conv.at("/to/id").asText() : conv.path("to").asText();
                    assertThat(eps).as(path).containsKeys(from, to);
                    has(conv, "policy_action", "severity", "bytes", "sessions");
                }
            }
            // show conversation pair web-1 db-1: the names are looked up as containers first
            assertThat(c.as(admin, "GET", "/v1/workload/web-1", null).status()).isEqualTo(404);
            JsonNode pair = ok("/v1/conversation/aa01/bb01").at("/conversation");
            for (JsonNode e : pair.path("entries")) {
                has(e, "port", "mapped_port", "application", "policy_action", "policy_id", "severity", "bytes",
                        "sessions", "last_seen_at", "client_ip", "server_ip", "fqdn", "xff", "to_sidecar");
            }
            // show log violation [-c web-1]: start, limit and the client's id as a filter
            JsonNode logs = ok("/v1/log/violation?start=0&limit=20&f_client_id=aa01").at("/violations");
            assertThat(logs).hasSize(2);
            logs.forEach(v -> has(v, "client_name", "server_name", "server_port", "ip_proto", "applications",
                    "reported_at", "id", "policy_action", "client_ip", "server_ip", "fqdn", "sessions", "xff"));
            assertThat(ok("/v1/log/violation?start=0&limit=20&f_server_id=nope").at("/violations")).isEmpty();
            // show log violation workload --sort client --sort_dir desc
            JsonNode counts = ok("/v1/log/violation/workload?s_client=desc&start=0&limit=0")
                    .at("/violation_workloads");
            assertThat(counts).singleElement().satisfies(v -> {
                assertThat(v.at("/workload/name").asText()).isEqualTo("web-1");
                assertThat(v.path("count").asInt()).isEqualTo(2);
            });
        }
    }
}
