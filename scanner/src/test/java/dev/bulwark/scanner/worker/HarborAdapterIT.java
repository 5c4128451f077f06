package dev.bulwark.scanner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.Controller;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.link.Role;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.service.RepositoryScanner;
import dev.bulwark.scanner.source.RegistryServer;
import dev.bulwark.scanner.testing.AlpineFixtureFeeds;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleWriter;
import dev.bulwark.vulndb.bundle.LiveBundle;
import dev.bulwark.vulndb.feed.FeedKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harbor's scanner API end to end, called as Harbor calls it: a real controller, a scanner worker with a
 * vulnerability database joined to it over the link, and a real {@code docker-registry} with Basic auth that
 * {@code skopeo} pushed the alpine:3.11 fixture to, reached through a proxy that can hold blob pulls. Harbor's
 * request names the image by digest and gives its robot account's login as Basic; the report is polled, 302 while
 * the pull is held, then 200 with the vulnerabilities in Harbor's shape.
 */
class HarborAdapterIT {

    private static final ObjectMapper JSON = Json.lenient();
    private static final String PASSWORD = "Adm1n-pass!word";
    private static final String ROBOT = "robot$team+bulwark-scan";
    private static final String ROBOT_SECRET = "R0bot-s3cret";
    private static final String NATIVE = "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";
    private static final String GENERIC = "application/vnd.security.vulnerability.report; version=1.1";
    private static final String BUILT = "2026-01-02T03:04:05Z";

    @TempDir
    static Path dir;

    private static RegistryServer registry;
    private static HoldingProxy proxy;
    private static Controller controller;
    private static LiveBundle database;
    private static ScanWorker scanner;
    private static HttpClient http;
    private static String base;
    private static String apiKey;
    private static String digest;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.withAlpine(dir, new RegistryServer.Auth.Basic(ROBOT, ROBOT_SECRET),
                "team/alpine:3.11");
        digest = JSON.readTree(registry.inspect("team/alpine:3.11")).path("Digest").asText();
        proxy = new HoldingProxy(registry.host());

        BundleWriter writer = new BundleWriter();
        writer.add(new BundleWriter.Source(FeedKind.ALPINE_SECDB, Files.writeString(dir.resolve("main.json"),
                AlpineFixtureFeeds.SECDB)));
        writer.add(new BundleWriter.Source(FeedKind.NVD, Files.writeString(dir.resolve("nvd.json"),
                AlpineFixtureFeeds.NVD)));
        writer.write(dir.resolve("db"), Optional.empty(), Instant.parse(BUILT));
        database = new LiveBundle(dir.resolve("db"), new Bundle.Trust.Unverified(), Duration.ofSeconds(30), _ -> { });

        controller = Controller.start(new Controller.Settings(dir.resolve("controller"), "127.0.0.1", 0,
                Optional.empty(), Optional.of(PASSWORD), "test"), new PrintStream(new ByteArrayOutputStream()));
        scanner = new ScanWorker(new ScanWorker.Settings("127.0.0.1:" + controller.linkPort(),
                controller.runtime().enrollments().issueLocal(Role.SCANNER, "harbor-it"), 1, "test"),
                new RepositoryScanner(Analyzers.scanner()), Optional.of(database));
        Patience.await(scanner::connected, () -> "the scanner connected");

