package dev.bulwark.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JoinTokenTest {

    @Test
    void roundTripsThroughItsText() {
        JoinToken t = new JoinToken("abcdefgh12", "s3cretS3cretS3cretS3cret", "pinpinpinpinpinpin");
        assertThat(JoinToken.parse(" " + t + "\n")).isEqualTo(t);
        assertThat(t.toString()).startsWith("bwj1.abcdefgh12.");
    }

    @Test
    void theHashIsNotTheSecretAndDependsOnIt() {
        JoinToken a = new JoinToken("abcdefgh12", "s3cretS3cretS3cretS3cret", "pinpinpinpinpinpin");
        JoinToken b = new JoinToken("abcdefgh12", "s3cretS3cretS3cretS3creT", "pinpinpinpinpinpin");
        assertThat(a.secretHash()).doesNotContain(a.secret()).isNotEqualTo(b.secretHash());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "bwj1", "bwj1...", "bwj2.abcdefgh.abcdefgh.abcdefgh", "bwj1.abc.abcdefgh.abcdefgh",
        "bwj1.abcdefgh.abcdefgh.abcdefgh.extra", "bwj1.abcdefgh.abc/efgh.abcdefgh", "bwj1.abcdefgh.abcdefgh.abc\u0000efgh"})
    void malformedTokensAreRefusedInOneLine(String text) {
        assertThatThrownBy(() -> JoinToken.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasMessage("a join token is bwj1.<id>.<secret>.<pin>");
    }

    @Test
    void anOversizedTokenIsRefused() {
        String part = "a".repeat(100_000);
        assertThatThrownBy(() -> JoinToken.parse("bwj1." + part + "." + part + "." + part))
                .isInstanceOf(InvalidInputException.class);
    }
}
