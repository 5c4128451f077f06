package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmVersionComparatorTest {

    private static final VersionComparator RPM = Ecosystem.RPM.comparator();
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Reads {@code A<TAB>B} lines and prints rpm's own verdict, -1, 0 or 1, per line. */
    private static final String RPM_VER_SCRIPT = """
            import sys, rpm
            for line in sys.stdin:
                a, b = line.rstrip('\\n').split('\\t')
                va, vb = rpm.ver(a), rpm.ver(b)
                print((va > vb) - (va < vb))
            """;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0 < 1.0a",
        "1.0 = 1.0",
        "1.0a < 1.0.1",
        "2.0 > 1.0",
        "1.0 = 1_0",
        "1.0~rc1 < 1.0",
        "1.0~rc1 < 1.0~rc2",
        "1.0~~ < 1.0~",
        "1.0^ > 1.0",
        "1.0^git1 < 1.01",
        "1.0^git1 > 1.0",
        "1.0^git1 < 1.0.1",
        "1.0^git1~pre < 1.0^git1",
        "1.0^ < 1.0a",
        "10 > 9",
        "010 = 10",
        "a < 1~",
        "abc > ab",
        "1:1.0 > 2.0",
        "0:1.0-1 = 1.0-1",
        "1.0-1 < 1.0-2",
        "1.0-1.el9 < 1.0-1.el9_1",
        "1.0 < 1.0-1",
        "3.0.7-24.el9 < 3.0.7-27.el9",
        "1.2.3-4.el8 > 1.2.3-4.el7"})
    void publishedOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(RPM, a, op, b);
    }

    @Test
    void refusesOnlyEmptyAndWhitespace() {
        assertThatThrownBy(() -> RPM.validate("")).isInstanceOf(InvalidVersionException.class)
                .hasMessage("invalid rpm version '': version string is empty");
        assertThatThrownBy(() -> RPM.validate("1.0 1")).hasMessageEndingWith("version string has whitespace");
        RPM.validate("x:1");
        RPM.validate("-1");
    }

    @Test
    void hostileInputIsLinear() {
        String dots = "1" + ".".repeat(200_000) + "1";
        assertThat(RPM.compare(dots, "1.2")).isNegative();
        assertThat(RPM.compare("9".repeat(100_000), "9".repeat(99_999))).isPositive();
    }

    @Test
    void agreesWithRpmOnGeneratedPairs() throws Exception {
        Oracle.assumeInstalled(PYTHON, "python3-rpm");
        RandomVersions random = new RandomVersions(20261125, new String[] {
            "0", "1", "9", "00", "010", "12345678901234567890", ".", ".", "_", "+", "~", "^", "a", "b", "z", "A", "Z",
            "el9", "-"}, "-");
        List<String[]> pairs = new ArrayList<>(random.pairs(4000));
        pairs.addAll(List.of(new String[] {":1", "0:1"}, new String[] {"1.0-", "1.0"}, new String[] {"-1", "0-1"},
                new String[] {"1.0é", "1.0"}));
        String input = pairs.stream().map(p -> p[0] + "\t" + p[1]).collect(Collectors.joining("\n", "", "\n"));
        List<String> rpm = Oracle.run(List.of(PYTHON.toString(), "-c", RPM_VER_SCRIPT), input).lines().toList();
        assertThat(rpm).hasSameSizeAs(pairs);
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            assertThat(Integer.signum(RPM.compare(a, b))).as("%s vs %s", a, b).isEqualTo(Integer.parseInt(rpm.get(i)));
        }
        Oracle.reportAgreement(Ecosystem.RPM, pairs.size(), pairs.size());
    }

    @Test
    void isATotalOrder() {
        RandomVersions random = new RandomVersions(11, new String[] {"0", "1", "10", ".", "~", "^", "a", "B"}, "-");
        ComparatorProperties.assertTotalOrder(RPM, Stream.generate(random::version).limit(300).toList());
    }
}
