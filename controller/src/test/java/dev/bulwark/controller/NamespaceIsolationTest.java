package dev.bulwark.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.runtime.TestNode;
import dev.bulwark.link.model.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every read the controller serves, walked as the administrator of another namespace: nothing of namespace
 * {@code vault} nor of the global objects shows. Every object seeded carries the marker {@code zq9}, so that a
 * leak is found whatever the shape of the answer.
 */
class NamespaceIsolationTest extends ControllerTest {

    private static final String MARK = "zq9";

    /** Values for the path parameters: names of the seeded objects, so that a get of one is tried too. */
    private static final Map<String, String> PARAMS = Map.ofEntries(Map.entry("name", "zq9-vault"),
            Map.entry("fullname", "zq9user"), Map.entry("id", "1"), Map.entry("role", "admin"),
            Map.entry("key", "zq9key"), Map.entry("uuid", MARK), Map.entry("type", "deny"), Map.entry("from", "zq9c1"),
            Map.entry("to", "external"));

    private void ok(String method, String path, String body) {
        Reply r = c.as(admin, method, path, body);
        assertThat(r.status()).as(method + " " + path + ": " + r.text()).isIn(200, 201);
    }

    /** A node that reports a container of namespace {@code vault} and an incident of it. */
    private TestNode seedRuntime() throws Exception {
        TestNode node = TestNode.join(c, admin, "zq9-node");
        node.report(true, TestNode.workload("zq9c1", "zq9-db", "vault", "zq9db", true));
        node.incidents(Map.of("name", "Process.Profile.Violation", "level", "Warning", "workload_id", "zq9c1",
                "workload_name", "zq9-db", "workload_domain", "vault", "message", "zq9 incident"));
        String ip = node.host().interfaces().get("eth0").getFirst().ip();
        String own = TestNode.workload("zq9c1", "zq9-db", "vault", "zq9db", true).interfaces().get("eth0")
                .getFirst().ip();
        node.connections(new Connection("zq9c1", false, own, "93.184.216.34", 443, 6, "SSL", "zq9.example.com",
                "deny", 0, 1, 10, 1, 1), new Connection("", false, ip, own, 22, 6, "", "", "open", 0, 1, 1, 1, 1));
        return node;
    }

    private void seed() {
        ok("POST", "/v1/group", "{\"config\": {\"name\": \"zq9-vault\", \"comment\": \"zq9 group\", \"criteria\": "
                + "[{\"key\": \"domain\", \"value\": \"vault\", \"op\": \"=\"}]}}");
        ok("PATCH", "/v1/response/rule", "{\"insert\": {\"after\": 0, \"rules\": [{\"id\": 0, \"event\": "
                + "\"security-event\", \"comment\": \"zq9 rule\", \"group\": \"zq9-vault\", \"conditions\": "
                + "[{\"type\": \"level\", \"value\": \"Critical\"}], \"actions\": [\"quarantine\"], \"webhooks\": [],"
                + " \"disable\": false, \"cfg_type\": \"user_created\"}]}}");
        ok("POST", "/v1/dlp/sensor", "{\"config\": {\"name\": \"zq9sensor\", \"comment\": \"zq9\", \"rules\": "
                + "[{\"name\": \"zq9rule\", \"patterns\": [{\"key\": \"pattern\", \"op\": \"regex\", \"value\": "
                + "\"zq9\", \"context\": \"packet\"}]}]}}");
        ok("POST", "/v1/user", "{\"user\": {\"fullname\": \"zq9user\", \"password\": \"Passw0rd-zq9\", \"role\": \"\","
                + " \"role_domains\": {\"admin\": [\"vault\"]}}}");
        ok("POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"zq9key\", \"role\": \"admin\", \"description\": "
                + "\"zq9\", \"expiration_type\": \"never\"}}");
        ok("POST", "/v1/scan/registry", "{\"config\": {\"name\": \"zq9-vault\", \"registry_type\": \"Docker "
                + "Registry\", \"registry\": \"https://zq9.example\", \"domains\": [\"vault\"], \"filters\": "
                + "[\"zq9/*\"], \"username\": \"zq9\"}}");
        ok("POST", "/v1/scan/registry", "{\"config\": {\"name\": \"zq9-global\", \"registry_type\": \"Docker "
                + "Registry\", \"registry\": \"https://zq9.example\", \"filters\": [\"zq9/*\"]}}");
        c.login("zq9user", "Passw0rd-zq9"); // a login event with the marker
        ok("POST", "/v1/user", "{\"user\": {\"fullname\": \"outsider\", \"password\": \"Passw0rd-out\", \"role\":"
                + " \"\", \"role_domains\": {\"admin\": [\"other\"]}}}");
    }

    @Test
    void anotherNamespacesAdministratorReadsNothingOfThisNamespaceNorOfTheGlobalObjects() throws Exception {
        seed();
        TestNode node = seedRuntime();
        String outsider = c.login("outsider", "Passw0rd-out");
        List<String> reads = c.controller().endpoints().stream().filter(e -> e.startsWith("GET ")).toList();
        assertThat(reads).hasSizeGreaterThan(40);
        int walked = 0;
        for (String endpoint : reads) {
            String path = endpoint.substring(4);
            for (var p : PARAMS.entrySet()) {
                path = path.replace("{" + p.getKey() + "}", p.getValue());
            }
            if (path.contains("{")) {
                continue;
            }
            Reply r = c.as(outsider, "GET", path, null);
            assertThat(r.text()).as("GET %s as another namespace's administrator (%d)".formatted(path, r.status()))
                    .doesNotContain(MARK);
            walked++;
        }
        assertThat(walked).isEqualTo(reads.size());
        assertThat(c.as(admin, "GET", "/v1/response/rule", null).text()).as("the administrator sees them")
                .contains(MARK);
        for (String path : List.of("/v1/workload", "/v1/service", "/v1/log/incident", "/v1/host", "/v1/enforcer",
                "/v1/scan/registry", "/v1/conversation", "/v1/conversation/zq9c1/external", "/v1/log/violation")) {
            assertThat(c.as(admin, "GET", path, null).text()).as("the administrator sees " + path).contains(MARK);
        }
        node.close();
    }
}
