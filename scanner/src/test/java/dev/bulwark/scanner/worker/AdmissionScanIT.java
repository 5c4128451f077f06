package dev.bulwark.scanner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.Controller;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.scanner.source.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission control's scan facts end to end: a real controller, a scanner in a process of its own and a registry
 * that {@code skopeo} pushed to. A rule denies unscanned images; a pod of an image nobody scanned yet is scanned on
 * demand while the review waits, and admitted; a pod of a tag the registry does not have stays unscanned, and denied.
 */
class AdmissionScanIT {

    private static final String PASSWORD = "Adm1n-pass!word";

    @TempDir
    static Path dir;

    private static RegistryServer registry;
    private static Controller controller;
    private static Rest rest;
    private static HttpClient webhook;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.withAlpine(dir, new RegistryServer.Auth.None(), "team/alpine:3.11");
        controller = Controller.start(new Controller.Settings(dir.resolve("controller"), "127.0.0.1", 0,
                Optional.empty(), Optional.of(PASSWORD), "test"), new PrintStream(new ByteArrayOutputStream()));
        rest = Rest.login(controller.port(), dir.resolve("controller/tls/ca.pem"), "admin", PASSWORD);
        webhook = HttpClient.newBuilder().sslContext(rest.sslContext()).build();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static JsonNode review(String image) throws Exception {
        String body = """
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "u",
                 "kind": {"group": "", "version": "v1", "kind": "Pod"}, "name": "p", "namespace": "shop",
                 "operation": "CREATE", "userInfo": {"username": "alice"},
                 "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "shop"},
                  "spec": {"containers": [{"name": "c", "image": "%s"}]}}}}""".formatted(image);
        HttpResponse<String> r = webhook.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                + controller.admissionPort() + "/v1/validate/x")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        return Json.lenient().readTree(r.body()).path("response");
    }

    @Test
    void anImageNobodyScannedIsScannedOnDemandWithinTheReview() throws Exception {
        assertThat(rest.send("PATCH", "/v1/admission/state", "{\"state\": {\"enable\": true, \"mode\": \"protect\"}}")
                .status()).isEqualTo(200);
        assertThat(rest.send("POST", "/v1/admission/rule", """
                {"config": {"category": "Kubernetes", "criteria": [{"name": "imageScanned", "op": "=",
                 "value": "false"}], "rule_type": "deny", "containers": ["containers"]}}""").status()).isEqualTo(200);
        String image = registry.host() + "/team/alpine:3.11";
        JsonNode unscanned = review(image);
        for (long deadline = Patience.deadline(); unscanned.path("allowed").asBoolean()
                && System.nanoTime() - deadline < 0; unscanned = review(image)) {
            Thread.sleep(20); // the policy follows the new rule through a store watch
        }
        assertThat(unscanned.path("allowed").asBoolean()).as("no scanner: the image is unscanned").isFalse();

        String token = rest.send("POST", "/v1/enforcer/join_token", "{\"duration\": 600}").body().path("token")
                .asText();
        try (ScannerProcess scanner = ScannerProcess.start(dir.resolve("scanner"), "127.0.0.1:"
                + controller.linkPort(), token)) {
            Patience.await(() -> scanners() == 1, () -> "the scanner connected");
            JsonNode answer = review(image);
            // the first review may run out of its budget while the image is pulled; the scan goes on for the next
            for (long deadline = Patience.deadline(); !answer.path("allowed").asBoolean()
                    && System.nanoTime() - deadline < 0; answer = review(image)) {
                Thread.sleep(100);
            }
            assertThat(answer.path("allowed").asBoolean()).as(answer.toString()).isTrue();
            assertThat(review(registry.host() + "/team/alpine:no-such-tag").path("allowed").asBoolean()).isFalse();
        }
    }

    private static int scanners() {
        try {
            return rest.get("/v1/scan/scanner").body().path("scanners").size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
