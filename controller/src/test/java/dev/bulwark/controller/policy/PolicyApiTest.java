package dev.bulwark.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Groups and network rules over the API: validation, order actions, namespaces, concurrency. */
class PolicyApiTest extends ControllerTest {

    private Reply group(String token, String name, String criteria) {
        return c.as(token, "POST", "/v1/group", "{\"config\": {\"name\": \"%s\", \"criteria\": %s}}".formatted(name,
                criteria));
    }

    private List<Integer> ruleIds() {
        List<Integer> ids = new ArrayList<>();
        c.as(admin, "GET", "/v1/policy/rule", null).at("/rules").forEach(r -> ids.add(r.get("id").asInt()));
        return ids;
    }

    private Reply insert(Integer after, String rules) {
        return c.as(admin, "PATCH", "/v1/policy/rule", "{\"insert\": {%s\"rules\": %s}}".formatted(
                after == null ? "" : "\"after\": " + after + ", ", rules));
    }

    @Test
    void largeListsAreSentGzippedToClientsThatAcceptIt() throws java.io.IOException {
        StringBuilder rules = new StringBuilder("[");
        for (int id = 1; id <= 200; id++) {
            rules.append(id > 1 ? "," : "").append("{\"id\": %d, \"from\": \"containers\", \"to\": \"external\","
                    .formatted(id)).append(" \"ports\": \"tcp/").append(1000 + id).append("\"}");
        }
        assertThat(insert(null, rules.append(']').toString()).status()).isEqualTo(200);
        var plain = c.get(admin, "/v1/policy/rule");
        var gzipped = c.get(admin, "/v1/policy/rule", "Accept-Encoding", "br;q=1.0, gzip;q=0.8");
        var refused = c.get(admin, "/v1/policy/rule", "Accept-Encoding", "gzip;q=0, identity");

        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 4);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"id\":200");

        insert(null, "[{\"id\": 201, \"from\": \"containers\", \"to\": \"external\"}]");
        var after = c.get(admin, "/v1/policy/rule", "Accept-Encoding", "gzip");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(after.body()))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("a change is seen at once, not a stale compressed copy").contains("\"id\":201");
        }
    }

    @Test
    void groupsAreValidatedListedAndProtected() {
        assertThat(group(admin, "web", "[{\"key\": \"image\", \"value\": \"nginx*\", \"op\": \"=\"},"
                + " {\"key\": \"namespace\", \"value\": \"shop\", \"op\": \"=\"}]").status()).isEqualTo(200);
        assertThat(group(admin, "db", "[{\"key\": \"label\", \"value\": \"app=db\", \"op\": \"=\"}]").status())
                .isEqualTo(200);
        assertThat(group(admin, "web", "[{\"key\": \"image\", \"value\": \"x\", \"op\": \"=\"}]").status())
                .isEqualTo(409);
        String[][] bad = {
            {"nv.web", "[{\"key\": \"image\", \"value\": \"x\", \"op\": \"=\"}]", "nv."},
            {"containers", "[{\"key\": \"image\", \"value\": \"x\", \"op\": \"=\"}]", "reserved"},
            {"../etc", "[{\"key\": \"image\", \"value\": \"x\", \"op\": \"=\"}]", "Group names"},
            {"g1", "[{\"key\": \"col or\", \"value\": \"x\", \"op\": \"=\"}]", "Invalid characters in criteria key"},
            {"g2", "[{\"key\": \"image\", \"value\": \"x\", \"op\": \"~\"}]", "Unknown criteria op"},
            {"g3", "[{\"key\": \"image\", \"value\": \"(\", \"op\": \"regex\"}]", "regular expression"},
            {"g4", "[{\"key\": \"address\", \"value\": \"10.0.0.0/8\", \"op\": \"=\"}, {\"key\": \"image\","
                    + " \"value\": \"x\", \"op\": \"=\"}]", "mixed"},
            {"g5", "[]", "needs criteria"},
        };
        for (String[] b : bad) {
            Reply r = group(admin, b[0], b[1]);
            assertThat(r.status()).as(b[0]).isEqualTo(400);
            assertThat(r.at("/message").asText()).contains(b[2]);
        }
        Reply web = c.as(admin, "GET", "/v1/group/web", null);
        assertThat(web.at("/group/domain").asText()).isEqualTo("shop");
        assertThat(web.at("/group/cfg_type").asText()).isEqualTo("user_created");
        Reply listed = c.as(admin, "GET", "/v1/group?f_cfg_type=user_created&s_name=desc", null);
        assertThat(listed.at("/groups").findValuesAsText("name")).containsExactly("web", "db");
        Reply page = c.as(admin, "GET", "/v1/group?s_name=asc&start=1&limit=2", null);
        assertThat(page.at("/groups").findValuesAsText("name")).containsExactly("db", "external");
        assertThat(c.as(admin, "GET", "/v1/group?f_name=prefix,ext", null).at("/groups").size()).isEqualTo(1);
        assertThat(c.as(admin, "DELETE", "/v1/group/nodes", null).status()).isEqualTo(400);
        assertThat(c.as(admin, "PATCH", "/v1/group/web", "{\"config\": {\"name\": \"web\", \"comment\": \"front\"}}")
                .status()).isEqualTo(200);
        assertThat(c.as(admin, "GET", "/v1/group/web", null).at("/group/comment").asText()).isEqualTo("front");
    }

    @Test
    void rulesKeepTheirOrderThroughInsertMoveAndDelete() {
        group(admin, "web", "[{\"key\": \"image\", \"value\": \"nginx\", \"op\": \"=\"}]");
        group(admin, "db", "[{\"key\": \"image\", \"value\": \"postgres\", \"op\": \"=\"}]");
        assertThat(insert(null, "[{\"id\": 10, \"from\": \"web\", \"to\": \"db\", \"ports\": \"tcp/5432\","
                + " \"action\": \"allow\", \"applications\": [\"PostgreSQL\"]},"
                + " {\"id\": 20, \"from\": \"containers\", \"to\": \"db\", \"action\": \"deny\"}]").status())
                .isEqualTo(200);
        assertThat(insert(10, "[{\"id\": 15, \"from\": \"external\", \"to\": \"web\", \"ports\": \"tcp/80,tcp/443\"}]")
                .status()).isEqualTo(200);
        assertThat(insert(-1, "[{\"from\": \"web\", \"to\": \"external\", \"ports\": \"udp/53\"}]").status())
                .isEqualTo(200);
        assertThat(ruleIds()).containsExactly(10, 15, 20, 21);
        assertThat(c.as(admin, "PATCH", "/v1/policy/rule", "{\"move\": {\"id\": 20, \"after\": 0}}").status())
                .isEqualTo(200);
        assertThat(ruleIds()).containsExactly(20, 10, 15, 21);
        assertThat(c.as(admin, "PATCH", "/v1/policy/rule", "{\"move\": {\"id\": 21, \"after\": 10}}").status())
                .isEqualTo(200);
        assertThat(ruleIds()).containsExactly(20, 10, 21, 15);
        assertThat(c.as(admin, "PATCH", "/v1/policy/rule", "{\"move\": {\"id\": 15, \"after\": 15}}").status())
                .isEqualTo(400);
        assertThat(c.as(admin, "PATCH", "/v1/policy/rule", "{\"delete\": [10, 21]}").status()).isEqualTo(200);
        assertThat(ruleIds()).containsExactly(20, 15);
        assertThat(c.as(admin, "PATCH", "/v1/policy/rule/15", "{\"config\": {\"id\": 15, \"action\": \"deny\","
                + " \"comment\": \"block\"}}").status()).isEqualTo(200);
        Reply rule = c.as(admin, "GET", "/v1/policy/rule/15", null);
        assertThat(rule.at("/rule/action").asText()).isEqualTo("deny");
        assertThat(rule.at("/rule/ports").asText()).isEqualTo("tcp/80,tcp/443");
        Reply inUse = c.as(admin, "DELETE", "/v1/group/web", null);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.at("/code").asInt()).isEqualTo(16);
        assertThat(c.as(admin, "PATCH", "/v1/policy/rule", "{\"rules\": [{\"id\": 1, \"from\": \"db\", \"to\": "
                + "\"web\"}]}").status()).isEqualTo(200);
        assertThat(ruleIds()).containsExactly(1);
        assertThat(c.as(admin, "DELETE", "/v1/policy/rule", null).status()).isEqualTo(200);
        assertThat(ruleIds()).isEmpty();
    }

    @Test
    void badRulesAreRefusedAndChangeNothing() {
        insert(null, "[{\"id\": 5, \"from\": \"containers\", \"to\": \"external\"}]");
        String[][] bad = {
            {"[{\"id\": 10000, \"from\": \"containers\", \"to\": \"nodes\"}]", "1 to 9999"},
            {"[{\"id\": -3, \"from\": \"containers\", \"to\": \"nodes\"}]", "1 to 9999"},
            {"[{\"id\": 5, \"from\": \"containers\", \"to\": \"nodes\"}]", "already exists"},
            {"[{\"id\": 6, \"from\": \"ghost\", \"to\": \"nodes\"}]", "does not exist"},
            {"[{\"id\": 7, \"from\": \"containers\", \"to\": \"nodes\", \"ports\": \"tcp/70000\"}]", "65535"},
            {"[{\"id\": 8, \"from\": \"containers\", \"to\": \"nodes\", \"ports\": \"ftp/21\"}]", "Invalid ports"},
            {"[{\"id\": 9, \"from\": \"containers\", \"to\": \"nodes\", \"action\": \"maybe\"}]", "allow or deny"},
        };
        for (String[] b : bad) {
            Reply r = insert(null, b[0]);
            assertThat(r.status()).as(b[1]).isIn(400, 409);
            assertThat(r.at("/message").asText()).contains(b[1]);
        }
        assertThat(insert(99, "[{\"id\": 7, \"from\": \"containers\", \"to\": \"nodes\"}]").status()).isEqualTo(404);
        assertThat(c.as(admin, "PATCH", "/v1/policy/rule", "{\"delete\": [5], \"move\": {\"id\": 5}}").status())
                .isEqualTo(400);
        assertThat(ruleIds()).containsExactly(5);
    }

    @Test
    void aNamespaceUserSeesAndChangesOnlyItsNamespaces() {
        assertThat(c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"anna\", \"password\": "
                + "\"Passw0rd-anna\", \"role_domains\": {\"admin\": [\"team-a\"]}}}").status()).isEqualTo(200);
        group(admin, "b-app", "[{\"key\": \"namespace\", \"value\": \"team-b\", \"op\": \"=\"}]");
        String anna = c.login("anna", "Passw0rd-anna");
        assertThat(group(anna, "a-app", "[{\"key\": \"namespace\", \"value\": \"team-a\", \"op\": \"=\"}]").status())
                .isEqualTo(200);
        assertThat(group(anna, "a-db", "[{\"key\": \"namespace\", \"value\": \"team-a\", \"op\": \"=\"},"
                + " {\"key\": \"image\", \"value\": \"postgres\", \"op\": \"=\"}]").status()).isEqualTo(200);
        assertThat(group(anna, "sneaky", "[{\"key\": \"namespace\", \"value\": \"team-b\", \"op\": \"=\"}]").status())
                .isEqualTo(403);
        assertThat(group(anna, "everything", "[{\"key\": \"image\", \"value\": \"x\", \"op\": \"=\"}]").status())
                .isEqualTo(403);
        assertThat(c.as(anna, "GET", "/v1/group", null).at("/groups").findValuesAsText("name"))
                .containsExactlyInAnyOrder("a-app", "a-db");
        assertThat(c.as(anna, "GET", "/v1/group/b-app", null).status()).isEqualTo(404);
        assertThat(c.as(anna, "DELETE", "/v1/group/b-app", null).status()).isEqualTo(404);
        assertThat(c.as(anna, "PATCH", "/v1/policy/rule", "{\"insert\": {\"rules\": [{\"id\": 1, \"from\": "
                + "\"a-app\", \"to\": \"a-db\"}]}}").status()).isEqualTo(200);
        assertThat(c.as(anna, "PATCH", "/v1/policy/rule", "{\"insert\": {\"rules\": [{\"id\": 2, \"from\": "
                + "\"a-app\", \"to\": \"b-app\"}]}}").status()).isEqualTo(403);
        insert(null, "[{\"id\": 3, \"from\": \"b-app\", \"to\": \"containers\"}]");
        assertThat(c.as(anna, "GET", "/v1/policy/rule", null).at("/rules").findValuesAsText("id"))
                .containsExactly("1");
        assertThat(c.as(anna, "DELETE", "/v1/user/admin", null).status()).isEqualTo(403);
    }

    @Test
    void concurrentInsertsLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            int id = i;
            results.add(pool.submit(() -> insert(-1, "[{\"id\": %d, \"from\": \"containers\", \"to\": \"external\"}]"
                    .formatted(id)).status()));
        }
        int ok = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            assertThat(status).isIn(200, 409);
            ok += status == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ruleIds()).hasSize(ok).doesNotHaveDuplicates();
        assertThat(ok).isPositive();
    }

    @Test
    void vulnerabilityProfileEntriesExpireAndAreValidated() {
        long past = System.currentTimeMillis() / 1000 - 60;
        Reply added = c.as(admin, "POST", "/v1/vulnerability/profile/default/entry", "{\"config\": {\"name\": "
                + "\"CVE-2021-44228\", \"images\": [\"registry.example/app:*\"], \"expire_timestamp\": " + past + "}}");
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.at("/config/id").asInt()).isEqualTo(1000);
        c.as(admin, "POST", "/v1/vulnerability/profile/default/entry", "{\"config\": {\"name\": \"CVE-2023-2976\","
                + " \"domains\": [\"shop\"]}}");
        Reply profile = c.as(admin, "GET", "/v1/vulnerability/profile/default", null);
        assertThat(profile.at("/profile/entries/0/expired").asBoolean()).isTrue();
        assertThat(profile.at("/profile/entries/1/expired").asBoolean()).isFalse();
        assertThat(profile.at("/profile/entries/1/id").asInt()).isEqualTo(1001);
        for (String bad : List.of("{\"config\": {\"name\": \"'; DROP\"}}", "{\"config\": {\"name\": \"CVE-2021-1\","
                + " \"images\": [\"a b\"]}}", "{\"config\": {\"name\": \"CVE-2021-44228\", \"days\": -1}}")) {
            assertThat(c.as(admin, "POST", "/v1/vulnerability/profile/default/entry", bad).status()).as(bad)
                    .isEqualTo(400);
        }
        assertThat(c.as(admin, "GET", "/v1/vulnerability/profile/other", null).status()).isEqualTo(404);
        group(admin, "shop-web", "[{\"key\": \"namespace\", \"value\": \"shop\", \"op\": \"=\"}]");
        assertThat(c.as(admin, "GET", "/v1/domain", null).at("/domains").findValuesAsText("name"))
                .containsExactly("shop");
    }
}
