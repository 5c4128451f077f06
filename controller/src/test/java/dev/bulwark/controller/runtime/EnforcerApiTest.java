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
import dev.bulwark.controller.tls.InternalCa;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.link.JoinToken;
import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/enforcer}, {@code /v1/host}, {@code /v1/controller} and the join tokens, with real nodes joining over
 * the link: who may make a token, that a listed token shows no secret, that a deleted enforcer is cut off and stays
 * out, and the tokens the link refuses.
 */
class EnforcerApiTest extends ControllerTest {

    private JsonNode get(String path) {
        return assertOk(c.as(admin, "GET", path, null)).body();
    }

    private int linkPort() {
        return c.controller().linkPort();
    }

    @Test
    void joinTokensAreMadeByAnAdministratorListedWithoutSecretAndDeleted() {
        Reply made = assertOk(c.as(admin, "POST", "/v1/enforcer/join_token", "{\"duration\": 7200}"));
        String token = made.at("/token").asText();
        JoinToken parsed = JoinToken.parse(token);
        assertThat(made.at("/id").asText()).isEqualTo(parsed.id());
        long expires = made.at("/expires_timestamp").asLong();
        assertThat(expires - Instant.now().getEpochSecond()).isBetween(7000L, 7200L);
        assertThat(Instant.parse(made.at("/expires_at").asText()).getEpochSecond()).isEqualTo(expires);
        Reply defaulted = assertOk(c.as(admin, "POST", "/v1/enforcer/join_token", null));
        assertThat(defaulted.at("/expires_timestamp").asLong() - Instant.now().getEpochSecond())
                .as("an hour when no body").isBetween(3500L, 3600L);

        Reply listed = assertOk(c.as(admin, "GET", "/v1/enforcer/join_token", null));
        assertThat(listed.at("/join_tokens").findValuesAsText("id")).containsExactlyInAnyOrder(parsed.id(),
                defaulted.at("/id").asText());
        assertThat(listed.at("/join_tokens/0/created_by").asText()).isEqualTo("admin");
        assertThat(listed.at("/join_tokens/0/expired").asBoolean()).isFalse();
        assertThat(listed.text()).doesNotContain(parsed.secret()).doesNotContain(parsed.secretHash())
                .doesNotContain("secret");
        assertThat(c.controller().endpoints()).contains("GET /v1/enforcer/join_token", "GET /v1/enforcer/{id}");

        assertOk(c.as(admin, "DELETE", "/v1/enforcer/join_token/" + parsed.id(), null));
        assertThat(get("/v1/enforcer/join_token").path("join_tokens").findValuesAsText("id"))
                .doesNotContain(parsed.id());
        assertThat(assertError(c.as(admin, "DELETE", "/v1/enforcer/join_token/" + parsed.id(), null), 404)
                .at("/code").asInt()).isEqualTo(7);
        assertThat(get("/v1/log/activity").path("events").findValuesAsText("rest_request"))
                .as("each write in the activity log").contains("/v1/enforcer/join_token",
                        "/v1/enforcer/join_token/" + parsed.id());
    }

    @Test
    void onlyAnAdministratorMakesJoinTokens() {
        String reader = ApiChecks.reader(c, admin);
        assertError(c.as(reader, "POST", "/v1/enforcer/join_token", "{}"), 403);
        assertOk(c.as(reader, "GET", "/v1/enforcer/join_token", null));
        assertOk(c.as(admin, "POST", "/v1/user_role", "{\"config\": {\"name\": \"ops\", \"permissions\": [{\"id\":"
                + " \"config\", \"read\": true, \"write\": true}]}}"));
        String ops = ApiChecks.user(c, admin, "olga", "ops", null);
        Reply refused = assertError(c.as(ops, "POST", "/v1/enforcer/join_token", "{}"), 403);
        assertThat(refused.at("/code").asInt()).isEqualTo(25);
        String namespaceAdmin = ApiChecks.namespaceAdmin(c, admin);
        assertError(c.as(namespaceAdmin, "POST", "/v1/enforcer/join_token", "{}"), 403);
        assertThat(get("/v1/enforcer/join_token").path("join_tokens")).isEmpty();
    }

    @Test
    void tokenRequestsOutsideTheRulesAreRefused() {
        for (String body : List.of("{\"duration\": 59}", "{\"duration\": -1}", "{\"duration\": 2592001}",
                "{\"duration\": \"3600\"}", "{\"duration\": 1.5}", "{\"duration\": 99999999999999999999}",
                "[1]", "{\"duration\": 3600", "{\"duration\": 3600, \"duration\": 60}")) {
            assertBadRequest(c.as(admin, "POST", "/v1/enforcer/join_token", body));
        }
        assertError(c.as(admin, "POST", "/v1/enforcer/join_token", "{\"duration\": 60, \"pad\": \""
                + "x".repeat(2 << 20) + "\"}"), 413);
        assertOk(c.as(admin, "POST", "/v1/enforcer/join_token", "{\"duration\": 2592000, \"unknown\": 1}"));
    }

