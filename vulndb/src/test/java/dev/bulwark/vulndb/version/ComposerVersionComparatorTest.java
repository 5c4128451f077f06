package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from Composer's version documentation and PHP's {@code version_compare}; no PHP is installed here. */
class ComposerVersionComparatorTest {

    private static final VersionComparator COMPOSER = Ecosystem.COMPOSER.comparator();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0 = 1.0.0.0",
        "v1.2.3 = 1.2.3",
        "1.2.3+build5 = 1.2.3",
        "1.0.0-dev < 1.0.0-alpha1",
        "1.0.0-alpha1 < 1.0.0-alpha2",
        "1.0.0-a2 = 1.0.0-alpha2",
        "1.0.0-alpha2 < 1.0.0-beta1",
        "1.0.0-b1 = 1.0.0-beta1",
        "1.0.0-beta1 < 1.0.0-RC1",
        "1.0.0-rc1 = 1.0.0-RC1",
        "1.0.0-RC1 < 1.0.0",
        "1.0.0 < 1.0.0-patch1",
        "1.0.0-pl1 = 1.0.0-patch1",
        "1.0.0-p1 = 1.0.0-patch1",
        "1.0.0-stable = 1.0.0",
        "1.0.0.1 > 1.0.0-patch1",
        "2.10.0 > 2.9.9",
        "5.4.3 < 5.4.30",
        "1.0.0-beta.2 > 1.0.0-beta.1",
        "1.0.0-beta2-dev < 1.0.0-beta2"})
    void documentedOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(COMPOSER, a, op, b);
    }

    @Test
    void refusesBranchesAndJunk() {
        assertThatThrownBy(() -> COMPOSER.validate("dev-main")).isInstanceOf(InvalidVersionException.class)
                .hasMessage("invalid composer version 'dev-main': not a Composer version");
        assertThatThrownBy(() -> COMPOSER.validate("1.0.0.0.0")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> COMPOSER.validate("1.0-foo")).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void isATotalOrder() {
        ComparatorProperties.assertTotalOrder(COMPOSER, ComparatorProperties.validSample(COMPOSER,
                RandomVersions.plain(6, "0", "1", "10", ".", "-", "alpha", "b", "RC", "p", "pl", "dev", "v")::version,
                300));
    }
}
