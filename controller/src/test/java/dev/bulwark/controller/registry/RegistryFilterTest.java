package dev.bulwark.controller.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.controller.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Registry filters read and applied as NeuVector reads and applies them; the cases are in the tables beside this. */
class RegistryFilterTest {

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "filters-parsed.txt", delimiterString = " | ")
    void parsesAsNeuVectorDoes(String filter, String org, String repository, String tag) {
        RegistryFilter f = RegistryFilter.parse(filter, RegistryType.DOCKER, "");
        assertThat(f.org()).isEqualTo(org.equals("-") ? "" : org);
        assertThat(f.repository()).isEqualTo(repository);
        assertThat(f.tag()).isEqualTo(tag);
    }

    @ParameterizedTest(name = "{1} on {0}: {2}:{3} {4}")
    @CsvFileSource(resources = "filters-matching.txt", delimiterString = " | ")
    void takesTheRepositoriesAndTagsNeuVectorTakes(String registry, String filter, String repository, String tag,
            boolean takes) {
        RegistryFilter f = RegistryFilter.parse(filter, RegistryType.DOCKER, "");
        if (registry.equals("hub")) {
            f = f.onDockerHub();
        }
        assertThat(f.matches(repository, tag)).isEqualTo(takes);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvFileSource(resources = "filters-refused.txt", delimiterString = " | ")
    void refusesWithOneLineNamingTheFilter(String type, String filter, String message) {
        assertThatThrownBy(() -> RegistryFilter.parse(filter, RegistryType.of(type).orElseThrow(), ""))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith(message).doesNotContain("\n");
                });
    }

    @Test
    void anOpenShiftRegistryTakesStarAndFiltersNamingTheirNamespace() {
        assertThat(RegistryFilter.parse("*", RegistryType.OPENSHIFT, "").matches("any/thing", "1")).isTrue();
        RegistryFilter f = RegistryFilter.parse("team-a/*", RegistryType.OPENSHIFT, "");
        assertThat(f.org()).isEqualTo("team-a");
        assertThat(f.matches("team-a/api", "1")).isTrue();
        assertThat(f.matches("team-b/api", "1")).isFalse();
    }

    @Test
    void jfrogSubdomainModeNamesTheSubdomainInAngleBrackets() {
        RegistryFilter f = RegistryFilter.parse("<team>/app:1.*", RegistryType.JFROG, RegistryConfig.JFROG_SUBDOMAIN);
        assertThat(f.org()).isEqualTo("<team>");
        assertThat(f.repository()).isEqualTo("app");
        assertThatThrownBy(() -> RegistryFilter.parse("<team>/app", RegistryType.JFROG,
                RegistryConfig.JFROG_REPOSITORY_PATH)).isInstanceOf(ApiException.class);
    }

    @Test
    void hostileInputIsRefusedOrMatchedInLinearTime() {
        assertThatThrownBy(() -> RegistryFilter.parse("a/" + "b".repeat(RegistryFilter.MAX_LENGTH), RegistryType.DOCKER,
                "")).isInstanceOf(ApiException.class).hasMessageContaining("up to 512");
        assertThatThrownBy(() -> RegistryFilter.parse("org/app\n:1", RegistryType.DOCKER, ""))
                .isInstanceOf(ApiException.class);
        // a pattern that backtracks exponentially in java.util.regex (this would not return); RE2 answers at once
        RegistryFilter evil = RegistryFilter.parse("org/(a|aa)+b", RegistryType.DOCKER, "");
        assertThat(evil.matches("org/" + "a".repeat(5_000) + "c", "1")).isFalse();
    }

    @Test
    void equalFiltersAreEqualWhateverTheirSpelling() {
        assertThat(RegistryFilter.parse("org/*", RegistryType.DOCKER, "")).isEqualTo(
                RegistryFilter.parse("org/ * : * ", RegistryType.DOCKER, "")).hasSameHashCodeAs(
                RegistryFilter.parse("org/.*:*", RegistryType.DOCKER, ""));
        assertThat(RegistryFilter.parse("org/*", RegistryType.DOCKER, "")).hasToString("org/.*:.*");
        // NeuVector splits the org at the first '/' before any trimming: a space in it makes it no org
        assertThatThrownBy(() -> RegistryFilter.parse(" org/*", RegistryType.DOCKER, "")).isInstanceOf(
                ApiException.class);
    }
}
