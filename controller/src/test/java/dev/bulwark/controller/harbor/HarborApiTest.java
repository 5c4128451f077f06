package dev.bulwark.controller.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.ControllerFixture;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.link.proto.Job;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harbor's scanner API on a real controller, called as Harbor's client calls it: its headers, its authentication
 * types, hostile bodies, and a scan through a scanner that joined over the real link.
 */
class HarborApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCAN_REQUEST_MIME = "application/vnd.scanner.adapter.scan.request+json; version=1.0";
    private static final String NATIVE = "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";
    private static final String GENERIC = "application/vnd.security.vulnerability.report; version=1.1";
    private static final String DB_PROPERTY = "harbor.scanner-adapter/vulnerability-database-updated-at";

    @TempDir
    static Path dir;

    static ControllerFixture c;
    static String admin;
    static String harborKey;
    static String readerKey;
    static String namespaceKey;

    @BeforeAll
    static void start() {
        c = new ControllerFixture(dir);
        admin = c.login("admin", ControllerFixture.ADMIN_PASSWORD);
        harborKey = apiKey("harbor", "\"role\": \"ciops\"");
        readerKey = apiKey("watcher", "\"role\": \"reader\"");
        namespaceKey = apiKey("tenant", "\"role\": \"\", \"role_domains\": {\"admin\": [\"tenant-ns\"]}");
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    /** Makes an API key and gives it as Harbor's access credential, {@code NAME:SECRET}. */
    private static String apiKey(String name, String roles) {
        Reply r = c.as(admin, "POST", "/v1/api_key", """
                {"apikey": {"apikey_name": "%s", "expiration_type": "never", %s}}""".formatted(name, roles));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return name + ":" + r.at("/apikey/apikey_secret").asText();
    }

    /** A call as Harbor makes it with a registration of authentication type Bearer; more headers may follow. */
    private static HttpResponse<String> harbor(String method, String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + harborKey));
        if (body != null) {
            all.addAll(List.of("Content-Type", SCAN_REQUEST_MIME));
        }
        all.addAll(List.of(headers));
        return c.exchange(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                all.toArray(String[]::new));
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String contentType(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    /** An error as Harbor's client reads it: its status, {@code {"error": {"message"}}} and its type. */
    private static String harborError(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(contentType(r)).isEqualTo(HarborApi.ERROR_MIME);
        JsonNode body = json(r);
        assertThat(body.properties()).hasSize(1);
        assertThat(body.path("error").properties()).hasSize(1);
        return body.path("error").path("message").asText();
    }

    private static String scanRequest() {
        return HarborScanRequestTest.harborRequest().toString();
    }

    @Test
    void theMetadataDescribesTheScannerAndAsksForBasicRegistryCredentials() throws IOException {
        HttpResponse<String> r = harbor("GET", "/api/v1/metadata", null, "Accept", HarborApi.METADATA_MIME);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(contentType(r)).isEqualTo(HarborApi.METADATA_MIME);
        JsonNode m = json(r);
        assertThat(m.path("scanner").path("name").asText()).isEqualTo("Bulwark");
        assertThat(m.path("scanner").path("vendor").asText()).isEqualTo("Bulwark");
        assertThat(m.path("scanner").path("version").asText()).isNotEmpty();
        assertThat(m.path("capabilities")).hasSize(1);
        assertThat(m.path("capabilities").get(0)).isEqualTo(JSON.readTree("""
                {"type": "vulnerability",
                 "consumes_mime_types": ["application/vnd.oci.image.manifest.v1+json",
                                         "application/vnd.docker.distribution.manifest.v2+json"],
                 "produces_mime_types": ["%s", "%s"]}""".formatted(NATIVE, GENERIC)));
        assertThat(m.path("properties").path("harbor.scanner-adapter/scanner-type").asText())
                .isEqualTo("os-package-vulnerability");
        assertThat(m.path("properties").path("harbor.scanner-adapter/registry-authorization-type").asText())
                .isEqualTo("Basic");
    }

    @Test
    void everyHarborAuthenticationTypeCarriesTheApiKeyAndNothingElseGetsIn() throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString(harborKey.getBytes(StandardCharsets.UTF_8));
        for (String[] headers : List.of(new String[] {"Authorization", "Bearer " + harborKey},
                new String[] {"Authorization", "bearer  " + harborKey}, new String[] {"Authorization", basic},
                new String[] {"X-ScannerAdapter-API-Key", harborKey}, new String[] {"X-Auth-Apikey", harborKey},
                new String[] {"X-Auth-Token", admin})) {
            assertThat(c.exchange("GET", "/api/v1/metadata", null, headers).statusCode()).as(headers[0])
                    .isEqualTo(200);
        }
        // another last character: a random secret may end with the one we put
        String wrong = harborKey.substring(0, harborKey.length() - 1) + (harborKey.endsWith("0") ? "1" : "0");
        for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer " + wrong},
                new String[] {"Authorization", "Bearer"}, new String[] {"Authorization", "Bearer harbor"},
                new String[] {"Authorization", "Basic not-base64!"}, new String[] {"Authorization", "Digest x"},
                new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (harborKey.replace(":", "\u0000:")).getBytes(StandardCharsets.UTF_8))},
                new String[] {"X-ScannerAdapter-API-Key", wrong}, new String[] {"X-Auth-Token", "forged"})) {
            HttpResponse<String> r = c.exchange("GET", "/api/v1/metadata", null, headers);
            assertThat(harborError(r, 401)).isEqualTo("Authentication failed: a valid API key (NAME:SECRET) is needed");
        }
        assertThat(harborError(c.exchange("POST", "/api/v1/scan", scanRequest().getBytes(StandardCharsets.UTF_8)),
                401)).startsWith("Authentication failed");
        assertThat(c.call("GET", "/v1/scan/status", null, "Authorization", "Bearer " + harborKey).status())
                .as("NeuVector's API takes no Authorization header").isEqualTo(401);
    }

    @Test
    void scanningNeedsCiScanForWritingAndTheReportsForReading() throws IOException {
        assertThat(c.exchange("GET", "/api/v1/metadata", null, "Authorization", "Bearer " + readerKey).statusCode())
                .isEqualTo(200);
        assertThat(harborError(c.exchange("POST", "/api/v1/scan", scanRequest().getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + readerKey), 403)).isEqualTo("Object access denied");
        assertThat(harborError(c.exchange("GET", "/api/v1/metadata", null, "Authorization",
                "Bearer " + namespaceKey), 403)).isEqualTo("Object access denied");
        assertThat(c.as(admin, "GET", "/v1/log/event?f_name=User.Resource.Access.Denied", null).at("/events")
                .findValuesAsText("message")).contains("POST /api/v1/scan", "GET /api/v1/metadata");
    }

    @Test
    void aBodyThatIsNotJsonOrHasAWrongTypeIs400AndAWrongField422() throws IOException {
        assertThat(harborError(harbor("POST", "/api/v1/scan", "{\"registry\": "), 400)).startsWith("Invalid JSON");
        assertThat(harborError(harbor("POST", "/api/v1/scan", ""), 400)).isEqualTo("Request body is empty");
        assertThat(harborError(harbor("POST", "/api/v1/scan", "null"), 400)).isEqualTo("Request body is null");
        assertThat(harborError(harbor("POST", "/api/v1/scan", "[1, 2]"), 400)).startsWith("Invalid JSON");
        assertThat(harborError(harbor("POST", "/api/v1/scan", "{\"registry\": \"https://h\", \"artifact\": {}}"),
                400)).startsWith("Invalid JSON");
        assertThat(harborError(harbor("POST", "/api/v1/scan", "{\"registry\": {\"url\": \"https://a\", \"url\":"
                + " \"https://b\"}, \"artifact\": {}}"), 400)).startsWith("Invalid JSON").contains("Duplicate");
        assertThat(harborError(harbor("POST", "/api/v1/scan", "{\"registry\": {\"url\": 443}}"), 400))
                .startsWith("Invalid JSON");
        assertThat(harborError(harbor("POST", "/api/v1/scan", scanRequest() + " {}"), 400)).startsWith("Invalid JSON");
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(harborError(harbor("POST", "/api/v1/scan", "{\"registry\": {\"x\": " + deep + "}}"), 400))
                .startsWith("Invalid JSON");

        assertThat(harborError(harbor("POST", "/api/v1/scan", "{}"), 422)).startsWith("registry: required");
        ObjectNode bearer = HarborScanRequestTest.harborRequest();
        ((ObjectNode) bearer.path("registry")).put("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
        assertThat(harborError(harbor("POST", "/api/v1/scan", bearer.toString()), 422))
                .startsWith("registry.authorization: Bearer tokens are not supported");
        ObjectNode noDigest = HarborScanRequestTest.harborRequest();
        ((ObjectNode) noDigest.path("artifact")).remove("digest");
        assertThat(harborError(harbor("POST", "/api/v1/scan", noDigest.toString()), 422))
                .startsWith("artifact.digest: required");
    }

    @Test
    void anOversizedBodyIsRefusedInHarborsShape() throws IOException {
        ObjectNode big = HarborScanRequestTest.harborRequest();
        big.put("padding", "x".repeat(2 << 20));

        assertThat(harborError(harbor("POST", "/api/v1/scan", big.toString()), 413))
                .isEqualTo("Request body is larger than 1048576 bytes");
    }

    @Test
    void anUnknownIdOrPathIs404AndAnAcceptNamingNoReportTypeIs406() throws IOException {
        assertThat(harborError(harbor("GET", "/api/v1/scan/3fa85f64-5717-4562-b3fc-2c963f66afa6/report", null,
                "Accept", NATIVE), 404)).startsWith("No scan has this id");
        assertThat(harborError(harbor("GET", "/api/v1/scan/%3Cscript%3E/report", null, "Accept", NATIVE), 404))
                .startsWith("No scan has this id").doesNotContain("script");
        assertThat(harborError(harbor("GET", "/api/v1/scans", null), 404)).isEqualTo("URL not found");
        HttpResponse<String> wrongMethod = harbor("DELETE", "/api/v1/metadata", null);
        assertThat(wrongMethod.statusCode()).isIn(404, 405);
        assertThat(contentType(wrongMethod)).isEqualTo(HarborApi.ERROR_MIME);

        // a scan with unknown fields is taken; no scanner runs it here, so it stays queued
        ObjectNode later = HarborScanRequestTest.harborRequest();
        later.putObject("enabled_capabilities").put("type", "vulnerability");
        HttpResponse<String> accepted = harbor("POST", "/api/v1/scan", later.toString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json(accepted).path("id").asText();
        assertThat(harborError(harbor("GET", "/api/v1/scan/" + id + "/report", null, "Accept",
                "application/vnd.scanner.adapter.vuln.report.raw"), 406)).startsWith("Accept names no report type");
    }

    @Test
    void aScanIs302WhileItRunsThenHarborsReportOrTheScannersWords() throws Exception {
        assertThat(metadata().has(DB_PROPERTY)).as("no scanner has brought a database yet").isFalse();
        try (FakeScanner scanner = new FakeScanner(c.controller(), "2026-01-02T03:04:05Z")) {
            Patience.await(() -> metadata().path(DB_PROPERTY).asText().equals("2026-01-02T03:04:05Z"),
                    () -> "the metadata names the scanner's database: " + metadata());

            HttpResponse<String> accepted = harbor("POST", "/api/v1/scan", scanRequest(), "Accept",
                    "application/vnd.scanner.adapter.scan.response+json; version=1.0");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(contentType(accepted)).isEqualTo(HarborApi.SCAN_RESPONSE_MIME);
            String id = json(accepted).path("id").asText();
            Job job = awaitJob(scanner, id);
            assertThat(job.getKind()).isEqualTo("repository");
            JsonNode request = JSON.readTree(job.getRequest().toByteArray());
            assertThat(request.path("registry").asText()).isEqualTo("https://harbor.example.com");
            assertThat(request.path("username").asText()).isEqualTo("robot$library+scanner-abc");
            assertThat(request.path("password").asText()).isEqualTo("s3cr3t:with-colon");
            assertThat(request.path("digest").asText()).startsWith("sha256:0123456789abcdef");

            HttpResponse<String> running = harbor("GET", "/api/v1/scan/" + id + "/report", null, "Accept", NATIVE);
            assertThat(running.statusCode()).isEqualTo(302);
            assertThat(running.headers().firstValue("Refresh-After")).contains("5");
            assertThat(running.headers().firstValue("Location")).as("nothing to follow").isEmpty();
            assertThat(running.body()).isEmpty();

            scanner.report(job, HarborReportTest.gzip(HarborReportTest.fixture()));
            HttpResponse<String> done = awaitReport(id, NATIVE);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(contentType(done)).isEqualTo(NATIVE);
            JsonNode report = json(done);
            assertThat(report.path("artifact")).isEqualTo(HarborScanRequestTest.harborRequest().path("artifact"));
            assertThat(report.path("severity").asText()).isEqualTo("High");
            assertThat(report.path("vulnerabilities")).hasSize(4);
            HttpResponse<String> generic = harbor("GET", "/api/v1/scan/" + id + "/report", null, "Accept", GENERIC);
            assertThat(contentType(generic)).isEqualTo(GENERIC);
            assertThat(json(generic)).as("the same report, read again for another type").isEqualTo(report);

            String failing = json(harbor("POST", "/api/v1/scan", scanRequest())).path("id").asText();
            scanner.fail(awaitJob(scanner, failing), "cannot pull \"harbor.example.com/library/alpine@sha256:...\":"
                    + " registry answered 404 (manifest unknown)");
            assertThat(harborError(awaitReport(failing, GENERIC), 500)).isEqualTo(
                    "cannot pull \"harbor.example.com/library/alpine@sha256:...\": registry answered 404 (manifest"
                            + " unknown)");
        }
        JsonNode activity = c.as(admin, "GET", "/v1/log/activity", null).at("/events");
        assertThat(activity.findValuesAsText("rest_request")).contains("/api/v1/scan");
        assertThat(activity.findValuesAsText("user")).contains("apikey:harbor");
    }

    private static JsonNode metadata() {
        try {
            return json(harbor("GET", "/api/v1/metadata", null)).path("properties");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The job of this scan; jobs queued by other tests, which no scanner ran, are failed on the way. */
    private static Job awaitJob(FakeScanner scanner, String scanId) throws Exception {
        while (true) {
            Job job = scanner.awaitJob();
            if (JSON.readTree(job.getRequest().toByteArray()).path("metadata").path("job").asText().equals(scanId)) {
                return job;
            }
            scanner.fail(job, "not this test's");
        }
    }

    /** Polls the report as Harbor does, until it is no longer 302. */
    private static HttpResponse<String> awaitReport(String id, String type) throws InterruptedException {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Patience.await(() -> {
            last.set(harbor("GET", "/api/v1/scan/" + id + "/report", null, "Accept", type));
            return last.get().statusCode() != 302;
        }, () -> "the report of scan " + id + " is still being made");
        return last.get();
    }
}
