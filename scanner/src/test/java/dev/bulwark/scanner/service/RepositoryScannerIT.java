package dev.bulwark.scanner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.RegistryServer;
import dev.bulwark.scanner.source.SourceOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository scan against a real registry ({@link RegistryServer}, basic auth) that {@code skopeo} pushed the
 * alpine 3.11 fixture to: the request's login and only it, and NeuVector's report of what was pulled.
 */
class RepositoryScannerIT {

    private static final String USER = "ci";
    private static final String PASSWORD = "pass word";

    @TempDir
    static Path dir;

    private static RegistryServer registry;
    private static final RepositoryScanner SCANNER = new RepositoryScanner(Analyzers.scanner());

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        registry = RegistryServer.withAlpine(dir, new RegistryServer.Auth.Basic(USER, PASSWORD), "team/alpine:3.11");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static RepositoryScanRequest request(String user, String password, String tag) {
        return new RepositoryScanRequest(null, "http://" + registry.host() + "/", user, password, "team/alpine", tag,
                true, "");
    }

    @Test
    void scansWithTheRequestsLoginAndReportsWhatSkopeoSees() throws Exception {
        JsonNode inspected = Json.lenient().readTree(registry.inspect("team/alpine:3.11"));

        ScannedImage scanned = SCANNER.scan(request(USER, PASSWORD, "3.11"));
        JsonNode report = Json.snakeCase().valueToTree(Map.of("report", SCANNER.report(scanned, Optional.empty())));

        assertThat(new NeuVectorSchema("RESTScanRepoReportData").validate(report)).isEmpty();
        JsonNode r = report.path("report");
        assertThat(r.path("registry").asText()).isEqualTo("http://" + registry.host() + "/");
        assertThat(r.path("repository").asText()).isEqualTo("team/alpine");
        assertThat(r.path("tag").asText()).isEqualTo("3.11");
        assertThat(r.path("digest").asText()).isEqualTo(inspected.path("Digest").asText());
        assertThat(r.path("base_os").asText()).isEqualTo("alpine:3.11.5");
        assertThat(r.path("size").asLong()).isPositive();
        assertThat(r.path("layers")).singleElement().satisfies(layer -> {
            assertThat(layer.path("digest").asText()).isEqualTo(inspected.path("Layers").get(0).asText());
            assertThat(layer.path("size").asLong()).isEqualTo(r.path("size").asLong());
        });
        assertThat(r.path("modules")).hasSizeGreaterThan(10);
        assertThat(r.path("warnings")).extracting(JsonNode::asText).containsExactly(RepositoryScanner.NO_DATABASE);
    }

    @Test
    void readsTheBaseImageOnTheSameRegistryWithTheRequestsLogin() {
        RepositoryScanRequest request = new RepositoryScanRequest(null, "http://" + registry.host() + "/", USER,
                PASSWORD, "team/alpine", "3.11", true, "team/alpine:3.11");

        ScannedImage scanned = SCANNER.scan(request);

        assertThat(request.baseImageReference()).isEqualTo(registry.host() + "/team/alpine:3.11");
        assertThat(scanned.base().warning()).isEmpty();
        assertThat(scanned.base().diffIds()).containsExactlyElementsOf(
                scanned.inventory().layers().stream().map(l -> l.diffId()).toList());
    }

    @Test
    void aBaseImageThatCannotBeReadIsAWarningNotAFailure() {
        RepositoryScanRequest request = new RepositoryScanRequest(null, "http://" + registry.host() + "/", USER,
                PASSWORD, "team/alpine", "3.11", true, "team/absent:1");

        ScannedImage scanned = SCANNER.scan(request);
        JsonNode report = Json.snakeCase().valueToTree(SCANNER.report(scanned, Optional.empty()));

        assertThat(scanned.base().diffIds()).isEmpty();
        assertThat(report.path("warnings")).extracting(JsonNode::asText).anySatisfy(w -> assertThat(w)
                .startsWith("base_image team/absent:1 was not read, so in_base_image is false for every vulnerability:")
                .contains("not found"));
    }

    @Test
    void aWrongOrMissingLoginIsRefusedInOneLineWithoutThePassword() {
        assertThatThrownBy(() -> SCANNER.scan(request(USER, "not-the-password", "3.11")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("registry answered 401")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password").doesNotContain("\n"));
        assertThatThrownBy(() -> SCANNER.scan(request("", "", "3.11")))
                .hasMessageContaining("registry answered 401");
    }

    @Test
    void anAbsentTagIsNotFound() {
        assertThatThrownBy(() -> SCANNER.scan(request(USER, PASSWORD, "3.12")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("404");
    }

    /** A worker serves others: it must not lend the login its Docker config holds for the registry they name. */
    @Test
    void neverLogsInWithTheDockerConfig() throws IOException {
        Path dockerConfig = dir.resolve("docker-config.json");
        Files.writeString(dockerConfig, "{\"auths\":{\"%s\":{\"auth\":\"%s\"}}}".formatted(registry.host(),
                Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
        SourceOptions options = new SourceOptions("linux/amd64", true, "", "", dockerConfig);

        assertThatThrownBy(() -> ImageSources.openRegistry(registry.host() + "/team/alpine:3.11", options).close())
                .hasMessageContaining("registry answered 401");
        ImageSources.open("registry:" + registry.host() + "/team/alpine:3.11", options).close();
    }
}
