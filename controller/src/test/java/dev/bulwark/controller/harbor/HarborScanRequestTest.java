package dev.bulwark.controller.harbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Harbor's scan request, checked, and the {@code repository} job it becomes. */
class HarborScanRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** What Harbor 2.x sends for a tagged image, its robot account's login as Basic. */
    static ObjectNode harborRequest() {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("registry").put("url", "https://harbor.example.com")
                .put("authorization", basic("robot$library+scanner-abc:s3cr3t:with-colon"));
        body.putObject("artifact").put("repository", "library/alpine").put("digest", DIGEST).put("tag", "3.11")
                .put("mime_type", "application/vnd.docker.distribution.manifest.v2+json");
        return body;
    }

    private static HarborScanRequest read(ObjectNode body) throws IOException {
        return HarborScanRequest.of(Bodies.parse(JSON.writeValueAsBytes(body), HarborScanRequest.Body.class));
    }

    @Test
    void becomesARepositoryJobPulledByDigestWithTheRobotsLogin() throws IOException {
        HarborScanRequest r = read(harborRequest());

        assertThat(JSON.readTree(r.repositoryRequest("scan-1"))).isEqualTo(JSON.readTree("""
                {"metadata": {"source": "harbor", "job": "scan-1"}, "registry": "https://harbor.example.com",
                 "username": "robot$library+scanner-abc", "password": "s3cr3t:with-colon",
                 "repository": "library/alpine", "tag": "3.11", "digest": "%s", "scan_layers": false}"""
                .formatted(DIGEST)));
        assertThat(r.toString()).doesNotContain("s3cr3t").contains("password=***");
    }

    @Test
    void noAuthorizationIsAnAnonymousPullAndAnUntaggedArtifactHasNoTag() throws IOException {
        ObjectNode body = harborRequest();
        ((ObjectNode) body.path("registry")).remove("authorization");
        ((ObjectNode) body.path("artifact")).remove("tag");
        ((ObjectNode) body.path("artifact")).put("mime_type", "application/vnd.oci.image.manifest.v1+json");
        body.put("enabled_capabilities", "a field of a later version, skipped");

        HarborScanRequest r = read(body);

        assertThat(r.login()).isEqualTo(HarborScanRequest.Login.ANONYMOUS);
        assertThat(JSON.readTree(r.repositoryRequest("x")).path("tag").asText()).isEmpty();
        assertThat(r.artifact().mimeType()).isEqualTo(HarborScanRequest.OCI_MANIFEST);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "no url            | registry | url           | null                     | registry.url: required",
            "ftp url           | registry | url           | ftp://h.example.com      | registry.url: not an http or https",
            "no host           | registry | url           | https://                 | registry.url: not a URL",
            "underscore host   | registry | url           | https://a_b.example.com  | registry.url: not an http or https",
            "user in url       | registry | url           | https://u:p@h.example.com | registry.url: holds credentials",
            "path              | registry | url           | https://h.example.com/v2/ | registry.url: has a path",
            "query             | registry | url           | https://h.example.com?x=1 | registry.url: has a path",
            "line break        | registry | url           | 'https://h.example.com\nX-Evil: 1' | registry.url: not a URL",
            "bearer            | registry | authorization | Bearer eyJhbGciOi.x.y    | registry.authorization: Bearer tokens",
            "digest scheme     | registry | authorization | Digest abc               | registry.authorization: only Basic",
            "basic, no value   | registry | authorization | Basic                    | registry.authorization: only Basic",
            "not base64        | registry | authorization | Basic ***                | registry.authorization: the Basic credentials are not base64",
            "no colon          | registry | authorization | Basic cm9ib3Q=           | registry.authorization: the Basic credentials are not NAME",
            "no repository     | artifact | repository    | null                     | artifact.repository: required",
            "upper case repo   | artifact | repository    | Library/Alpine           | artifact.repository: not a repository name",
            "traversal         | artifact | repository    | ../../etc                | artifact.repository: not a repository name",
            "repo with tag     | artifact | repository    | library/alpine:3.11      | artifact.repository: not a repository name",
            "no digest         | artifact | digest        | null                     | artifact.digest: required",
            "tag as digest     | artifact | digest        | 3.11                     | artifact.digest: not a sha256",
            "md5 digest        | artifact | digest        | md5:0123456789abcdef     | artifact.digest: not a sha256",
            "short digest      | artifact | digest        | sha256:0123456789abcdef  | artifact.digest: not a sha256",
            "bad tag           | artifact | tag           | -rc1                     | artifact.tag: not a tag",
            "index             | artifact | mime_type     | application/vnd.oci.image.index.v1+json"
                    + " | artifact.mime_type: not a type"})
    void aWrongFieldIs422NamingIt(String why, String object, String field, String value, String message)
            throws IOException {
        ObjectNode body = harborRequest();
        if (value == null) {
            ((ObjectNode) body.path(object)).remove(field);
        } else {
            ((ObjectNode) body.path(object)).put(field, value);
        }

        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422)).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("s3cr3t"));
    }

    @Test
    void aDigestIsLowerCaseHexAsOciWritesIt() {
        ObjectNode body = harborRequest();
        ((ObjectNode) body.path("artifact")).put("digest", DIGEST.toUpperCase(java.util.Locale.ROOT).replace("SHA", "sha"));

        assertThatThrownBy(() -> read(body)).hasMessageStartingWith("artifact.digest: not a sha256");
    }

    @Test
    void aMissingRegistryOrArtifactIs422() throws IOException {
        ObjectNode noRegistry = harborRequest();
        noRegistry.remove("registry");
        ObjectNode noArtifact = harborRequest();
        noArtifact.putNull("artifact");

        assertThatThrownBy(() -> read(noRegistry)).hasMessageStartingWith("registry: required");
        assertThatThrownBy(() -> read(noArtifact)).hasMessageStartingWith("artifact: required");
    }

    @Test
    void credentialsAreNeverQuoted() {
        ObjectNode control = harborRequest();
        ((ObjectNode) control.path("registry")).put("authorization", basic("robot:s3cr3t\r\nX-Evil: 1"));
        ObjectNode huge = harborRequest();
        ((ObjectNode) huge.path("registry")).put("authorization", basic("robot:s3cr3t" + "x".repeat(20_000)));

        assertThatThrownBy(() -> read(control)).hasMessage(
                "registry.authorization: the Basic credentials hold control characters or are too long");
        assertThatThrownBy(() -> read(huge)).hasMessage(
                "registry.authorization: not a Basic authorization this scanner can use");
    }

    @Test
    void aValueOfTheWrongTypeIsLeftToTheJsonReadersBadRequest() {
        ObjectNode body = harborRequest();
        ((ObjectNode) body.path("artifact")).put("digest", 42);

        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }
}
