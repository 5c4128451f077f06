package dev.bulwark.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.error.InvalidInputException;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class RegistryReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "registry-references.txt", delimiter = '|', nullValues = "-")
    void readsReferencesAsDockerDoes(String input, String registry, String repository, String tag, String digest,
            String apiHost) {
        RegistryReference ref = RegistryReference.parse(input);

        assertThat(ref).isEqualTo(new RegistryReference(registry, repository, Objects.requireNonNullElse(tag, ""),
                Objects.requireNonNullElse(digest, "")));
        assertThat(ref.apiHost()).isEqualTo(apiHost);
        assertThat(ref.manifestReference()).isEqualTo(digest != null ? digest : tag);
        assertThat(RegistryReference.parse(ref.toString())).as("the normalised form reads back").isEqualTo(ref);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "registry-references-invalid.txt", delimiter = '|')
    void refusesMalformedReferences(String input, String reason) {
        assertThatThrownBy(() -> RegistryReference.parse(input))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid image reference \"%s\": %s", input, reason);
    }

    @Test
    void refusesEmptyReference() {
        assertThatThrownBy(() -> RegistryReference.parse(""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid image reference \"\": it is empty");
    }

    @Test
    void refusesOverlongNames() {
        String name = "example.com/" + "a".repeat(250);

        assertThatThrownBy(() -> RegistryReference.parse(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("name longer than 255 characters");
    }

    @Test
    void keepsControlCharactersOutOfTheMessage() {
        assertThatThrownBy(() -> RegistryReference.parse("app\nINFO forged log line"))
                .isInstanceOf(InvalidInputException.class)
                .message().doesNotContain("\n").contains("app?INFO forged log line");
    }

    @Test
    void printsNormalisedForm() {
        assertThat(RegistryReference.parse("alpine")).hasToString("docker.io/library/alpine:latest");
        assertThat(RegistryReference.parse("127.0.0.1:5000/team/app:1")).hasToString("127.0.0.1:5000/team/app:1");
    }
}
