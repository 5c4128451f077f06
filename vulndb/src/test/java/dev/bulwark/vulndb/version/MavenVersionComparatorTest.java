package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MavenVersionComparatorTest {

    private static final VersionComparator MAVEN = Ecosystem.MAVEN.comparator();
    private static final String[] PIECES = {"0", "1", "2", "10", "00", "01", "12345678901234567890", ".", ".", "-",
        "-", "a", "b", "m", "alpha", "beta", "milestone", "rc", "cr", "snapshot", "ga", "final", "release", "sp", "x",
        "foo", "RC", "Final", "_"};

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1 = 1.0",
        "1 = 1.0.0",
        "1-ga = 1",
        "1.0.final = 1",
        "1-alpha1 = 1-a1",
        "1-alpha-1 < 1-beta-1",
        "1-beta < 1-milestone",
        "1-m1 < 1-rc1",
        "1-cr1 = 1-rc1",
        "1-rc < 1-snapshot",
        "1-snapshot < 1",
        "1 < 1-sp",
        "1-sp < 1-foo",
        "1-foo < 1.1",
        "1-1 < 1.1",
        "1.0.0-SNAPSHOT < 1.0.0",
        "2.12.7.1 > 2.12.7",
        "1.0.RC1 = 1.0-rc1",
        "9.4.51.v20230217 > 9.4.51",
        "5.3.27 < 5.3.28",
        "1.10 > 1.9",
        "12345678901234567890 < 12345678901234567891"})
    void publishedOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(MAVEN, a, op, b);
    }

    @Test
    void agreesWithComparableVersionOnGeneratedPairs() {
        List<String[]> pairs = new ArrayList<>(RandomVersions.plain(20261125, PIECES).pairs(5000));
        pairs.addAll(List.of(new String[] {"", "0"}, new String[] {"-", "."}, new String[] {"1..1", "1.0.1"},
                new String[] {"1-", "1"}, new String[] {"a1", "alpha-1"}, new String[] {"1٣", "13"}));
        assertThat(Oracle.assertAgrees(MAVEN, pairs, verdicts(pairs))).isEqualTo(pairs.size());
    }

    @Test
    void acceptsEveryStringAndStaysLinear() {
        MAVEN.validate("");
        MAVEN.validate("not a version at all");
        List<String[]> hostile = List.of(new String[] {"1" + ".-".repeat(100_000), "1"},
                new String[] {"a1".repeat(50_000), "a"}, new String[] {"9".repeat(100_000), "9".repeat(99_999)});
        Oracle.assertAgrees(MAVEN, hostile, verdicts(hostile));
    }

    /**
     * ComparableVersion is not transitive on odd inputs ({@code 3-.rc}), so instead of total-order properties the
     * test checks every pair of a sample against it.
     */
    @Test
    void agreesOnEveryPairOfASample() {
        List<String> sample = Stream.generate(RandomVersions.plain(7, PIECES)::version).limit(200).toList();
        List<String[]> pairs = sample.stream().flatMap(a -> sample.stream().map(b -> new String[] {a, b})).toList();
        Oracle.assertAgrees(MAVEN, pairs, verdicts(pairs));
    }

    private static List<String> verdicts(List<String[]> pairs) {
        return pairs.stream().map(p -> String.valueOf(Integer.signum(
                new ComparableVersion(p[0]).compareTo(new ComparableVersion(p[1]))))).toList();
    }
}