    @Test
    void enforcersHostsAndTheControllerShowWhatTheCliReads() throws Exception {
        try (TestNode node = TestNode.join(c, admin, "node-1")) {
            node.report(true, TestNode.workload("aa01", "web-1", "shop", "web", true),
                    TestNode.workload("aa02", "web-2", "shop", "web", false));
            JsonNode enforcers = get("/v1/enforcer").path("enforcers");
            assertThat(enforcers).hasSize(1);
            JsonNode e = enforcers.get(0);
            assertThat(e.path("id").asText()).isEqualTo(node.id());
            assertThat(e.path("name").asText()).isEqualTo("enforcer-node-1");
            assertThat(e.path("host_name").asText()).isEqualTo("node-1");
            assertThat(e.path("host_id").asText()).isEqualTo("node-1:machine-1");
            assertThat(e.path("version").asText()).isEqualTo("test-1.0");
            assertThat(e.path("connection_state").asText()).isEqualTo("connected");
            assertThat(e.path("disconnected_at").asText()).isEmpty();
            assertThat(e.path("started_at").asText()).isEqualTo("2023-11-14T22:13:20Z");
            assertThat(e.path("joined_at").asText()).isNotEmpty();
            assertThat(e.path("nv_protect").asBoolean()).isTrue();
            assertThat(get("/v1/enforcer/" + node.id()).at("/enforcer/id").asText()).isEqualTo(node.id());
            assertThat(get("/v1/enforcer?f_id=prefix," + node.id().substring(0, 6) + "&brief=True")
                    .path("enforcers")).hasSize(1);
            JsonNode config = get("/v1/enforcer/" + node.id() + "/config").path("config");
            assertThat(config.path("debug").isArray() && config.path("log_level").isTextual()).isTrue();
            assertThat(get("/v1/enforcer/" + node.id() + "/stats").at("/stats/span_60/memory").isNumber()).isTrue();
            Reply patch = assertBadRequest(c.as(admin, "PATCH", "/v1/enforcer/" + node.id(),
                    "{\"config\": {\"log_level\": \"debug\"}}"));
            assertThat(patch.at("/code").asInt()).isEqualTo(4);
            assertBadRequest(c.as(admin, "PATCH", "/v1/enforcer/" + node.id(), "{\"config\": {\"debug\": \"cpath\"}}"));

            JsonNode host = get("/v1/host").at("/hosts/0");
            assertThat(host.path("id").asText()).isEqualTo("node-1:machine-1");
            assertThat(host.path("name").asText()).isEqualTo("node-1");
            assertThat(host.path("containers").asInt()).as("running ones").isEqualTo(1);
            assertThat(host.path("pods").asInt()).isEqualTo(1);
            assertThat(host.path("memory").asLong()).isEqualTo(8L << 30);
            assertThat(host.at("/interfaces/eth0/0/ip_prefix").asInt()).isEqualTo(24);
            assertThat(host.path("policy_mode").asText()).isEqualTo("Discover");
            assertThat(host.path("state").asText()).isEqualTo("connected");
            assertThat(get("/v1/host/node-1:machine-1").at("/host/runtime").asText()).isEqualTo("containerd");
            assertThat(get("/v1/host?f_name=node-1&brief=True").path("hosts")).hasSize(1);

            JsonNode controllers = get("/v1/controller").path("controllers");
            assertThat(controllers).hasSize(1);
            String id = controllers.at("/0/id").asText();
            assertThat(controllers.at("/0/leader").asBoolean()).isTrue();
            assertThat(controllers.at("/0/connection_state").asText()).isEqualTo("connected");
            assertThat(get("/v1/controller/" + id).at("/controller/version").asText()).isNotEmpty();
            assertThat(get("/v1/controller/" + id + "/config").at("/config/debug").isArray()).isTrue();
            assertThat(get("/v1/controller/" + id + "/stats").at("/stats/interval").asInt()).isEqualTo(5);

            JsonNode summary = get("/v1/system/summary").path("summary");
            assertThat(List.of(summary.path("hosts").asInt(), summary.path("enforcers").asInt(),
                    summary.path("disconnected_enforcers").asInt(), summary.path("workloads").asInt(),
                    summary.path("running_workloads").asInt(), summary.path("running_pods").asInt(),
                    summary.path("services").asInt(), summary.path("controllers").asInt()))
                    .containsExactly(1, 1, 0, 2, 1, 1, 1, 1);
            assertThat(summary.path("domains").asInt()).isEqualTo(1);
            JsonNode alerts = get("/v1/system/alerts");
            assertThat(alerts.at("/neuvector_upgrade_info/max_upgrade_version/version").isTextual()).isTrue();
            assertThat(alerts.path("acceptable_alerts").isObject()).isTrue();
            assertThat(alerts.path("accepted_alerts").isArray()).isTrue();
        }
        for (String path : List.of("/v1/enforcer/nope", "/v1/enforcer/nope/config", "/v1/enforcer/nope/stats",
                "/v1/host/nope", "/v1/controller/nope", "/v1/controller/nope/config", "/v1/controller/nope/stats")) {
            assertThat(assertError(c.as(admin, "GET", path, null), 404).at("/code").asInt()).as(path).isEqualTo(7);
        }
        assertThat(assertError(c.as(admin, "DELETE", "/v1/enforcer/nope", null), 404).at("/code").asInt())
                .isEqualTo(7);
    }

