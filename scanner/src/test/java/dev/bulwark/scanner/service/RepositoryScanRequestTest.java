package dev.bulwark.scanner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryScanRequestTest {

    private static RepositoryScanRequest request(String registry, String repository, String tag) {
        return new RepositoryScanRequest(null, registry, "", "", repository, tag, false, "");
    }

    /** Reads {@code {"request": ...}} as a controller would hand it over; construction errors come out as thrown. */
    private static RepositoryScanRequest read(String json) throws IOException {
        JsonNode body = Json.snakeCase().readTree(json);
        try {
            return Json.snakeCase().treeToValue(body.path("request"), RepositoryScanRequest.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @ParameterizedTest(name = "{0} {1}:{2}")
    @CsvSource(nullValues = "null", value = {
            "https://registry.hub.docker.com/, alpine, 3.11, https://registry.hub.docker.com/, library/alpine, 3.11,"
                    + " docker.io/library/alpine:3.11",
            "https://registry.hub.docker.com, bitnami/redis, '', https://registry.hub.docker.com/, bitnami/redis,"
                    + " latest, docker.io/bitnami/redis:latest",
            "https://INDEX.docker.io, alpine, null, https://index.docker.io/, library/alpine, latest,"
                    + " docker.io/library/alpine:latest",
            "http://127.0.0.1:5000/, team/app, v1.2, http://127.0.0.1:5000/, team/app, v1.2, 127.0.0.1:5000/team/app:v1.2",
            "https://Registry.Example.com:8443, app, 1, https://registry.example.com:8443/, app, 1,"
                    + " registry.example.com:8443/app:1",
            "https://[::1]:5000, app, 1, https://[::1]:5000/, app, 1, '[::1]:5000/app:1'"})
    void normalisesAsNeuVectorsController(String registry, String repository, String tag, String wantRegistry,
            String wantRepository, String wantTag, String wantReference) {
        RepositoryScanRequest r = request(registry, repository, tag);

        assertThat(r.registry()).isEqualTo(wantRegistry);
        assertThat(r.repository()).isEqualTo(wantRepository);
        assertThat(r.tag()).isEqualTo(wantTag);
        assertThat(r.imageReference()).isEqualTo(wantReference);
    }

    @ParameterizedTest(name = "{0} base {1}")
    @CsvSource({
            "https://registry.hub.docker.com/, alpine:3.10, docker.io/library/alpine:3.10, true",
            "https://registry.hub.docker.com/, bitnami/minideb, docker.io/bitnami/minideb, true",
            "http://127.0.0.1:5000/, team/base:1, 127.0.0.1:5000/team/base:1, true",
            "http://127.0.0.1:5000/, quay.io/team/base:1, quay.io/team/base:1, false",
            "http://127.0.0.1:5000/, localhost/base, localhost/base, false",
            "https://registry.example.com/, registry.example.com/base:2, registry.example.com/base:2, true"})
    void aBaseImageWithoutHostIsOnTheScannedImagesRegistryAndOnlyThereGetsTheLogin(String registry, String base,
            String wantReference, boolean sameLogin) {
        RepositoryScanRequest r = new RepositoryScanRequest(null, registry, "ci", "secret", "team/app", "1", false,
                base);

        assertThat(r.baseImageReference()).isEqualTo(wantReference);
        assertThat(r.baseImageOptions().password()).isEqualTo(sameLogin ? "secret" : "");
        assertThat(r.baseImageOptions().insecure()).isEqualTo(sameLogin && registry.startsWith("http:"));
    }

    @Test
    void aBaseImageThatIsNoImageNameIsRefused() {
        for (String base : new String[] {"UPPER/case", "a b", "x@sha256:12", "/lead"}) {
            assertThatThrownBy(() -> new RepositoryScanRequest(null, "https://r.example.com/", "", "", "app", "1",
                    false, base)).as(base).isInstanceOf(InvalidInputException.class);
        }
    }

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void aDigestNamesTheManifestAndTheTagIsOnlyReported() {
        RepositoryScanRequest tagged = new RepositoryScanRequest(null, "http://127.0.0.1:5000", "", "", "team/app",
                "v1.2", false, "", DIGEST);
        RepositoryScanRequest untagged = new RepositoryScanRequest(null, "http://127.0.0.1:5000", "", "", "team/app",
                "", false, "", DIGEST);

        assertThat(tagged.imageReference()).isEqualTo("127.0.0.1:5000/team/app:v1.2@" + DIGEST);
        assertThat(tagged.tag()).isEqualTo("v1.2");
        assertThat(untagged.imageReference()).isEqualTo("127.0.0.1:5000/team/app@" + DIGEST);
        assertThat(untagged.tag()).as("no latest is made up for a digest").isEmpty();
        assertThat(request("http://127.0.0.1:5000", "team/app", "").digest()).isEmpty();
    }

    @Test
    void readsADigestBesideNeuVectorsFields() throws IOException {
        RepositoryScanRequest r = read("""
                {"request": {"registry": "https://registry.example.com", "repository": "app", "digest": "%s"}}"""
                .formatted(DIGEST));

        assertThat(r.digest()).isEqualTo(DIGEST);
        assertThat(r.tag()).isEmpty();
        assertThat(r.imageReference()).isEqualTo("registry.example.com/app@" + DIGEST);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no algorithm     | abcdef                        | invalid image reference",
            "md5              | md5:0123456789abcdef          | invalid image reference",
            "short            | sha256:abc                    | invalid image reference",
            "upper case hex   | sha256:ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB"
                    + " | invalid image reference",
            "line break       | 'sha256:ab\nX: y'             | digest: contains control characters"})
    void refusesAMalformedDigestInOneLine(String why, String digest, String message) {
        assertThatThrownBy(() -> new RepositoryScanRequest(null, "https://r.example.com", "", "", "app", "", false,
                "", digest.replace("\\n", "\n"))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void plainHttpOnlyWhenTheUrlSaysSo() {
        assertThat(request("http://127.0.0.1:5000", "app", "").sourceOptions().insecure()).isTrue();
        assertThat(request("https://127.0.0.1:5000", "app", "").sourceOptions().insecure()).isFalse();
    }

    @Test
    void readsNeuVectorsRequestIgnoringUnknownFields() throws IOException {
        RepositoryScanRequest r = read("""
                {"request": {"metadata": {"source": "jenkins", "user": "ci", "job": "build-42", "workspace": "/w"},
                 "registry": "https://registry.example.com/", "username": "u", "password": "p",
                 "repository": "team/app", "tag": "1.0", "scan_layers": true, "base_image": "",
                 "ignore_proxy": true, "something_new": {"x": [1, 2]}}}""");

        assertThat(r.metadata().source()).isEqualTo("jenkins");
        assertThat(r.metadata().job()).isEqualTo("build-42");
        assertThat(r.scanLayers()).isTrue();
        assertThat(r.sourceOptions().username()).isEqualTo("u");
        assertThat(r.sourceOptions().password()).isEqualTo("p");
        assertThat(r.toString()).doesNotContain("\"p\"").contains("password=***");
    }

    /** What NeuVector's own CLI sends: no metadata, no base_image, no tag when the default is used. */
    @Test
    void readsTheCliRequestWithoutOptionalFields() throws IOException {
        RepositoryScanRequest r = read("""
                {"request": {"registry": "https://registry.example.com", "repository": "app",
                 "scan_layers": false}}""");

        assertThat(r.metadata()).isEqualTo(RepositoryScanRequest.Metadata.NONE);
        assertThat(r.tag()).isEqualTo("latest");
        assertThat(r.baseImage()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no repository        | https://r.example.com | ''              | 1    | repository: no repository name given",
            "empty registry       | ''                    | app             | 1    | registry: none given; NeuVector then scans",
            "no scheme            | r.example.com:5000    | app             | 1    | registry: not an http or https URL",
            "ftp                  | ftp://r.example.com   | app             | 1    | registry: not an http or https URL",
            "userinfo             | https://u:p@r.example.com | app         | 1    | registry: the URL holds credentials",
            "path                 | https://r.example.com/v2/team | app     | 1    | registry: a path in the registry URL",
            "query                | https://r.example.com/?x=1 | app        | 1    | registry: the URL has a query",
            "space in host        | https://r example.com | app             | 1    | registry: not a URL",
            "underscore host      | https://r_x.example.com | app           | 1    | registry: the URL has no valid host",
            "port out of range    | https://r.example.com:70000 | app       | 1    | invalid image reference",
            "upper case repo      | https://r.example.com | App             | 1    | invalid image reference",
            "traversal            | https://r.example.com | ../../etc       | 1    | invalid image reference",
            "tag in repository    | https://r.example.com | app:1           | 2    | invalid image reference",
            "digest in repository | https://r.example.com | app@sha256:00   | 2    | invalid image reference",
            "bad tag              | https://r.example.com | app             | -x   | invalid image reference"})
    void refusesMalformedFieldsInOneLine(String why, String registry, String repository, String tag,
            String message) {
        assertThatThrownBy(() -> request(registry, repository, tag))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refusesOversizeValuesWithoutEchoingThem() {
        String huge = "a".repeat(10 << 20);

        assertThatThrownBy(() -> new RepositoryScanRequest(null, "https://r.example.com", "u", huge, "app", "", false,
                "")).isInstanceOf(InvalidInputException.class).hasMessage("password: longer than 16384 characters");
        assertThatThrownBy(() -> request("https://r.example.com", huge, ""))
                .hasMessage("repository: longer than 255 characters");
        assertThatThrownBy(() -> request("https://r.example.com/" + huge, "app", ""))
                .hasMessage("registry: longer than 1024 characters");
        assertThatThrownBy(() -> new RepositoryScanRequest(new RepositoryScanRequest.Metadata(huge, "", "", "", "",
                ""), "https://r.example.com", "", "", "app", "", false, ""))
                .hasMessage("metadata.source: longer than 1024 characters");
    }

    @Test
    void refusesControlCharactersInAnyField() {
        assertThatThrownBy(() -> request("https://r.example.com\r\nX-Injected: 1", "app", ""))
                .hasMessage("registry: contains control characters");
        assertThatThrownBy(() -> request("https://r.example.com", "app\u0000", ""))
                .hasMessage("repository: contains control characters");
        assertThatThrownBy(() -> request("https://r.example.com", "app", "1\n"))
                .hasMessage("tag: contains control characters");
        assertThatThrownBy(() -> new RepositoryScanRequest(null, "https://r.example.com", "u", "secret\r\nX: y",
                "app", "", false, "")).hasMessage("password: contains control characters");
        assertThatThrownBy(() -> new RepositoryScanRequest(null, "https://r.example.com", "u\u001b[31m", "", "app",
                "", false, "")).hasMessage("username: contains control characters");
    }
}
