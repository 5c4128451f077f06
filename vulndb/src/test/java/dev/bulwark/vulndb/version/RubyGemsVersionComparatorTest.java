package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from RubyGems' documented {@code Gem::Version} behaviour; no Ruby is installed here to act as an oracle. */
class RubyGemsVersionComparatorTest {

    private static final VersionComparator GEM = Ecosystem.GEM.comparator();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0 = 1",
        "1.0.0 = 1",
        "1.0.a < 1.0",
        "1.0.a < 1.0.b",
        "1.0.b1 < 1.0",
        "1.0.rc1 < 1.0",
        "1.0.rc1 > 1.0.beta2",
        "1.0.0.pre = 1.0.pre",
        "1.0.a.0 = 1.0.a",
        "1.0-1 < 1.0",
        "1.0-1 = 1.0.pre.1",
        "1.10 > 1.9",
        "1.a < 1",
        "0.9 < 1.a",
        "1.8.2.a10 > 1.8.2.a9",
        "5.2.4.3 < 5.2.4.4",
        "2.7.0 > 2.7.0.rc2",
        "'' = 0"})
    void documentedOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(GEM, a, op, b);
    }

    @Test
    void refusesMalformedVersions() {
        assertThatThrownBy(() -> GEM.validate("junk")).isInstanceOf(InvalidVersionException.class)
                .hasMessage("invalid gem version 'junk': not a RubyGems version");
        assertThatThrownBy(() -> GEM.validate("1..0")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> GEM.validate("1.0_1")).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void isATotalOrder() {
        ComparatorProperties.assertTotalOrder(GEM, ComparatorProperties.validSample(GEM,
                RandomVersions.plain(4, "0", "1", "10", ".", ".", "-", "a", "b", "pre", "rc", "Z")::version, 300));
    }
}