    @Test
    void aDeletedEnforcerIsCutOffAndCannotComeBackWithItsCertificate() throws Exception {
        try (TestNode node = TestNode.join(c, admin, "node-1"); TestNode other = TestNode.join(c, admin, "node-2")) {
            node.report(true, TestNode.workload("aa01", "web-1", "shop", "web", true));
            String reader = ApiChecks.reader(c, admin);
            assertError(c.as(reader, "DELETE", "/v1/enforcer/" + node.id(), null), 403);
            assertThat(node.ended()).isNull();

            assertOk(c.as(admin, "DELETE", "/v1/enforcer/" + node.id(), null));
            assertThat(node.awaitEnd().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(get("/v1/enforcer").path("enforcers").findValuesAsText("id")).containsExactly(other.id());
            assertThat(get("/v1/workload").path("workloads")).as("its containers are forgotten").isEmpty();
            assertThat(assertError(c.as(admin, "GET", "/v1/enforcer/" + node.id(), null), 404).at("/code").asInt())
                    .isEqualTo(7);

            node.connect();
            assertThat(node.ended()).as("a reconnect with the revoked certificate").isNotNull();
            assertThat(node.ended().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(other.ended()).as("the other node's session").isNull();
            other.report(false, TestNode.workload("bb01", "db-1", "vault", "db", true));
            assertThat(each(get("/v1/workload").path("workloads"), "id")).containsExactly("bb01");
        }
    }

    @Test
    void disconnectedEnforcersStayListedAsDisconnected() throws Exception {
        TestNode node = TestNode.join(c, admin, "node-1");
        node.close();
        Patience.await(() -> get("/v1/enforcer/" + node.id()).at("/enforcer/connection_state").asText()
                .equals("disconnected"), () -> "disconnected: " + get("/v1/enforcer/" + node.id()));
        assertThat(get("/v1/enforcer/" + node.id()).at("/enforcer/disconnected_at").asText()).isNotEmpty();
        assertThat(get("/v1/system/summary").at("/summary/disconnected_enforcers").asInt()).isEqualTo(1);
        node.connect();
        Patience.await(() -> get("/v1/enforcer/" + node.id()).at("/enforcer/connection_state").asText()
                .equals("connected"), () -> "connected again");
        node.close();
    }

    @Test
    void theLinkRefusesTokensThatAreWrongForgedOrDeleted() throws Exception {
        String token = TestNode.joinToken(c, admin);
        JoinToken t = JoinToken.parse(token);
        // another first character: a random secret may start with the one we put
        String wrongSecret = new JoinToken(t.id(), (t.secret().startsWith("A") ? "B" : "A") + t.secret().substring(1),
                t.caPin()).toString();
        assertThat(TestNode.refusal(linkPort(), wrongSecret, "n1").getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        String unknownId = new JoinToken("AAAAAAAAAAAA", t.secret(), t.caPin()).toString();
        assertThat(TestNode.refusal(linkPort(), unknownId, "n1").getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

        // a token made for another controller's CA: the node does not trust this controller, and never sends it
        var otherCa = InternalCa.authority(dir.resolve("other-ca")).certificate();
        String forged = new JoinToken(t.id(), t.secret(), JoinToken.pin(otherCa)).toString();
        assertThat(TestNode.refusal(linkPort(), forged, "n1").getCode()).isEqualTo(Status.Code.UNAVAILABLE);

        assertThat(TestNode.refusal(linkPort(), token, "").getCode()).as("no node name")
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(TestNode.refusal(linkPort(), token, "x".repeat(300)).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertOk(c.as(admin, "DELETE", "/v1/enforcer/join_token/" + t.id(), null));
        assertThat(TestNode.refusal(linkPort(), token, "n1").getCode()).as("a deleted token")
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(get("/v1/log/event").path("events").findValuesAsText("name")).contains("Agent.Join.Denied");
        assertThat(get("/v1/enforcer").path("enforcers")).isEmpty();
    }

    @Test
    void aNodeThatSendsWhatDoesNotDecodeIsCutAndOthersGoOn() throws Exception {
        try (TestNode bad = TestNode.join(c, admin, "node-1"); TestNode good = TestNode.join(c, admin, "node-2")) {
            bad.sendMalformedWorkload();
            assertThat(bad.awaitEnd().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            good.report(true, TestNode.workload("aa01", "web-1", "shop", "web", true));
            assertThat(each(get("/v1/workload").path("workloads"), "id")).containsExactly("aa01");
        }
    }
}
