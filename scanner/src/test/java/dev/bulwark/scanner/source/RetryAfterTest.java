package dev.bulwark.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static Optional<Duration> parse(String header) {
        return RetryAfter.parse(Optional.ofNullable(header), NOW);
    }

    @Test
    void secondsAndDates() {
        assertThat(parse("120")).contains(Duration.ofSeconds(120));
        assertThat(parse(" 0 ")).contains(Duration.ZERO);
        assertThat(parse("Sat, 05 Dec 2026 10:00:30 GMT")).contains(Duration.ofSeconds(30));
        assertThat(parse("Sat, 05 Dec 2026 09:00:00 GMT")).as("a date gone by").contains(Duration.ZERO);
    }

    @Test
    void whatIsNotOneOfThemIsNoAnswer() {
        assertThat(parse(null)).isEmpty();
        assertThat(parse("")).isEmpty();
        assertThat(parse("-5")).isEmpty();
        assertThat(parse("1.5")).isEmpty();
        assertThat(parse("99999999999999999999")).isEmpty();
        assertThat(parse("tomorrow")).isEmpty();
        assertThat(parse("Sat, 05 Dec 2026 10:00:30")).isEmpty();
        assertThat(parse("x".repeat(100_000))).isEmpty();
    }
}
