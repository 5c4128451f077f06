package dev.bulwark.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Groups and their rules out as NeuVector CRD YAML and back in. */
class CrdApiTest extends ControllerTest {

    @BeforeEach
    void seed() {
        c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"web\", \"criteria\": [{\"key\": \"namespace\","
                + " \"value\": \"shop\", \"op\": \"=\"}, {\"key\": \"image\", \"value\": \"nginx\", \"op\": \"=\"}]}}");
        c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"db\", \"criteria\": [{\"key\": \"label\","
                + " \"value\": \"app=db\", \"op\": \"=\"}]}}");
        c.as(admin, "PATCH", "/v1/policy/rule", "{\"insert\": {\"rules\": [{\"id\": 1, \"from\": \"web\", \"to\": \"db\","
                + " \"ports\": \"tcp/5432\", \"applications\": [\"PostgreSQL\"]}, {\"id\": 2, \"from\": \"external\","
                + " \"to\": \"web\", \"ports\": \"tcp/443\"}]}}");
    }

    @Test
    void exportWipeImportRestoresGroupsAndRulesOnce() {
        Reply exported = c.as(admin, "POST", "/v1/file/group", "{\"groups\": [\"web\", \"db\"]}");
        assertThat(exported.status()).isEqualTo(200);
        String yaml = exported.text();
        assertThat(yaml).contains("kind: \"NvSecurityRule\"", "namespace: \"shop\"", "kind: \"NvClusterSecurityRule\"",
                "ingress:", "egress:", "tcp/5432");

        c.as(admin, "DELETE", "/v1/policy/rule", null);
        c.as(admin, "DELETE", "/v1/group/web", null);
        c.as(admin, "DELETE", "/v1/group/db", null);
        for (int i = 0; i < 2; i++) {
            Reply imported = c.call("POST", "/v1/file/group/config", yaml, "X-Auth-Token", admin,
                    "X-Transaction-ID", "import-" + i);
            assertThat(imported.status()).as(imported.text()).isEqualTo(206);
            assertThat(imported.at("/data/status").asText()).isEqualTo("done");
        }
        Reply task = c.as(admin, "GET", "/v1/file/group/config", null);
        assertThat(task.at("/data/tid").asText()).isEqualTo("import-1");
        assertThat(task.at("/data/percentage").asInt()).isEqualTo(100);
        assertThat(task.at("/data/triggered_by").asText()).isEqualTo("admin");
        assertThat(c.as(admin, "GET", "/v1/log/event?f_name=Crd.Import", null).at("/events")
                .findValuesAsText("message")).containsExactly("imported 2 groups and 0 new rules",
                "imported 2 groups and 2 new rules");
        assertThat(c.as(admin, "GET", "/v1/group/web", null).at("/group/domain").asText()).isEqualTo("shop");
        Reply rules = c.as(admin, "GET", "/v1/policy/rule", null);
        assertThat(rules.at("/rules").size()).isEqualTo(2);
        assertThat(rules.text()).contains("\"from\":\"web\"", "\"to\":\"db\"", "\"from\":\"external\"");
    }

    @Test
    void badFilesChangeNothing() {
        String before = c.as(admin, "GET", "/v1/policy/rule", null).text();
        for (String bad : new String[] {"items: [", "kind: List\nitems:\n- kind: Deployment\n",
                "items:\n- kind: NvClusterSecurityRule\n  spec:\n    target:\n      selector: {name: x, criteria: "
                        + "[{key: 'col our', op: '=', value: red}]}\n",
                "items:\n- kind: NvClusterSecurityRule\n  spec:\n    target:\n      selector: {name: web}\n    ingress:\n"
                        + "    - {action: allow, ports: tcp/99999, selector: {name: external}}\n"}) {
            Reply r = c.call("POST", "/v1/file/group/config", bad, "X-Auth-Token", admin);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.at("/code").asInt()).isEqualTo(18);
            assertThat(c.as(admin, "GET", "/v1/file/group/config", null).at("/data/status").asText())
                    .isEqualTo(r.at("/message").asText());
        }
        assertThat(c.as(admin, "GET", "/v1/policy/rule", null).text()).isEqualTo(before);
        assertThat(c.as(admin, "GET", "/v1/log/event?f_name=Crd.Error", null).at("/events").size()).isEqualTo(4);
    }
}
