package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from NuGet's documented version precedence; no .NET is installed here to act as an oracle. */
class NuGetVersionComparatorTest {

    private static final VersionComparator NUGET = Ecosystem.NUGET.comparator();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0 = 1.0.0.0",
        "1.0.0 < 1.0.0.1",
        "1.0.0-alpha < 1.0.0",
        "1.0.0-alpha < 1.0.0-beta",
        "1.0.0-Alpha = 1.0.0-alpha",
        "1.0.0-alpha.2 < 1.0.0-alpha.10",
        "1.0.0-1 < 1.0.0-alpha",
        "1.0.0-alpha < 1.0.0-alpha.1",
        "1.0.0+meta = 1.0.0",
        "01.2.3 = 1.2.3",
        "6.0.10 > 6.0.9",
        "13.0.1 > 12.0.3"})
    void documentedOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(NUGET, a, op, b);
    }

    @Test
    void refusesMalformedVersions() {
        assertThatThrownBy(() -> NUGET.validate("1.a")).isInstanceOf(InvalidVersionException.class)
                .hasMessage("invalid nuget version '1.a': not a NuGet version");
        assertThatThrownBy(() -> NUGET.validate("1.2.3.4.5")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> NUGET.validate("1.2-")).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void isATotalOrder() {
        ComparatorProperties.assertTotalOrder(NUGET, ComparatorProperties.validSample(NUGET,
                RandomVersions.plain(8, "0", "1", "10", ".", ".", "-", "alpha", "B", "rc", "+m")::version, 300));
    }
}
