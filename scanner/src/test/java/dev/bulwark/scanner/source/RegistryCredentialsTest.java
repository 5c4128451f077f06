package dev.bulwark.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    private SourceOptions options(String user, String password) {
        return new SourceOptions("linux/amd64", false, user, password, dir.resolve("config.json"));
    }

    private void dockerConfig(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
    }

    private static String auth(String pair) {
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void optionsComeFirst() throws IOException {
        dockerConfig("{\"auths\":{\"reg.example\":{\"auth\":\"%s\"}}}".formatted(auth("cfg:cfgpw")));
        Map<String, String> env = Map.of("BULWARK_REGISTRY_USERNAME", "env", "BULWARK_REGISTRY_PASSWORD", "envpw");

        assertThat(RegistryCredentials.resolve("reg.example", options("opt", "optpw"), env))
                .isEqualTo(new RegistryCredentials("opt", "optpw"));
        assertThat(RegistryCredentials.resolve("reg.example", options("", ""), env))
                .isEqualTo(new RegistryCredentials("env", "envpw"));
        assertThat(RegistryCredentials.resolve("reg.example", options("", ""), NO_ENV))
                .isEqualTo(new RegistryCredentials("cfg", "cfgpw"));
    }

    @Test
    void readsDockerConfigEntriesInEveryWrittenForm() throws IOException {
        dockerConfig("""
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "%s"},
                  "127.0.0.1:5000": {"username": "u", "password": "p:w"},
                  "http://mirror.example:8080/v2/": {"auth": "%s"},
                  "helper.example": {},
                  "token.example": {"identitytoken": "opaque"}
                },
                "credHelpers": {"helper.example": "secretservice"}}
                """.formatted(auth("hub:hubpw"), auth("m:pw:with:colons")));

        assertThat(RegistryCredentials.resolve("docker.io", options("", ""), NO_ENV))
                .isEqualTo(new RegistryCredentials("hub", "hubpw"));
        assertThat(RegistryCredentials.resolve("127.0.0.1:5000", options("", ""), NO_ENV))
                .isEqualTo(new RegistryCredentials("u", "p:w"));
        assertThat(RegistryCredentials.resolve("MIRROR.example:8080", options("", ""), NO_ENV))
                .isEqualTo(new RegistryCredentials("m", "pw:with:colons"));
        assertThat(RegistryCredentials.resolve("helper.example", options("", ""), NO_ENV))
                .isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryCredentials.resolve("token.example", options("", ""), NO_ENV))
                .isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryCredentials.resolve("127.0.0.1:5001", options("", ""), NO_ENV))
                .isEqualTo(RegistryCredentials.ANONYMOUS);
    }

    @Test
    void missingDockerConfigMeansAnonymous() {
        assertThat(RegistryCredentials.resolve("reg.example", options("", ""), NO_ENV))
                .isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryCredentials.ANONYMOUS.anonymous()).isTrue();
    }

    @Test
    void malformedDockerConfigIsRefusedWithoutQuotingIt() throws IOException {
        dockerConfig("{\"auths\":{\"reg.example\":{\"auth\":\"c2VjcmV0LXBhc3N3b3Jk\"}} trailing secret-password");

        assertThatThrownBy(() -> RegistryCredentials.resolve("reg.example", options("", ""), NO_ENV))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("docker config %s cannot be read as JSON", dir.resolve("config.json"))
                .hasNoCause();
    }

    @Test
    void malformedAuthFieldsAreRefusedWithoutQuotingThem() throws IOException {
        dockerConfig("{\"auths\":{\"a.example\":{\"auth\":\"%%%%secret\"},\"b.example\":{\"auth\":\"%s\"}}}"
                .formatted(auth("no-colon-secret")));

        assertThatThrownBy(() -> RegistryCredentials.resolve("a.example", options("", ""), NO_ENV))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("the auth field for a.example is not base64")
                .message().doesNotContain("secret");
        assertThatThrownBy(() -> RegistryCredentials.resolve("b.example", options("", ""), NO_ENV))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("the auth field for b.example is not user:password")
                .message().doesNotContain("secret");
    }

    @Test
    void neverPrintsThePassword() {
        RegistryCredentials login = new RegistryCredentials("alice", "s3cret");

        assertThat(login.toString()).contains("alice").doesNotContain("s3cret");
        assertThat(login.basicAuthorization()).isEqualTo("Basic " + auth("alice:s3cret"));
    }
}
