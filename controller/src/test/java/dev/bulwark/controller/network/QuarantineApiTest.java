package dev.bulwark.controller.network;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.runtime.TestNode;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.link.model.NodePolicy;
import dev.bulwark.link.model.Workload;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PATCH /v1/workload/{id}} quarantining and releasing containers a real node reports through the link: the
 * views, the events, the policy pushed to the node, the refusals, the restart, and response rules that quarantine.
 */
class QuarantineApiTest extends ControllerTest {

    static final Workload WEB = TestNode.workload("aa01", "web-1", "shop", "web", true);
    static final Workload OLD = TestNode.workload("aa03", "old-1", "shop", "web", false);
    static final Workload DB = TestNode.workload("bb01", "db-1", "vault", "db", true);

    TestNode node;

    @BeforeEach
    void node() throws Exception {
        node = TestNode.join(c, admin, "node-1");
        node.report(true, WEB, OLD, DB);
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    private Reply quarantine(String token, String id, String body) {
        return c.as(token, "PATCH", "/v1/workload/" + id, body);
    }

    private static String set(boolean quarantine) {
        return "{\"config\": {\"quarantine\": " + quarantine + "}}";
    }

    private JsonNode get(String path) {
        return assertOk(c.as(admin, "GET", path, null)).body();
    }

    private List<JsonNode> events(String name) {
        return StreamSupport.stream(get("/v1/log/event").path("events").spliterator(), false)
                .filter(e -> e.path("name").asText().equals(name)).toList();
    }

    private static boolean quarantined(NodePolicy p, String workload, boolean wanted) {
        return p.network().stream().anyMatch(n -> n.workload().equals(workload) && n.quarantine() == wanted);
    }

    @Test
    void aQuarantineIsShownRecordedPushedAndReleased() throws Exception {
        node.awaitPolicy(p -> quarantined(p, "aa01", false));
        assertOk(quarantine(admin, "aa01", set(true)));

        JsonNode w = get("/v1/workload/aa01").path("workload");
        assertThat(w.path("state").asText()).isEqualTo("quarantined");
        assertThat(w.path("quarantine_reason").asText()).isEqualTo("user-configured");
        assertThat(w.path("cap_quarantine").asBoolean()).isTrue();
        assertThat(get("/v2/workload/aa01").at("/workload/security/quarantine_reason").asText())
                .isEqualTo("user-configured");
        assertThat(get("/v1/workload/aa01/config").path("config").path("quarantine").asBoolean()).isTrue();
        assertThat(get("/v1/workload/bb01").path("workload").path("state").asText()).isEqualTo("discover");
        assertThat(get("/v1/workload/bb01").path("workload").has("quarantine_reason")).isFalse();
        List<JsonNode> quarantinedEvents = events("Container.Quarantined");
        assertThat(quarantinedEvents).hasSize(1);
        assertThat(quarantinedEvents.getFirst().path("workload_id").asText()).isEqualTo("aa01");
        assertThat(quarantinedEvents.getFirst().path("user").asText()).isEqualTo("admin");
        assertThat(quarantinedEvents.getFirst().path("host_name").asText()).isEqualTo("node-1");
        node.awaitPolicy(p -> quarantined(p, "aa01", true) && quarantined(p, "bb01", false));

        assertOk(quarantine(admin, "aa01", set(true))); // again: nothing changes, nothing recorded
        assertThat(events("Container.Quarantined")).hasSize(1);

        assertOk(quarantine(admin, "aa01", "{\"config\": {\"wire\": \"default\", \"quarantine\": false}}"));
        assertThat(get("/v1/workload/aa01").path("workload").path("state").asText()).isEqualTo("discover");
        assertThat(events("Container.Unquarantined")).hasSize(1);
        Patience.await(() -> quarantined(node.policies().getLast(), "aa01", false),
                () -> "aa01 released in the last policy pushed: " + node.policies().getLast());
        assertOk(quarantine(admin, "aa01", set(false))); // not quarantined: nothing recorded
        assertThat(events("Container.Unquarantined")).hasSize(1);
    }

    @Test
    void aQuarantineOutlivesTheController() throws Exception {
        assertOk(quarantine(admin, "aa01", set(true)));
        node.close();
        c.restart();
        node = TestNode.join(c, admin, "node-1");
        node.report(true, WEB, DB);
        assertThat(get("/v1/workload/aa01").path("workload").path("state").asText()).isEqualTo("quarantined");
        node.awaitPolicy(p -> quarantined(p, "aa01", true));
    }

    @Test
    void onlyWritersOfTheContainersNamespaceMayQuarantine() {
        String reader = ApiChecks.reader(c, admin);
        assertError(quarantine(reader, "aa01", set(true)), 403);
        String shopAdmin = ApiChecks.user(c, admin, "sam", "", "{\"admin\": [\"shop\"]}");
        assertOk(quarantine(shopAdmin, "aa01", set(true)));
        assertThat(assertError(quarantine(shopAdmin, "bb01", set(true)), 404).at("/code").asInt()).isEqualTo(7);
        String shopReader = ApiChecks.user(c, admin, "ria", "", "{\"reader\": [\"shop\"]}");
        assertError(quarantine(shopReader, "aa01", set(false)), 403);
        assertThat(get("/v1/workload/aa01").path("workload").path("state").asText()).isEqualTo("quarantined");
        assertThat(events("Container.Quarantined").getFirst().path("user").asText()).isEqualTo("sam");
    }

    @Test
    void badBodiesUnknownAndStoppedContainersAreRefused() {
        assertThat(assertError(quarantine(admin, "nope", set(true)), 404).at("/code").asInt()).isEqualTo(7);
        assertThat(assertBadRequest(quarantine(admin, "aa03", set(true))).at("/code").asInt()).isEqualTo(22);
        assertOk(quarantine(admin, "aa03", set(false)));
        for (String body : List.of("{\"config\": {\"quarantine\": \"yes\"}}", "{\"config\": {\"quarantine\": 1}}",
                "{\"config\": null}", "{}", "[]", "not json", "{\"config\": {\"quarantine\": true, \"quarantine\": "
                        + "false}}", "{\"config\": {\"quarantine\": [true]}}", "{\"config\": {\"wire\": \"inline\", "
                        + "\"quarantine\": true}}", "{\"config\": {\"quarantine\": true}")) {
            assertBadRequest(quarantine(admin, "aa01", body));
        }
        assertError(quarantine(admin, "aa01", "{\"config\": {\"quarantine\": true, \"pad\": \"" + "x".repeat(2 << 20)
                + "\"}}"), 413);
        assertThat(get("/v1/workload/aa01").path("workload").path("state").asText()).isEqualTo("discover");
        assertThat(events("Container.Quarantined")).isEmpty();
    }

    @Test
    void aResponseRuleQuarantinesTheContainerOfAMatchingSecurityEvent() throws Exception {
        assertOk(c.as(admin, "PATCH", "/v1/response/rule", "{\"insert\": {\"rules\": [{\"event\":"
                + " \"security-event\", \"group\": \"nv.web.shop\", \"conditions\": [{\"type\": \"name\", \"value\":"
                + " \"Container.Tunnel.Detected\"}, {\"type\": \"name\", \"value\": \"Process.Profile.Violation\"},"
                + " {\"type\": \"level\", \"value\": \"Warning\"}], \"actions\": [\"quarantine\"]}, {\"event\":"
                + " \"security-event\", \"group\": \"nv.db.vault\", \"conditions\": [], \"actions\": [\"quarantine\"],"
                + " \"disable\": true}]}}"));
        node.incidents(
                Map.of("name", "Process.Profile.Violation", "level", "Info", "workload_id", "aa01"),
                Map.of("name", "Container.FileAccess.Violation", "level", "Critical", "workload_id", "aa01"),
                Map.of("name", "Process.Profile.Violation", "level", "Critical", "workload_id", "bb01"));
        assertThat(get("/v1/workload/aa01").path("workload").path("state").asText()).isEqualTo("discover");
        assertThat(get("/v1/workload/bb01").path("workload").path("state").asText()).isEqualTo("discover");

        node.incidents(Map.of("name", "Process.Profile.Violation", "level", "Warning", "workload_id", "aa01"));
        Patience.await(() -> get("/v1/workload/aa01").path("workload").path("state").asText().equals("quarantined"),
                () -> "aa01 quarantined: " + get("/v1/workload/aa01"));
        assertThat(get("/v1/workload/aa01").path("workload").path("quarantine_reason").asText())
                .isEqualTo("Process.Profile.Violation (rule 1)");
        assertThat(events("Container.Quarantined").getFirst().path("user").asText()).isEmpty();
        node.awaitPolicy(p -> quarantined(p, "aa01", true));
    }
}
