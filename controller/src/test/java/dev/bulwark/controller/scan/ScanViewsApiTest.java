package dev.bulwark.controller.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.runtime.TestNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The scan report queries, the platform views and the registry test refuse what is wrong as NeuVector does, before
 * any scanner is asked; who may call which. With scanners, registries and runtime scans: {@code RegistryScanIT}
 * (scanner) and {@code RuntimeScanIT} (enforcer).
 */
class ScanViewsApiTest extends ControllerTest {

    private static final String WORKLOADS = "/v1/scan/workloads/scan_report";
    private static final String HOSTS = "/v1/scan/hosts/scan_report";
    private static final String TEST = "/v1/scan/registry/any/test";

    private Reply post(String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Auth-Token";
        all[1] = admin;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return c.call("POST", path, body, all);
    }

    private static void refused(Reply r, int status, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.at("/code").asInt()).isEqualTo(6);
        assertThat(r.at("/message").asText()).contains(message);
    }

    @Test
    void aScanReportQueryIsCheckedAsNeuVectorChecksIt() {
        refused(post(WORKLOADS, "{\"show_accepted\": tru"), 400, "Invalid JSON");
        refused(post(WORKLOADS, ""), 400, "empty");
        refused(post(HOSTS, "{\"max_cve_records\": \"10\"}"), 400, "Invalid JSON");
        refused(post(HOSTS, "{\"max_cve_records\": -1}"), 400, "max_cve_records");
        for (String score : new String[] {"\"score_version\": \"v4\", \"score_bottom\": 0, \"score_top\": 5",
                "\"score_version\": \"v2\", \"score_bottom\": -1, \"score_top\": 5",
                "\"score_version\": \"v3\", \"score_bottom\": 6, \"score_top\": 5"}) {
            refused(post(WORKLOADS, "{\"vul_score_filter\": {%s}}".formatted(score)), 400, "vul_score_filter");
        }
        assertThat(post(WORKLOADS, "{\"vul_score_filter\": {\"score_version\": \"\", \"score_bottom\": 0,"
                + " \"score_top\": 0}}").status()).isEqualTo(200);
        Reply unknownOp = post(WORKLOADS, "{\"filters\": [{\"name\": \"domain\", \"op\": \"gt\", \"value\": [\"a\"]}]}");
        assertThat(unknownOp.status()).isEqualTo(200);
        assertThat(unknownOp.at("/scan_data")).isEmpty();

        byte[] padded = ("{\"severity_filter\": \"High\", \"filters\": [" + ("{\"name\": \"x\", \"op\": \"eq\","
                + " \"value\": [\"y\"]},").repeat(40_000) + "{}]}").getBytes(StandardCharsets.UTF_8);
        assertThat(padded.length).isBetween(1 << 20, 2 << 20);
        Reply large = c.send("POST", HOSTS, padded, "X-Auth-Token", admin);
        assertThat(large.status()).as("NeuVector takes 2 MB: " + large.text()).isEqualTo(200);
        byte[] oversized = new byte[(2 << 20) + 1];
        java.util.Arrays.fill(oversized, (byte) ' ');
        oversized[0] = '{';
        oversized[oversized.length - 1] = '}';
        assertThat(c.send("POST", HOSTS, oversized, "X-Auth-Token", admin).status()).isEqualTo(413);
    }

    @Test
    void aNamespaceUserQueriesItsContainersButNotTheNodesNorThePlatform() {
        assertThat(c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"ns\", \"password\": \"Passw0rd-ns\","
                + " \"role\": \"\", \"role_domains\": {\"admin\": [\"shop\"]}}}").status()).isEqualTo(200);
        String ns = c.login("ns", "Passw0rd-ns");
        assertThat(c.as(ns, "POST", WORKLOADS, "{}").status()).isEqualTo(200);
        assertThat(c.as(ns, "POST", HOSTS, "{}").status()).isEqualTo(403);
        assertThat(c.as(ns, "GET", "/v1/scan/platform", null).status()).isEqualTo(403);
        assertThat(c.as(admin, "GET", "/v1/scan/platform", null).at("/code").asInt()).isEqualTo(7);
        refused(c.as(admin, "POST", "/v1/scan/platform/platform", null), 400, "not Kubernetes");
    }

    @Test
    void aNamespaceUserScansAndReadsTheContainersOfItsNamespacesOnly() throws Exception {
        assertThat(c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"shopper\", \"password\":"
                + " \"Passw0rd-ns\", \"role\": \"\", \"role_domains\": {\"admin\": [\"shop\"]}}}").status())
                .isEqualTo(200);
        String ns = c.login("shopper", "Passw0rd-ns");
        try (TestNode node = TestNode.join(c, admin, "node-1")) {
            node.report(true, TestNode.workload("aa01", "web-1", "shop", "web", true),
                    TestNode.workload("bb01", "db-1", "vault", "db", true));

            assertThat(c.as(ns, "POST", "/v1/scan/workload/aa01", null).status()).isEqualTo(200);
            assertThat(c.as(ns, "GET", "/v1/scan/workload/aa01", null).status()).isEqualTo(200);
            assertThat(c.as(ns, "POST", "/v1/scan/workload/bb01", null).status()).isEqualTo(403);
            assertThat(c.as(ns, "GET", "/v1/scan/workload/bb01", null).status()).isEqualTo(403);
            assertThat(c.as(ns, "POST", "/v1/scan/workload/nowhere", null).status()).isEqualTo(404);
            assertThat(c.as(ns, "GET", "/v1/scan/workload/nowhere", null).at("/report/vulnerabilities")).isEmpty();
            assertThat(c.as(ns, "POST", "/v1/scan/host/" + node.hostId(), null).status()).isEqualTo(403);
            assertThat(c.as(admin, "POST", "/v1/scan/workload/bb01", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aRegistryTestNeedsASupportedTypeAndAKnownTransaction() {
        refused(post(TEST, "{\"config\": {\"name\": \"x\", \"registry_type\": \"Amazon ECR Registry\"}}"), 400,
                "Unsupported registry type");
        refused(post(TEST, "{\"config\": {\"name\": \"x\", \"registry_type\": \"Docker Registry\", \"registry\":"
                + " \"ftp://x\", \"filters\": [\"*\"]}}"), 400, "Invalid registry URL");
        refused(post(TEST, "{\"config\": "), 400, "Invalid JSON");
        refused(post(TEST, "{}"), 400, "'config' is required");
        refused(post(TEST, "{\"config\": {\"name\": \"x\", \"registry_type\": \"Docker Registry\", \"registry\":"
                + " \"https://r.example/\", \"filters\": [\"*\"]}}", "X-Transaction-ID", "../../nope"), 400,
                "Unable to locate the transaction");
        refused(c.call("DELETE", TEST, null, "X-Auth-Token", admin), 400, "No transaction id");
        refused(c.call("DELETE", TEST, null, "X-Auth-Token", admin, "X-Transaction-ID", "0123456789abcdef"), 400,
                "Unable to locate the transaction");
    }
}
