package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pep440ComparatorTest {

    private static final VersionComparator PYPI = Ecosystem.PYPI.comparator();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String[] PIECES = {"0", "1", "10", "00", ".0", ".1", ".2", ".", "-", "-1", "_", "a", "b",
        "c", "rc", "alpha", "beta", "pre", "preview", ".post", "post", "rev", "r", ".dev", "dev", "+local",
        "+ubuntu.1", "+1", "!", "x", "RC", "Dev"};

    /** Reads {@code A<TAB>B} lines and prints packaging's verdict, or E when it refuses either version. */
    private static final String PACKAGING_SCRIPT = """
            import sys
            from packaging.version import Version, InvalidVersion
            for line in sys.stdin:
                a, b = line.rstrip('\\n').split('\\t')
                try:
                    va, vb = Version(a), Version(b)
                    print((va > vb) - (va < vb))
                except InvalidVersion:
                    print('E')
            """;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0 = 1.0.0",
        "1.0.dev0 < 1.0a0",
        "1.0a1 < 1.0a2.dev1",
        "1.0a2.dev1 < 1.0a2",
        "1.0a2 < 1.0b1",
        "1.0b1 < 1.0rc1",
        "1.0c1 = 1.0rc1",
        "1.0rc1 < 1.0",
        "1.0 < 1.0+local",
        "1.0+local < 1.0.post1.dev0",
        "1.0.post1.dev0 < 1.0.post1",
        "1.0-1 = 1.0.post1",
        "1.0.post1 < 1.1",
        "1.0-alpha.1 = 1.0a1",
        "v2.0 = 2.0",
        "1!0.1 > 2.0",
        "1.0+abc < 1.0+1",
        "1.0+1.a < 1.0+1.b",
        "1.0+1 < 1.0+1.0",
        "2.31.0 > 2.4.0"})
    void publishedOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(PYPI, a, op, b);
    }

    @Test
    void refusesLegacyVersions() {
        assertThatThrownBy(() -> PYPI.validate("1.0-foo")).isInstanceOf(InvalidVersionException.class)
                .hasMessage("invalid pypi version '1.0-foo': not a PEP 440 version");
        assertThatThrownBy(() -> PYPI.validate("")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> PYPI.validate("1.0+")).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void agreesWithPackagingOnGeneratedPairs() throws Exception {
        Oracle.assumeInstalled(PYTHON, "python3-packaging");
        List<String[]> pairs = new ArrayList<>(RandomVersions.plain(20261125, PIECES).pairs(10_000));
        pairs.add(new String[] {" 1.0 ", "1.0"});
        List<String> verdicts = Oracle.run(List.of(PYTHON.toString(), "-c", PACKAGING_SCRIPT), Oracle.tabbed(pairs))
                .lines().toList();
        assertThat(Oracle.assertAgrees(PYPI, pairs, verdicts)).as("pairs packaging could compare")
                .isGreaterThan(2500);
    }

    @Test
    void hugeNumbersCompareByValue() {
        assertThat(PYPI.compare("1." + "9".repeat(100_000), "1." + "9".repeat(99_999))).isPositive();
    }

    @Test
    void isATotalOrder() {
        ComparatorProperties.assertTotalOrder(PYPI,
                ComparatorProperties.validSample(PYPI, RandomVersions.plain(3, PIECES)::version, 300));
    }
}
