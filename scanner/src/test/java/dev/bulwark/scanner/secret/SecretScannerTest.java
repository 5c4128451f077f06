package dev.bulwark.scanner.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file dense with secrets: every one found, on its own line, without work growing with the square of them. */
class SecretScannerTest {

    /** AWS's alphabet without X, so that no key looks like an {@code XXXX} placeholder. */
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWYZ234567";

    @Test
    void eightMegabytesOfAccessKeysAreAllFoundWithTheirLines() {
        Random random = new Random(23);
        int keys = 320_000; // 25 bytes a line: eight chunks, each with 40,000 matches
        StringBuilder text = new StringBuilder(keys * 25);
        for (int i = 0; i < keys; i++) {
            text.append("AKIA");
            int previous = -2;
            for (int c = 0; c < 16; c++) {
                int next;
                do {
                    next = random.nextInt(ALPHABET.length());
                } while (next == previous || next == previous + 1); // no repeats or counting runs either
                text.append(ALPHABET.charAt(next));
                previous = next;
            }
            text.append(" key\n");
        }
        byte[] file = text.toString().getBytes(StandardCharsets.US_ASCII);
        SecretScanner scanner = new SecretScanner(SecretRules.builtIn(), List.of());

        // a hang guard, not a measurement: the search was quadratic in the matches of a chunk (a minute and a half here)
        List<SecretScanner.Match> found = assertTimeoutPreemptively(Duration.ofMinutes(1),
                () -> scanner.scan(new ByteArrayInputStream(file), false));

        assertThat(found).hasSize(keys);
        for (int i = 0; i < keys; i += 9_999) {
            assertThat(found.get(i).line()).as("match %d", i).isEqualTo(i + 1);
        }
        assertThat(found.getLast().line()).isEqualTo(keys);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AKIA2345ABCDEFGHIJK ", "eyJhbGciOiJIUzI1NiJ9.eyJ", "password = \"", "ghp_", "-----BEGIN ",
            "token: ", "xoxb-1234-", "sk_live_", "mongodb://u:", "AIza"})
    void eightMegabytesOfNearMissesAreSearchedInLinearTime(String bait) {
        byte[] file = (bait + "\n").repeat((8 << 20) / (bait.length() + 1)).getBytes(StandardCharsets.US_ASCII);
        byte[] oneLine = bait.repeat((8 << 20) / bait.length()).getBytes(StandardCharsets.US_ASCII);
        SecretScanner scanner = new SecretScanner(SecretRules.builtIn(), List.of());

        for (byte[] text : List.of(file, oneLine)) {
            assertTimeoutPreemptively(Duration.ofMinutes(1), () -> scanner.scan(new ByteArrayInputStream(text), true),
                    "8 MB of \"%s\"".formatted(bait.strip()));
        }
    }
}
