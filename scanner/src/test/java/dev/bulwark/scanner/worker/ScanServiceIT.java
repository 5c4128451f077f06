package dev.bulwark.scanner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.Controller;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.scanner.service.NeuVectorSchema;
import dev.bulwark.scanner.source.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanning service end to end: a real controller, scanners in processes of their own that join it with a
 * token, a real registry that {@code skopeo} pushed to, and NeuVector's CI scan through the REST API, long-polled
 * as its plugins do. A scanner killed with SIGKILL in the middle of pulling the image loses nothing: the job is
 * finished by another.
 */
class ScanServiceIT {

    private static final String PASSWORD = "Adm1n-pass!word";

    @TempDir
    static Path dir;

    private static RegistryServer registry;
    private static HoldingProxy proxy;
    private static Controller controller;
    private static Rest rest;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.withAlpine(dir, new RegistryServer.Auth.None(), "team/alpine:3.11");
        proxy = new HoldingProxy(registry.host());
        controller = Controller.start(new Controller.Settings(dir.resolve("controller"), "127.0.0.1", 0,
                Optional.empty(), Optional.of(PASSWORD), "test"), new PrintStream(new ByteArrayOutputStream()));
        rest = Rest.login(controller.port(), dir.resolve("controller/tls/ca.pem"), "admin", PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static String token() throws Exception {
        Rest.Reply r = rest.send("POST", "/v1/enforcer/join_token", "{\"duration\": 600}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body().path("token").asText();
    }

    private static String link() {
        return "127.0.0.1:" + controller.linkPort();
    }

    private static void awaitScanners(int n) throws Exception {
        Patience.await(() -> scanners().size() == n, () -> "%d scanners connected; listed: %s".formatted(n,
                scanners()));
    }

    private static JsonNode scanners() {
        try {
            return rest.get("/v1/scan/scanner").body().path("scanners");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** NeuVector's CI scan as its plugins make it: the same request again for as long as the answer is 304. */
    private static Rest.Reply scanRepository(String registryUrl, String repository, String tag) throws Exception {
        String body = """
                {"request": {"metadata": {"source": "jenkins", "user": "ci", "job": "build-42"},
                 "registry": "%s", "repository": "%s", "tag": "%s", "scan_layers": true, "base_image": ""}}"""
                .formatted(registryUrl, repository, tag);
        long deadline = Patience.deadline();
        while (true) {
            Rest.Reply r = rest.send("POST", "/v1/scan/repository", body);
            if (r.status() != 304 || System.nanoTime() - deadline > 0) {
                return r;
            }
        }
    }

    @Test
    void aJobOfAScannerKilledMidScanIsFinishedByAnother() throws Exception {
        String token = token();
        try (ScannerProcess first = ScannerProcess.start(dir.resolve("scanner-1"), link(), token)) {
            awaitScanners(1);
            String killed = id(dir.resolve("scanner-1"));
            proxy.hold();
            CompletableFuture<Rest.Reply> scan = CompletableFuture.supplyAsync(() -> {
                try {
                    return scanRepository("http://" + proxy.host() + "/", "team/alpine", "3.11");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Patience.await(() -> proxy.held() > 0, () -> "the first scanner pulling the image");
            try (ScannerProcess second = ScannerProcess.start(dir.resolve("scanner-2"), link(), token)) {
                awaitScanners(2);
                first.kill();
                awaitScanners(1);
                proxy.release();

                Rest.Reply reply = scan.get(Patience.HANG.toSeconds(), TimeUnit.SECONDS);
                assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
                assertThat(new NeuVectorSchema("RESTScanRepoReportData").validate(reply.body())).isEmpty();
                JsonNode report = reply.body().path("report");
                assertThat(report.path("repository").asText()).isEqualTo("team/alpine");
                assertThat(report.path("tag").asText()).isEqualTo("3.11");
                assertThat(report.path("base_os").asText()).isEqualTo("alpine:3.11.5");
                assertThat(report.path("layers")).hasSize(1);
                // NeuVector's CLI reads these without looking first
                assertThat(report.path("secrets").isArray()).isTrue();
                assertThat(report.path("setid_perms").isArray()).isTrue();

                JsonNode survivor = scanners().get(0);
                assertThat(survivor.path("id").asText()).isEqualTo(id(dir.resolve("scanner-2")));
                assertThat(survivor.path("scanned_images").asInt()).isEqualTo(1);
                JsonNode status = rest.get("/v1/scan/status").body().path("status");
                assertThat(status.path("scanned").asInt()).isEqualTo(1);
                assertThat(status.path("scanning").asInt()).isZero();
                assertThat(events("Scanner.Disconnect")).contains(killed);
            }
        }
        awaitScanners(0);
    }

    @Test
    void anImageThatIsNotThereFailsAtOnceWithTheScannersWords() throws Exception {
        try (ScannerProcess scanner = ScannerProcess.start(dir.resolve("scanner-3"), link(), token())) {
            awaitScanners(1);
            Rest.Reply reply = scanRepository("http://" + registry.host() + "/", "team/alpine", "no-such-tag");
            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.body().path("code").asInt()).isEqualTo(26);
            assertThat(reply.body().path("message").asText()).contains("no-such-tag");

            Rest.Reply bad = scanRepository("http://" + registry.host() + "/", "team/alpine", "a".repeat(200));
            assertThat(bad.status()).as(bad.body().toString()).isEqualTo(400);
            assertThat(bad.body().path("message").asText()).startsWith("tag");
        }
        awaitScanners(0);
    }

    private static String id(Path scannerDir) throws IOException {
        return Files.readString(scannerDir.resolve("link/id")).strip();
    }

    private static String events(String name) throws Exception {
        StringBuilder found = new StringBuilder();
        for (JsonNode e : rest.get("/v1/log/event").body().path("events")) {
            if (e.path("name").asText().equals(name)) {
                found.append(e.path("scanner_id").asText()).append(' ');
            }
        }
        return found.toString();
    }
}
