package dev.bulwark.scanner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.service.RepositoryScanner;
import dev.bulwark.scanner.source.RegistryServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry scans through NeuVector's API: a real registry (basic auth) that skopeo pushed four images to, behind a
 * proxy that can hold blob pulls, a real controller and a scanner joined to it.
 */
class RegistryScanIT {

    private static final String USER = "reg";
    private static final String REGISTRY_PASSWORD = "reg pass";

    @TempDir
    static Path dir;

    private static WorkerFixture fixture;
    private static HoldingProxy proxy;
    private static Rest rest;

    @BeforeAll
    static void start() throws Exception {
        fixture = WorkerFixture.start(dir, new RegistryServer.Auth.Basic(USER, REGISTRY_PASSWORD),
                new RepositoryScanner(Analyzers.scanner()), "team/alpine:3.11", "team/alpine:3.12", "team/alpine:edge",
                "team/tools:1", "other/app:1");
        proxy = fixture.proxy();
        rest = fixture.rest();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static void create(String name, String host, String... filters) throws Exception {
        Rest.Reply r = rest.send("POST", "/v1/scan/registry", """
                {"config": {"name": "%s", "registry_type": "Docker Registry", "registry": "http://%s/",
                 "username": "%s", "password": "%s", "filters": %s, "scan_layers": true}}"""
                .formatted(name, host, USER, REGISTRY_PASSWORD, dev.bulwark.core.json.Json.compactSnakeCase()
                        .writeValueAsString(List.of(filters))));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    private static JsonNode summary(String name) throws Exception {
        return rest.get("/v1/scan/registry/" + name).body().path("summary");
    }

    /** Scans a registry and waits until it is idle again after a job of its own ended (it lists at least once). */
    private static void scanAndWait(String name) throws Exception {
        long jobs = jobsEnded();
        assertThat(rest.send("POST", "/v1/scan/registry/" + name + "/scan", null).status()).isEqualTo(200);
        Patience.await(() -> get(name).path("status").asText().equals("idle") && jobsEnded() > jobs,
                () -> "the scan of " + name + " done: " + get(name));
    }

    private static long jobsEnded() {
        try {
            JsonNode status = rest.get("/v1/scan/status").body().path("status");
            return status.path("scanned").asLong() + status.path("failed").asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode get(String name) {
        try {
            return summary(name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> images(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("images").forEach(i -> names.add(i.path("repository").asText() + ":" + i.path("tag").asText()));
        return names;
    }

    @Test
    void aRegistryIsScannedAsItsFiltersSayAndAnUnchangedImageIsNotPulledAgain() throws Exception {
        create("local", fixture.registry().host(), "team/*:3.*", "other/app:*");
        scanAndWait("local");

        JsonNode s = summary("local");
        assertThat(s.path("scanned").asInt()).isEqualTo(3);
        assertThat(s.path("failed").asInt()).isZero();
        assertThat(s.path("error_message").asText()).isEmpty();
        JsonNode list = rest.get("/v1/scan/registry/local/images").body();
        assertThat(images(list)).containsExactly("other/app:1", "team/alpine:3.11", "team/alpine:3.12");
        JsonNode first = list.path("images").get(0);
        assertThat(first.path("status").asText()).isEqualTo("finished");
        assertThat(first.path("result").asText()).isEqualTo("succeeded");
        assertThat(first.path("base_os").asText()).isEqualTo("alpine:3.11.5");
        assertThat(first.path("digest").asText()).startsWith("sha256:");
        assertThat(first.has("registry")).isFalse();
        String imageId = first.path("image_id").asText();
        assertThat(imageId).isNotEmpty();

        JsonNode report = rest.get("/v1/scan/registry/local/image/" + imageId).body().path("report");
        assertThat(report.path("vulnerabilities").isArray()).isTrue();
        assertThat(report.path("secrets").isArray()).isTrue();
        assertThat(report.path("modules")).hasSize(14);
        assertThat(report.has("repository")).isFalse();
        JsonNode layers = rest.get("/v1/scan/registry/local/layers/" + imageId).body().path("report").path("layers");
        assertThat(layers).hasSize(1);
        assertThat(layers.get(0).path("secrets").isArray()).isTrue();
        assertThat(rest.get("/v1/scan/registry/local/image/sha256-nope").status()).isEqualTo(404);
        List<String> audited = new ArrayList<>();
        for (JsonNode a : rest.get("/v1/log/audit").body().path("audits")) {
            if (a.path("name").asText().equals("Registry.Scan.Report") && a.path("registry_name").asText()
                    .equals("local")) {
                audited.add(a.path("repository").asText() + ":" + a.path("tag").asText() + " "
                        + a.path("level").asText() + " " + a.path("base_os").asText());
            }
        }
        assertThat(audited).containsExactlyInAnyOrder("other/app:1 Info alpine:3.11.5",
                "team/alpine:3.11 Info alpine:3.11.5", "team/alpine:3.12 Info alpine:3.11.5");

        long scannedAt = first.path("scanned_timestamp").asLong();
        long jobs = rest.get("/v1/scan/status").body().path("status").path("scanned").asLong();
        scanAndWait("local");
        JsonNode again = rest.get("/v1/scan/registry/local/images").body().path("images").get(0);
        assertThat(again.path("scanned_timestamp").asLong()).isEqualTo(scannedAt);
        assertThat(summary("local").path("scanned").asInt()).isEqualTo(3);
        // the two listings only: no image was pulled again
        assertThat(rest.get("/v1/scan/status").body().path("status").path("scanned").asLong()).isEqualTo(jobs + 2);

        assertThat(rest.send("PATCH", "/v1/scan/registry/local", "{\"config\": {\"filters\": [\"team/*:3.*\"]}}")
                .status()).isEqualTo(200);
        scanAndWait("local");
        assertThat(images(rest.get("/v1/scan/registry/local/images").body())).as("other/app is no longer taken")
                .containsExactly("team/alpine:3.11", "team/alpine:3.12");
        JsonNode history = rest.get("/v1/scan/registry/local/images?history=true").body();
        assertThat(images(history)).containsExactly("other/app:1", "team/alpine:3.11", "team/alpine:3.12");
        assertThat(history.path("images").get(0).path("gone").asBoolean()).isTrue();
    }

    @Test
    void limitsOfZeroAreNoLimits() throws Exception {
        Rest.Reply r = rest.send("POST", "/v1/scan/registry", """
                {"config": {"name": "unlimited", "registry_type": "Docker Registry", "registry": "http://%s/",
                 "username": "%s", "password": "%s", "filters": ["team/*"], "repo_limit": 0, "tag_limit": 0}}"""
                .formatted(fixture.registry().host(), USER, REGISTRY_PASSWORD));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        scanAndWait("unlimited");
        assertThat(images(rest.get("/v1/scan/registry/unlimited/images").body()))
                .containsExactly("team/alpine:3.11", "team/alpine:3.12", "team/alpine:edge", "team/tools:1");
    }

    @Test
    void aScanCanBeStoppedAndTheRegistryIsNotDeletedWhileItRuns() throws Exception {
        create("held", proxy.host(), "team/alpine:*");
        proxy.hold();
        try {
            assertThat(rest.send("POST", "/v1/scan/registry/held/scan", null).status()).isEqualTo(200);
            Patience.await(() -> proxy.held() > 0, () -> "an image being pulled");
            assertThat(get("held").path("status").asText()).isEqualTo("scanning");
            Rest.Reply delete = rest.send("DELETE", "/v1/scan/registry/held", null);
            assertThat(delete.status()).isEqualTo(400);
            assertThat(delete.body().path("message").asText()).contains("while scan is running");

            assertThat(rest.send("DELETE", "/v1/scan/registry/held/scan", null).status()).isEqualTo(200);
        } finally {
            proxy.release();
        }
        Patience.await(() -> get("held").path("status").asText().equals("idle"), () -> "stopped: " + get("held"));
        assertThat(get("held").path("scanned").asInt()).isLessThan(3);
        assertThat(rest.send("DELETE", "/v1/scan/registry/held", null).status()).isEqualTo(200);
    }

    @Test
    void aRepositoryThatIsNotThereScansNothingAndAWrongLoginSaysWhy() throws Exception {
        create("gone", fixture.registry().host(), "team/gone:*");
        scanAndWait("gone");
        assertThat(summary("gone").path("scanned").asInt()).isZero();
        assertThat(images(rest.get("/v1/scan/registry/gone/images").body())).isEmpty();

        Rest.Reply r = rest.send("POST", "/v1/scan/registry", """
                {"config": {"name": "wrong", "registry_type": "Docker Registry", "registry": "http://%s/",
                 "username": "%s", "password": "not it", "filters": ["*"]}}"""
                .formatted(fixture.registry().host(), USER));
        assertThat(r.status()).isEqualTo(200);
        scanAndWait("wrong");
        JsonNode s = summary("wrong");
        assertThat(s.path("error_message").asText()).isEqualTo("Failed to list the registry");
        assertThat(s.path("error_detail").asText()).contains("401").doesNotContain("not it");
    }
    /** Polls a registry test until it ends, as NeuVector's console does: 304 and 206 until 200. */
    private static List<JsonNode> test(String body) throws Exception {
        java.net.http.HttpResponse<byte[]> r = rest.exchange("POST", "/v2/scan/registry/any/test", body);
        String id = r.headers().firstValue("X-Transaction-ID").orElseThrow();
        assertThat(id).hasSize(16);
        long deadline = Patience.deadline();
        while (r.statusCode() != 200) {
            assertThat(r.statusCode()).as(new String(r.body())).isIn(206, 304);
            assertThat(System.nanoTime()).as("the test ended").isLessThan(deadline);
            r = rest.exchange("POST", "/v2/scan/registry/any/test", body, "X-Transaction-ID", id);
            assertThat(r.headers().firstValue("X-Transaction-ID")).contains(id);
        }
        List<JsonNode> steps = new ArrayList<>();
        Rest.json(r).path("steps").forEach(steps::add);
        assertThat(rest.exchange("POST", "/v2/scan/registry/any/test", body, "X-Transaction-ID", id).statusCode())
                .as("an ended test is gone once polled").isEqualTo(400);
        return steps;
    }

    private static String config(String host, String password, String filters) {
        return """
                {"config": {"name": "any", "registry_type": "Docker Registry", "registry": "http://%s/",
                 "auth": {"username": "%s", "password": "%s"}, "filters": %s}}""".formatted(host, USER, password,
                filters);
    }

    private static List<String> of(List<JsonNode> steps, String type) {
        return steps.stream().filter(s -> s.path("step_type").asText().equals(type))
                .map(s -> s.path("step_content").asText()).toList();
    }

    @Test
    void aRegistryTestListsWhatAScanWouldTakeStepByStepAndNeverShowsThePassword() throws Exception {
        List<JsonNode> steps = test(config(fixture.registry().host(), REGISTRY_PASSWORD, "[\"team/*:3.*\"]"));
        assertThat(of(steps, "stage")).containsExactly("Test registry connection", "Get registry repository list",
                "Get registry repository tag list", "Discovered 2 images");
        assertThat(of(steps, "url")).contains("GET http://%s/v2/_catalog?n=1000"
                .formatted(fixture.registry().host()));
        assertThat(of(steps, "response")).anyMatch(b -> b.contains("team/alpine"));
        assertThat(of(steps, "images")).containsExactly("""
                Registry: http://%1$s/, repository: team/alpine, tag: 3.12
                Registry: http://%1$s/, repository: team/alpine, tag: 3.11
                """.formatted(fixture.registry().host()));
        assertThat(of(steps, "error")).isEmpty();
        assertThat(steps.toString()).doesNotContain(REGISTRY_PASSWORD)
                .doesNotContain(java.util.Base64.getEncoder().encodeToString((USER + ":" + REGISTRY_PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aRegistryTestWithAWrongPasswordOrAnUnreachableHostEndsWithItsError() throws Exception {
        List<JsonNode> wrong = test(config(fixture.registry().host(), "not it", "[\"*\"]"));
        assertThat(of(wrong, "error")).singleElement().asString().startsWith("Test registry connection failed:")
                .contains("401");
        assertThat(of(wrong, "images")).isEmpty();
        assertThat(wrong.toString()).doesNotContain("not it");

        String nobody = "127.0.0.1:1"; // nothing listens on port 1
        List<JsonNode> unreachable = test(config(nobody, REGISTRY_PASSWORD, "[\"*\"]"));
        assertThat(of(unreachable, "error")).last().asString().contains("cannot connect to " + nobody);
    }

    @Test
    void aRegistryTestTakesTheV1BodyAndIsCancelledByItsTransactionId() throws Exception {
        String body = """
                {"config": {"name": "any", "registry_type": "Docker Registry", "registry": "http://%s/",
                 "username": "%s", "password": "%s", "filters": ["other/app:1"]}}"""
                .formatted(fixture.registry().host(), USER,
                REGISTRY_PASSWORD);
        java.net.http.HttpResponse<byte[]> first = rest.exchange("POST", "/v1/scan/registry/x/test", body);
        assertThat(first.statusCode()).isIn(200, 206);
        String id = first.headers().firstValue("X-Transaction-ID").orElseThrow();
        assertThat(rest.send("DELETE", "/v1/scan/registry/x/test", null).status()).isEqualTo(400);
        assertThat(rest.exchange("DELETE", "/v1/scan/registry/x/test", null, "X-Transaction-ID", id).statusCode())
                .isIn(200, 400); // 400 once a first answer that was already complete let the test go
        Patience.await(() -> {
            try {
                int status = rest.exchange("POST", "/v1/scan/registry/x/test", body, "X-Transaction-ID", id)
                        .statusCode();
                return status == 200 || status == 400;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, () -> "the test ended");
    }
}
