package dev.bulwark.scanner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.scanner.source.RegistryServer;
import dev.bulwark.scanner.testing.Command;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images a registry scan takes, listed from a real registry (basic auth) that skopeo pushed four images to. */
class RegistryListingIT {

    private static final String USER = "scan";
    private static final String PASSWORD = "s3cret pass";

    @TempDir
    static Path dir;

    private static RegistryServer registry;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Command.executable("docker-registry").isPresent(), "docker-registry is not installed");
        assumeTrue(Command.executable("skopeo").isPresent(), "skopeo is not installed");
        assumeTrue(Command.executable("htpasswd").isPresent(), "htpasswd (apache2-utils) is not installed");
        Path archive = dir.resolve("alpine-3.11.tar");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                SharedData.path("fixtures/images/alpine-3.11.tar.gz")))) {
            Files.copy(in, archive);
        }
        registry = RegistryServer.start(dir, new RegistryServer.Auth.Basic(USER, PASSWORD));
        for (String image : List.of("team/alpine:3.11", "team/alpine:3.12", "team/alpine:edge", "team/tools:1",
                "other/app:1")) {
            registry.push(archive, image);
        }
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static RegistryListRequest request(int repoLimit, int tagLimit, String... filters) {
        List<RegistryListRequest.Filter> parsed = java.util.Arrays.stream(filters).map(f -> {
            String[] parts = f.split(":", 2);
            return new RegistryListRequest.Filter(new Glob(parts[0]), new Glob(parts[1]));
        }).toList();
        return new RegistryListRequest("http://" + registry.host() + "/", USER, PASSWORD, parsed, repoLimit,
                tagLimit);
    }

    private static List<String> images(RegistryListing.Result result) {
        return result.images().stream().map(i -> i.repository() + ":" + i.tag()).toList();
    }

    @Test
    void wildcardFiltersAreMatchedAgainstTheCatalogAndTheTags() {
        RegistryListing.Result result = RegistryListing.list(request(100, 100, "team/*:3.*", "other/app:*"));
        assertThat(images(result)).containsExactlyInAnyOrder("team/alpine:3.11", "team/alpine:3.12",
                "other/app:1");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void limitsCutTheRepositoriesAndTheTagsOfEach() {
        RegistryListing.Result result = RegistryListing.list(request(1, 2, "team/*:*"));
        assertThat(images(result)).hasSize(2).allMatch(i -> i.startsWith("team/alpine:"));
    }

    @Test
    void filtersThatNameTheirRepositoriesDoNotNeedTheCatalogAndAMissingOneIsAWarning() {
        RegistryListing.Result result = RegistryListing.list(request(100, 100, "team/tools:*", "team/gone:*"));
        assertThat(images(result)).containsExactly("team/tools:1");
        assertThat(result.warnings()).singleElement().asString().startsWith("team/gone: ").contains("404");
    }

    @Test
    void aWrongLoginIsOneLine() {
        RegistryListRequest wrong = new RegistryListRequest("http://" + registry.host() + "/", USER, "wrong",
                List.of(new RegistryListRequest.Filter(new Glob("*"), new Glob("*"))), 10, 10);
        assertThatThrownBy(() -> RegistryListing.list(wrong)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("401").hasMessageNotContaining("wrong");
    }

    @Test
    void theRequestReadsFromNeuVectorStyleJsonAndRefusesWhatItCannotTake() throws Exception {
        RegistryListRequest read = Json.snakeCase().readValue("""
                {"registry": "https://r.example.com:5000/", "username": "u", "password": "p",
                 "filters": [{"repository": "org/*", "tag": "*"}], "repo_limit": 200, "tag_limit": 20}""",
                RegistryListRequest.class);
        assertThat(read.filters().getFirst().repository()).isEqualTo(new Glob("org/*"));
        assertThat(read.toString()).doesNotContain("\"p\"").doesNotContain("password");
        assertThat(Json.compactSnakeCase().writeValueAsString(read.filters().getFirst()))
                .isEqualTo("{\"repository\":\"org/*\",\"tag\":\"*\"}");

        assertThatThrownBy(() -> request(0, 1, "*:*")).hasMessageContaining("repo_limit");
        assertThatThrownBy(() -> request(1, 1)).hasMessageContaining("filters: 1 to 256");
        assertThatThrownBy(() -> new RegistryListRequest("ftp://x/", "", "", List.of(new RegistryListRequest.Filter(
                new Glob("*"), new Glob("*"))), 1, 1)).hasMessageContaining("an http or https URL");
        assertThatThrownBy(() -> new RegistryListRequest.Filter(new Glob(""), new Glob("*")))
                .hasMessageContaining("each names a repository and a tag pattern");
    }
}
