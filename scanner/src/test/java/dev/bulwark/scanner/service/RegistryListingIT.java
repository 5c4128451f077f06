package dev.bulwark.scanner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.scanner.source.RegistryServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a registry scan lists, from a real registry (basic auth) that skopeo pushed five images to. */
class RegistryListingIT {

    private static final String USER = "scan";
    private static final String PASSWORD = "s3cret pass";

    @TempDir
    static Path dir;

    private static RegistryServer registry;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.withAlpine(dir, new RegistryServer.Auth.Basic(USER, PASSWORD), "team/alpine:3.11",
                "team/alpine:3.12", "team/alpine:edge", "team/tools:1", "other/app:1");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static RegistryListRequest request(int limit, String... repositories) {
        return new RegistryListRequest("http://" + registry.host() + "/", USER, PASSWORD, List.of(repositories),
                limit, false);
    }

    private static List<String> names(RegistryListing.Result result) {
        return result.repositories().stream().map(RegistryListing.Repository::name).toList();
    }

    @Test
    void theCatalogListsEveryRepositoryUpToTheLimit() {
        assertThat(names(RegistryListing.list(request(100)))).containsExactly("other/app", "team/alpine",
                "team/tools");
        assertThat(names(RegistryListing.list(request(2)))).containsExactly("other/app", "team/alpine");
    }

    @Test
    void theTagsOfEachRepositoryNamedAndAMissingOneIsAWarning() {
        RegistryListing.Result result = RegistryListing.list(request(100, "team/alpine", "team/gone"));
        assertThat(result.repositories()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("team/alpine");
            assertThat(r.tags()).extracting(dev.bulwark.scanner.source.RegistryCatalog.Tag::name).containsExactlyInAnyOrder("3.11", "3.12",
                    "edge");
            // one image pushed under three tags: one manifest
            assertThat(r.tags()).extracting(dev.bulwark.scanner.source.RegistryCatalog.Tag::digest).allMatch(d -> d.startsWith("sha256:"))
                    .containsOnly(r.tags().getFirst().digest());
        });
        assertThat(result.warnings()).singleElement().asString().startsWith("team/gone: ").contains("404");
        assertThat(RegistryListing.list(request(2, "team/alpine")).repositories().getFirst().tags()).hasSize(2);
    }

    @Test
    void aWrongLoginIsOneLineWithoutThePassword() {
        RegistryListRequest wrong = new RegistryListRequest("http://" + registry.host() + "/", USER, "wrong-pw",
                List.of(), 10, false);
        assertThatThrownBy(() -> RegistryListing.list(wrong)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("401").hasMessageNotContaining("wrong-pw");
    }

    @Test
    void theRequestReadsFromJsonAndRefusesWhatItCannotTake() throws Exception {
        RegistryListRequest read = Json.snakeCase().readValue("""
                {"registry": "https://r.example.com:5000/", "username": "u", "password": "p",
                 "repositories": ["org/app"], "limit": 20}""", RegistryListRequest.class);
        assertThat(read.host()).isEqualTo("r.example.com:5000");
        assertThat(read.toString()).doesNotContain("p,").doesNotContain("password");

        assertThatThrownBy(() -> request(0)).hasMessageContaining("limit: 1 to 100000");
        assertThatThrownBy(() -> request(1, "")).hasMessageContaining("each name is 1 to 255 characters");
        assertThatThrownBy(() -> new RegistryListRequest("ftp://x/", "", "", List.of(), 1, false))
                .hasMessageContaining("an http or https URL");
        assertThatThrownBy(() -> new RegistryListRequest("https://x/", "", "", java.util.Collections.nCopies(
                10_001, "a"), 1, false)).hasMessageContaining("at most 10000 at once");
    }
}