        Path ca = dir.resolve("controller/tls/ca.pem");
        Rest rest = Rest.login(controller.port(), ca, "admin", PASSWORD);
        Rest.Reply key = rest.send("POST", "/v1/api_key", """
                {"apikey": {"apikey_name": "harbor", "expiration_type": "never", "role": "ciops"}}""");
        assertThat(key.status()).as(key.body().toString()).isEqualTo(200);
        apiKey = "harbor:" + key.body().path("apikey").path("apikey_secret").asText();
        http = HttpClient.newBuilder().sslContext(trusting(ca)).connectTimeout(Duration.ofSeconds(30)).build();
        base = "https://localhost:" + controller.port() + "/api/v1";
    }

    @AfterAll
    static void stop() {
        if (scanner != null) {
            scanner.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (database != null) {
            database.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    /** A call as Harbor's client makes it for a registration of authentication type Bearer. */
    private static HttpResponse<String> harbor(String method, String path, String body, String accept)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + apiKey).header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/vnd.scanner.adapter.scan.request+json; version=1.0");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Harbor's scan request for the pushed image, by digest, with the robot's login as Basic. */
    private static String scanRequest(String registryHost, String digest, String robotSecret) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("registry").put("url", "http://" + registryHost).put("authorization", "Basic "
                + Base64.getEncoder().encodeToString((ROBOT + ":" + robotSecret).getBytes(StandardCharsets.UTF_8)));
        body.putObject("artifact").put("repository", "team/alpine").put("digest", digest).put("tag", "3.11")
                .put("mime_type", "application/vnd.docker.distribution.manifest.v2+json");
        return body.toString();
    }

    private static String submit(String request) throws Exception {
        HttpResponse<String> r = harbor("POST", "/scan", request,
                "application/vnd.scanner.adapter.scan.response+json; version=1.0");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }

    /** Polls as Harbor does until the answer is no longer 302. */
    private static HttpResponse<String> awaitReport(String id, String accept) throws Exception {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Patience.await(() -> {
            try {
                last.set(harbor("GET", "/scan/" + id + "/report", null, accept));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return last.get().statusCode() != 302;
        }, () -> "the report of scan " + id + ": still 302");
        return last.get();
    }

    @Test
    void harborScansAnImageByDigestAndGetsItsVulnerabilities() throws Exception {
        HttpResponse<String> metadata = harbor("GET", "/metadata", null,
                "application/vnd.scanner.adapter.metadata+json; version=1.0");
        assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(200);
        JsonNode properties = JSON.readTree(metadata.body()).path("properties");
        assertThat(properties.path("harbor.scanner-adapter/vulnerability-database-updated-at").asText())
                .isEqualTo(BUILT);
        assertThat(properties.path("harbor.scanner-adapter/registry-authorization-type").asText()).isEqualTo("Basic");

        proxy.hold();
        String id;
        try {
            id = submit(scanRequest(proxy.host(), digest, ROBOT_SECRET));
            Patience.await(() -> proxy.held() > 0, () -> "the scanner pulling the image's layer");
            HttpResponse<String> running = harbor("GET", "/scan/" + id + "/report", null, NATIVE);
            assertThat(running.statusCode()).as(running.body()).isEqualTo(302);
            assertThat(running.headers().firstValue("Refresh-After")).contains("5");
        } finally {
            proxy.release();
        }

        HttpResponse<String> done = awaitReport(id, NATIVE);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.headers().firstValue("Content-Type")).contains(NATIVE);
        JsonNode report = JSON.readTree(done.body());
        assertThat(report.path("artifact").path("digest").asText()).isEqualTo(digest);
        assertThat(report.path("artifact").path("repository").asText()).isEqualTo("team/alpine");
        assertThat(report.path("scanner").path("name").asText()).isEqualTo("Bulwark");
        assertThat(report.path("severity").asText()).isEqualTo("High");
        assertThat(report.path("vulnerabilities")).extracting(v -> String.join(" ", v.path("package").asText(),
                v.path("version").asText(), v.path("id").asText(), v.path("severity").asText(),
                v.path("fix_version").asText())).containsExactlyInAnyOrder(
                        "musl 1.1.24-r2 CVE-2020-28928 Medium 1.1.24-r3",
                        "musl-utils 1.1.24-r2 CVE-2020-28928 Medium 1.1.24-r3",
                        "busybox 1.31.1-r9 CVE-2021-28831 High 1.31.1-r10",
                        "ssl_client 1.31.1-r9 CVE-2021-28831 High 1.31.1-r10");
        JsonNode busybox = null;
        for (JsonNode v : report.path("vulnerabilities")) {
            if (v.path("package").asText().equals("busybox")) {
                busybox = v;
            }
        }
        assertThat(busybox.path("preferred_cvss").path("score_v3").asDouble()).isEqualTo(7.5);
        assertThat(busybox.path("preferred_cvss").path("vector_v3").asText())
                .isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
        assertThat(busybox.path("description").asText()).startsWith("decompress_gunzip.c in BusyBox");

        HttpResponse<String> generic = harbor("GET", "/scan/" + id + "/report", null, GENERIC);
        assertThat(generic.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(generic.body())).isEqualTo(report);
    }

    @Test
    void aDigestTheRegistryDoesNotHaveOrAWrongRobotSecretFailsWithTheScannersWords() throws Exception {
        String missing = submit(scanRequest(registry.host(), "sha256:" + "0".repeat(64), ROBOT_SECRET));
        HttpResponse<String> notThere = awaitReport(missing, NATIVE);
        assertThat(notThere.statusCode()).as(notThere.body()).isEqualTo(500);
        assertThat(notThere.headers().firstValue("Content-Type"))
                .contains("application/vnd.scanner.adapter.error+json; version=1.0");
        assertThat(JSON.readTree(notThere.body()).path("error").path("message").asText())
                .contains("team/alpine").contains("sha256:" + "0".repeat(64));

        String refused = submit(scanRequest(registry.host(), digest, "wrong-secret"));
        HttpResponse<String> unauthorized = awaitReport(refused, GENERIC);
        assertThat(unauthorized.statusCode()).as(unauthorized.body()).isEqualTo(500);
        assertThat(JSON.readTree(unauthorized.body()).path("error").path("message").asText()).contains("401")
                .doesNotContain("wrong-secret");
    }
}
