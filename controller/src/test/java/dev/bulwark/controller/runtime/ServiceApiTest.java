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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/service}: the learned groups of the containers a real node reports, made ahead of their containers,
 * and their modes set in batches as NeuVector's CLI sends them, down to the policy the node is pushed.
 */
class ServiceApiTest extends ControllerTest {

    TestNode node;

    @BeforeEach
    void node() throws Exception {
        node = TestNode.join(c, admin, "node-1");
        node.report(true, TestNode.workload("aa01", "web-1", "shop", "web", true),
                TestNode.workload("aa02", "web-2", "shop", "web", true),
                TestNode.workload("aa03", "web-0", "shop", "web", false),
                TestNode.workload("bb01", "db-1", "vault", "db", true));
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    private JsonNode get(String path) {
        return assertOk(c.as(admin, "GET", path, null)).body();
    }

    private Reply patch(String path, String config) {
        return c.as(admin, "PATCH", path, "{\"config\": " + config + "}");
    }

    private JsonNode group(String name) {
        return get("/v1/group/" + name).path("group");
    }

    @Test
    void servicesListTheirRunningContainersAndTheRulesThatNameThem() {
        assertOk(c.as(admin, "PATCH", "/v1/policy/rule", "{\"insert\": {\"after\": 0, \"rules\": [{\"id\": 0, "
                + "\"from\": \"nv.web.shop\", \"to\": \"nv.db.vault\", \"ports\": \"tcp/5432\", \"action\": "
                + "\"allow\"}]}}"));
        // show service
        JsonNode listed = get("/v1/service?with_cap=False&start=0&limit=40").path("services");
        assertThat(each(listed, "name")).containsExactly("db.vault", "web.shop");
        assertThat(listed.get(1).path("members")).hasSize(2);
        assertThat(listed.get(1).path("policy_rules")).hasSize(1);
        assertThat(listed.get(1).has("cap_change_mode")).as("only with_cap").isFalse();
        assertThat(get("/v1/service?with_cap=True").at("/services/0/cap_change_mode").asBoolean()).isTrue();
        assertThat(each(get("/v1/service?f_name=web.shop").path("services"), "name")).containsExactly("web.shop");
        assertThat(get("/v1/service?start=0&limit=1").path("services")).hasSize(1);

        // show service detail web.shop
        JsonNode web = get("/v1/service/web.shop?with_cap=False").path("service");
        assertThat(each(web.path("members"), "id")).as("running ones, by display name").containsExactly("aa01",
                "aa02");
        assertThat(web.at("/members/0/state").asText()).isEqualTo("discover");
        JsonNode rule = web.at("/policy_rules/0");
        assertThat(rule.path("cfg_type").asText()).isEqualTo("user_created");
        assertThat(rule.path("applications").isArray()).isTrue();
        assertThat(List.of(web.path("policy_mode").asText(), web.path("profile_mode").asText(),
                web.path("baseline_profile").asText(), web.path("domain").asText()))
                .containsExactly("Discover", "Discover", "zero-drift", "shop");
        assertThat(web.path("response_rules").isArray()).isTrue();
        for (String name : List.of("nope", "nodes", "nv.web.shop", "web")) {
            assertThat(assertError(c.as(admin, "GET", "/v1/service/" + name, null), 404).at("/code").asInt())
                    .as(name).isEqualTo(7);
        }
    }

    @Test
    void aServiceMadeAheadOfItsContainersGetsTheNewServiceDefaults() {
        // create service pay shop
        assertOk(c.as(admin, "POST", "/v1/service", "{\"config\": {\"name\": \"pay\", \"domain\": \"shop\"}}"));
        JsonNode pay = get("/v1/service/pay.shop").path("service");
        assertThat(List.of(pay.path("policy_mode").asText(), pay.path("profile_mode").asText(),
                pay.path("baseline_profile").asText())).containsExactly("Discover", "Discover", "zero-drift");
        assertThat(pay.path("members")).isEmpty();
        JsonNode g = group("nv.pay.shop");
        assertThat(g.path("learned").asBoolean()).isTrue();
        assertThat(g.path("cfg_type").asText()).isEqualTo("learned");
        // create service cart shop -m protect -b basic
        assertOk(c.as(admin, "POST", "/v1/service", "{\"config\": {\"name\": \"cart\", \"domain\": \"shop\", "
                + "\"policy_mode\": \"Protect\", \"baseline_profile\": \"basic\"}}"));
        JsonNode cart = get("/v1/service/cart.shop").path("service");
        assertThat(List.of(cart.path("policy_mode").asText(), cart.path("profile_mode").asText(),
                cart.path("baseline_profile").asText())).containsExactly("Protect", "Protect", "basic");
        assertOk(c.as(admin, "PATCH", "/v1/system/config", "{\"config\": {\"new_service_policy_mode\": \"Monitor\","
                + " \"new_service_profile_baseline\": \"basic\"}}"));
        assertOk(c.as(admin, "POST", "/v1/service", "{\"config\": {\"name\": \"mail\", \"domain\": \"\", "
                + "\"comment\": \"outbound\", \"profile_mode\": \"Protect\", \"not_scored\": true}}"));
        JsonNode mail = get("/v1/service/mail").path("service");
        assertThat(List.of(mail.path("policy_mode").asText(), mail.path("profile_mode").asText(),
                mail.path("baseline_profile").asText(), mail.path("comment").asText()))
                .containsExactly("Monitor", "Protect", "basic", "outbound");
        assertThat(get("/v1/system/summary").at("/summary/services").asInt()).isEqualTo(5);

        Reply duplicate = assertBadRequest(c.as(admin, "POST", "/v1/service", "{\"config\": {\"name\": \"web\", "
                + "\"domain\": \"shop\"}}"));
        assertThat(duplicate.at("/code").asInt()).isEqualTo(13);
        assertThat(assertBadRequest(c.as(admin, "POST", "/v1/service", "{\"config\": {\"name\": \"bad name\", "
                + "\"domain\": \"shop\"}}")).at("/code").asInt()).isEqualTo(15);
        assertThat(assertBadRequest(c.as(admin, "POST", "/v1/service", "{\"config\": {\"name\": \"x\", \"domain\":"
                + " \"" + "d".repeat(200) + "\"}}")).at("/code").asInt()).isEqualTo(15);
        for (String body : List.of("{\"config\": {\"name\": \"x\", \"domain\": \"shop\", \"policy_mode\": "
                + "\"protect\"}}", "{\"config\": {\"name\": \"x\", \"domain\": \"shop\", \"profile_mode\": "
                + "\"Enforce\"}}", "{\"config\": {\"name\": \"x\", \"domain\": \"shop\", \"baseline_profile\": "
                + "\"strict\"}}", "{\"config\": {\"name\": 5, \"domain\": \"shop\"}}", "{\"config\": {\"domain\": "
                + "\"shop\"}}", "{}", "{\"config\": null}", "{\"config\": [1]}", "nope")) {
            assertBadRequest(c.as(admin, "POST", "/v1/service", body));
        }
        assertError(c.as(admin, "GET", "/v1/service/x.shop", null), 404);
    }

    @Test
    void switchingAServiceToProtectChangesItsGroupAndReachesItsNode() throws Exception {
        node.awaitPolicy(p -> TestNode.mode(p, "nv.web.shop").equals(Optional.of("Discover")));
        // set service web.shop policy-mode protect
        assertOk(patch("/v1/service/config", "{\"services\": [\"web.shop\"], \"policy_mode\": \"Protect\", "
                + "\"baseline_profile\": null}"));
        assertThat(List.of(group("nv.web.shop").path("policy_mode").asText(),
                group("nv.web.shop").path("profile_mode").asText())).containsExactly("Protect", "Protect");
        assertThat(group("nv.db.vault").path("policy_mode").asText()).isEqualTo("Discover");
        node.awaitPolicy(p -> TestNode.mode(p, "nv.web.shop").equals(Optional.of("Protect")));
        assertThat(get("/v1/workload/aa01").at("/workload/state").asText()).isEqualTo("protect");

        // set service web.shop profile monitor -b basic
        assertOk(patch("/v1/service/config/profile", "{\"services\": [\"web.shop\"], \"profile_mode\": "
                + "\"Monitor\", \"baseline_profile\": \"basic\"}"));
        JsonNode web = get("/v1/service/web.shop").path("service");
        assertThat(List.of(web.path("policy_mode").asText(), web.path("profile_mode").asText(),
                web.path("baseline_profile").asText())).containsExactly("Protect", "Monitor", "basic");
        node.awaitPolicy(p -> p.groups().stream().anyMatch(g -> g.name().equals("nv.web.shop")
                && g.mode().equals("Monitor") && g.baseline().equals("basic")));

        // set service web.shop network discover: the network (policy) mode only
        assertOk(patch("/v1/service/config/network", "{\"services\": [\"web.shop\"], \"policy_mode\": "
                + "\"Discover\", \"profile_mode\": \"Protect\"}"));
        assertThat(List.of(group("nv.web.shop").path("policy_mode").asText(),
                group("nv.web.shop").path("profile_mode").asText())).containsExactly("Discover", "Monitor");

        // both services and nodes at once, with -n; nodes keeps its basic baseline; unknown names are skipped
        assertOk(patch("/v1/service/config", "{\"services\": [\"web.shop\", \"db.vault\", \"nodes\", \"nope\"], "
                + "\"policy_mode\": \"Monitor\", \"profile_mode\": \"Protect\", \"baseline_profile\": "
                + "\"Zero-Drift\"}"));
        for (String g : List.of("nv.web.shop", "nv.db.vault", "nodes")) {
            assertThat(List.of(group(g).path("policy_mode").asText(), group(g).path("profile_mode").asText()))
                    .as(g).containsExactly("Monitor", "Protect");
        }
        assertThat(get("/v1/service/db.vault").at("/service/baseline_profile").asText()).isEqualTo("zero-drift");
        assertThat(get("/v1/process_profile/nodes").at("/process_profile/baseline").asText()).isEqualTo("basic");
        assertThat(get("/v1/host").at("/hosts/0/policy_mode").asText()).isEqualTo("Monitor");
        node.awaitPolicy(p -> TestNode.mode(p, "nodes").equals(Optional.of("Protect"))
                && TestNode.mode(p, "nv.db.vault").equals(Optional.of("Protect")));
    }

    @Test
    void batchChangesOutsideTheRulesAreRefusedAndChangeNothing() {
        for (String name : List.of("nope", "../../etc", "nv.web.shop", "")) {
            Reply r = assertError(patch("/v1/service/config", "{\"services\": [\"%s\"], \"policy_mode\": "
                    .formatted(name) + "\"Protect\"}"), 404);
            assertThat(r.at("/code").asInt()).as(name).isEqualTo(7);
        }
        for (String config : List.of("{\"services\": [], \"policy_mode\": \"Protect\"}",
                "{\"policy_mode\": \"Protect\"}", "{\"services\": [\"web.shop\"], \"policy_mode\": \"protect\"}",
                "{\"services\": [\"web.shop\"], \"policy_mode\": \"\"}",
                "{\"services\": [\"web.shop\"], \"profile_mode\": \"Learn\"}",
                "{\"services\": [\"web.shop\"], \"baseline_profile\": \"strict\"}",
                "{\"services\": \"web.shop\", \"policy_mode\": \"Protect\"}",
                "{\"services\": [null], \"policy_mode\": \"Protect\"}",
                "{\"services\": [\"web.shop\"], \"policy_mode\": true}",
                "{\"services\": [\"web.shop\"], \"not_scored\": \"yes\"}")) {
            assertBadRequest(patch("/v1/service/config", config));
        }
        assertBadRequest(c.as(admin, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"web.shop\"]"));
        assertBadRequest(c.as(admin, "PATCH", "/v1/service/config", "{}"));
        assertBadRequest(patch("/v1/service/config/profile", "{\"services\": [\"web.shop\"], \"profile_mode\": "
                + "\"PROTECT\"}"));
        assertBadRequest(patch("/v1/service/config/network", "{\"services\": [\"web.shop\"], \"policy_mode\": "
                + "\"Enforce\"}"));
        assertError(patch("/v1/service/config", "{\"services\": [\"" + "w".repeat(2 << 20) + "\"]}"), 413);
        assertThat(List.of(group("nv.web.shop").path("policy_mode").asText(),
                group("nv.web.shop").path("profile_mode").asText())).containsExactly("Discover", "Discover");
    }

    @Test
    void aNamespaceUserSeesAndChangesTheServicesOfItsNamespacesOnly() {
        assertOk(c.as(admin, "PATCH", "/v1/policy/rule", "{\"insert\": {\"after\": 0, \"rules\": [{\"id\": 0, "
                + "\"from\": \"nv.web.shop\", \"to\": \"nv.db.vault\", \"ports\": \"tcp/5432\", \"action\": "
                + "\"allow\"}]}}"));
        String shopAdmin = ApiChecks.user(c, admin, "sara", "", "{\"admin\": [\"shop\"]}");
        String shopReader = ApiChecks.user(c, admin, "rob", "", "{\"reader\": [\"shop\"]}");

        Reply mine = assertOk(c.as(shopAdmin, "GET", "/v1/service", null));
        assertThat(each(mine.at("/services"), "name")).containsExactly("web.shop");
        assertThat(mine.at("/services/0/policy_rules")).as("the rule reaches into vault").isEmpty();
        assertError(c.as(shopAdmin, "GET", "/v1/service/db.vault", null), 404);
        assertOk(patch("/v1/service/config", "{\"services\": [\"db.vault\"], \"policy_mode\": \"Protect\"}"));
        assertThat(assertError(c.as(shopAdmin, "PATCH", "/v1/service/config", "{\"config\": {\"services\": "
                + "[\"db.vault\"], \"policy_mode\": \"Monitor\"}}"), 404).at("/code").asInt()).isEqualTo(7);
        assertOk(c.as(shopAdmin, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"web.shop\", "
                + "\"db.vault\", \"nodes\"], \"policy_mode\": \"Monitor\"}}"));
        assertThat(group("nv.web.shop").path("policy_mode").asText()).isEqualTo("Monitor");
        assertThat(group("nv.db.vault").path("policy_mode").asText()).isEqualTo("Protect");
        assertThat(group("nodes").path("policy_mode").asText()).isEqualTo("Discover");

        assertOk(c.as(shopAdmin, "POST", "/v1/service", "{\"config\": {\"name\": \"pay\", \"domain\": \"shop\"}}"));
        assertError(c.as(shopAdmin, "POST", "/v1/service", "{\"config\": {\"name\": \"pay\", \"domain\": "
                + "\"vault\"}}"), 403);
        assertError(c.as(shopAdmin, "POST", "/v1/service", "{\"config\": {\"name\": \"pay\", \"domain\": \"\"}}"),
                403);
        assertThat(each(assertOk(c.as(shopReader, "GET", "/v1/service", null)).at("/services"), "name"))
                .containsExactly("pay.shop", "web.shop");
        assertError(c.as(shopReader, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"web.shop\"], "
                + "\"policy_mode\": \"Protect\"}}"), 403);
        assertError(c.as(shopReader, "POST", "/v1/service", "{\"config\": {\"name\": \"x\", \"domain\": "
                + "\"shop\"}}"), 403);
    }
}
