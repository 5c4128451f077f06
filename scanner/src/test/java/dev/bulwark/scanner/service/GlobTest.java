package dev.bulwark.scanner.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
        "*, anything, true",
        "*, '', true",
        "team/*, team/alpine, true",
        "team/*, team/sub/alpine, true",
        "team/*, teams/alpine, false",
        "team/alpine, team/alpine, true",
        "team/alpine, team/alpine2, false",
        "3.*, 3.11, true",
        "3.*, 13.1, false",
        "*-rc*, 1.2-rc3, true",
        "*-rc*, 1.2, false",
        "a*b*c, abc, true",
        "a*b*c, aXbYbZc, true",
        "a*b*c, aXbYbZ, false",
        "**, x, true",
    })
    void matchesAsNeuVectorsFiltersRead(String pattern, String name, boolean expected) {
        assertThat(new Glob(pattern).matches(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"team/alpine, true", "team/*, false", "*, false"})
    void aPatternWithoutAStarIsLiteral(String pattern, boolean literal) {
        assertThat(new Glob(pattern).literal()).isEqualTo(literal);
    }

    @org.junit.jupiter.api.Test
    void manyStarsOnALongNameStayFast() {
        String name = "a".repeat(10_000);
        // a backtracking matcher takes exponential time here; this one a few passes over the name
        assertThat(new Glob("*a*a*a*a*a*a*a*a*a*a*b").matches(name)).isFalse();
    }
}
