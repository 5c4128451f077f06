package dev.bulwark.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void readsDockerHubBearerChallenge() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                        + "scope=\"repository:library/alpine:pull\""));

        assertThat(challenges).containsExactly(new AuthChallenge("bearer", Map.of(
                "realm", "https://auth.docker.io/token",
                "service", "registry.docker.io",
                "scope", "repository:library/alpine:pull")));
    }

    @Test
    void keepsCommasInsideQuotedValues() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of(
                "Bearer realm=\"http://127.0.0.1:1/token\",scope=\"repository:a:pull,push\","
                        + "error=\"insufficient_scope\""));

        assertThat(challenges).singleElement().satisfies(c -> {
            assertThat(c.param("scope")).contains("repository:a:pull,push");
            assertThat(c.param("error")).contains("insufficient_scope");
        });
    }

    @Test
    void readsSeveralChallengesInOneValueAndAcrossValues() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of(
                "Basic realm=\"Registry Realm\", Bearer realm=\"https://a/token\", service=reg",
                "Negotiate"));

        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer", "negotiate");
        assertThat(challenges.get(0).param("realm")).contains("Registry Realm");
        assertThat(challenges.get(1).params()).isEqualTo(Map.of("realm", "https://a/token", "service", "reg"));
        assertThat(challenges.get(2).params()).isEmpty();
    }

    @Test
    void unescapesQuotedPairsAndIgnoresCaseOfNames() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of("BASIC REALM = \"a \\\"quoted\\\" \\\\ realm\""));

        assertThat(challenges).containsExactly(new AuthChallenge("basic", Map.of("realm", "a \"quoted\" \\ realm")));
    }

    @Test
    void stopsAtGarbageAndKeepsWhatItRead() {
        assertThat(AuthChallenge.parse(List.of("Bearer realm=\"https://a/t\" ,, {}garbage=1")))
                .containsExactly(new AuthChallenge("bearer", Map.of("realm", "https://a/t")));
        assertThat(AuthChallenge.parse(List.of("", "   ", "=\"x\"", "Bearer realm=\"unterminated")))
                .containsExactly(new AuthChallenge("bearer", Map.of("realm", "unterminated")));
    }

    @Test
    void emptyParamsAreAbsent() {
        AuthChallenge challenge = AuthChallenge.parse(List.of("Bearer realm=\"\",service=")).getFirst();

        assertThat(challenge.param("realm")).isEmpty();
        assertThat(challenge.param("service")).isEmpty();
        assertThat(challenge.param("scope")).isEmpty();
    }
}
