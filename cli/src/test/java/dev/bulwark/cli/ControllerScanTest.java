package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.Controller;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.link.Role;
import dev.bulwark.scanner.LayerCache;
import dev.bulwark.scanner.source.RegistryServer;
import dev.bulwark.scanner.worker.ScanWorker;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark scan --controller}: the image in a real registry is scanned by the controller's scanner (here one
 * in this process, with a signed database), and the report is written as the local scan writes it.
 */
class ControllerScanTest {

    @TempDir
    static Path dir;

    private static RegistryServer registry;
    private static Controller controller;
    private static ScanWorker scanner;
    private static String server;
    private static String login;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.withAlpine(dir, new RegistryServer.Auth.None(), "team/alpine:3.11");
        TestDatabase db = TestDatabase.build(dir);
        controller = Controller.start(new Controller.Settings(dir.resolve("controller"), "127.0.0.1", 0,
                Optional.empty(), Optional.of(ClientCommandsTest.PASSWORD), "test"),
                new PrintStream(new ByteArrayOutputStream()));
        scanner = Scanners.start("127.0.0.1:" + controller.linkPort(),
                controller.runtime().enrollments().issueLocal(Role.SCANNER, "test"), 1, LayerCache.DEFAULT_BYTES,
                db.file(),
                new Bundle.Trust.Keys(List.of(BundleKeys.readPublic(db.publicKey()))),
                new PrintWriter(new StringWriter()));
        Patience.await(scanner::connected, () -> "the scanner connected");
        server = "https://127.0.0.1:" + controller.port();
        login = dir.resolve("login.json").toString();
        CliRun r = CliRun.withInput(ClientCommandsTest.PASSWORD + "\n", "login", "--server", server, "--cacert",
                dir.resolve("controller/tls/ca.pem").toString(), "--password-stdin", "--login-file", login);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @AfterAll
    static void stop() {
        if (scanner != null) {
            scanner.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static CliRun scan(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--controller", server, "--login-file", login,
                "--insecure"));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theControllersScannerScansTheImageAndTheTableShowsItsVulnerabilities() {
        CliRun run = scan("--exit-code", "3", registry.host() + "/team/alpine:3.11");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).contains("Image:     http://" + registry.host() + "/team/alpine:3.11",
                "OS:        alpine:3.11.5", "Vulnerabilities: 4 (High: 2, Medium: 2)")
                .containsPattern("busybox +CVE-2021-28831 +High +1.31.1-r9 +1.31.1-r10")
                .containsPattern("musl +CVE-2020-28928 +Medium");
    }

    @Test
    void theNeuVectorFormatIsTheControllersReportAsItCame() throws Exception {
        CliRun run = scan("--format", "neuvector", "registry:" + registry.host() + "/team/alpine:3.11");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = Json.lenient().readTree(run.out());
        assertThat(report.path("repository").asText()).isEqualTo("team/alpine");
        assertThat(report.path("vulnerabilities")).extracting(v -> v.path("name").asText())
                .containsExactlyInAnyOrder("CVE-2020-28928", "CVE-2020-28928", "CVE-2021-28831", "CVE-2021-28831");
        assertThat(report.path("layers")).hasSize(1);
    }

    @Test
    void whatTheControllerCannotDoIsAClearErrorBeforeAnythingIsSent() {
        assertThat(scan("--format", "sarif", "x/y:1").err()).contains("with --controller, table, json or neuvector");
        assertThat(scan("--severity", "HIGH", "x/y:1").err()).contains("are for local scans");
        assertThat(scan(registry.host() + "/team/alpine@sha256:" + "0".repeat(64)).err())
                .contains("by tag, not by digest");
        CliRun other = CliRun.of("scan", "--controller", "https://elsewhere:10443", "--login-file", login, "a/b:1");
        assertThat(other.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(other.err()).contains("logged in to " + server + ", not https://elsewhere:10443");
    }

    @Test
    void theAssetViewListsEachVulnerabilityOnceWithItsPackagesAndImagesMostSevereFirst() throws Exception {
        Rest rest = Rest.login(controller.port(), dir.resolve("controller/tls/ca.pem"), "admin",
                ClientCommandsTest.PASSWORD);
        assertThat(rest.send("POST", "/v1/scan/registry", """
                {"config": {"name": "local", "registry_type": "Docker Registry", "registry": "http://%s/",
                 "filters": ["team/alpine:3.11"]}}""".formatted(registry.host())).status()).isEqualTo(200);
        assertThat(rest.send("POST", "/v1/scan/registry/local/scan", null).status()).isEqualTo(200);
        Patience.await(() -> {
            try {
                return rest.get("/v1/scan/registry/local").body().at("/summary/scanned").asInt() == 1;
            } catch (Exception e) {
                return false;
            }
        }, () -> "the registry scanned");

        JsonNode view = rest.get("/v1/scan/asset").body();
        String imageId = rest.get("/v1/scan/registry/local/images").body().at("/images/0/image_id").asText();
        assertThat(view.path("vulnerabilities")).extracting(v -> v.path("name").asText())
                .containsExactly("CVE-2021-28831", "CVE-2020-28928");
        JsonNode high = view.path("vulnerabilities").get(0);
        assertThat(high.path("severity").asText()).isEqualTo("High");
        assertThat(high.path("packages").fieldNames()).toIterable().containsExactly("busybox", "ssl_client");
        assertThat(high.at("/packages/busybox/0/fixed_version").asText()).isEqualTo("1.31.1-r10");
        assertThat(high.path("images")).extracting(JsonNode::asText).containsExactly(imageId);
        assertThat(view.at("/images/" + imageId + "/0/display_name").asText()).isEqualTo("team/alpine:3.11");
    }

    @Test
    void anImageTheRegistryDoesNotHaveIsTheScannersError() {
        CliRun run = scan(registry.host() + "/team/alpine:9.99");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("/v1/scan/repository: 500").contains("9.99");
    }
}
