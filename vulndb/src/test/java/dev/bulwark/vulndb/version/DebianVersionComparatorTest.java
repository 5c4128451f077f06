package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebianVersionComparatorTest {

    private static final VersionComparator DEB = Ecosystem.DEB.comparator();
    private static final Path DPKG = Path.of("/usr/bin/dpkg");

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0 < 1.1",
        "1.0 = 1.0-0",
        "1.0 = 0:1.0",
        "1:0.1 > 2.0",
        "1.0~rc1 < 1.0",
        "1.0~~ < 1.0~",
        "1.0~ < 1.0",
        "1.0 < 1.0+b1",
        "1.0a < 1.0+",
        "1.0 < 1.0a",
        "1.0.1 > 1.0a",
        "1.2-3 < 1.2-10",
        "1.002 = 1.2",
        "2.36-9+deb12u4 > 2.36-9+deb12u3",
        "2.36-9+deb12u10 > 2.36-9+deb12u9",
        "7.88.1-10+deb12u5 < 7.88.1-10+deb12u12",
        "1:2.38.1-5+deb12u3 > 2.38.1-5+deb12u3",
        "1.0-1~bpo12+1 < 1.0-1",
        "12345678901234567890123 > 12345678901234567890122",
        "00000000000000000000001 = 1",
        "1.0-1-1 > 1.0-1",
        "a < b",
        "1:1.0 < 2:0.1"})
    void publishedOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(DEB, a, op, b);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|version string is empty",
        ":1.0|epoch in version is empty",
        "a:1.0|epoch in version is not number",
        "1:|nothing after colon in version number",
        "1.0-|revision number is empty",
        "-1|version number is empty",
        "1.0 2|version string has embedded spaces",
        "99999999999:1|epoch in version is too big",
        "-1:1.0|epoch in version is negative"})
    void refusesWhatDpkgRefuses(String version, String reason) {
        String v = version == null ? "" : version;
        assertThatThrownBy(() -> DEB.validate(v)).isInstanceOf(InvalidVersionException.class)
                .hasMessageEndingWith(reason);
    }

    @Test
    void hostileInputIsLinearAndBounded() {
        String longDigits = "1".repeat(200_000);
        assertThat(DEB.compare(longDigits, longDigits + "0")).isNegative();
        String manyTildes = "1" + "~".repeat(200_000);
        assertThat(DEB.compare(manyTildes, "1")).isNegative();
        assertThatThrownBy(() -> DEB.validate("x:" + "9".repeat(100_000)))
                .hasMessageContaining("...(100002 chars)");
    }

    @Test
    void agreesWithDpkgOnGeneratedPairs() throws Exception {
        Oracle.assumeInstalled(DPKG, "dpkg");
        RandomVersions random = new RandomVersions(20261124, new String[] {
            "0", "1", "9", "00", "010", "12345678901234567890", ".", ".", "+", "~", "~~", "a", "b", "z", "A", "Z",
            "-", ":"}, "-");
        List<String[]> pairs = new ArrayList<>(random.pairs(3000));
        pairs.addAll(List.of(new String[] {"1.0", "1.0-0"}, new String[] {"1.0é", "1.0z"},
                new String[] {"1.0é", "1.0+"}, new String[] {"abc", "1.0"}, new String[] {"+1:1.0", "1:1.0"}));
        StringBuilder script = new StringBuilder();
        for (String[] p : pairs) {
            script.append("dpkg --compare-versions '%s' lt '%s' 2>/dev/null; a=$?; ".formatted(p[0], p[1]))
                    .append("dpkg --compare-versions '%s' gt '%s' 2>/dev/null; echo \"$a$?\"\n".formatted(p[0], p[1]));
        }
        List<String> dpkg = Oracle.run(List.of("sh"), script.toString()).lines().toList();
        assertThat(dpkg).hasSameSizeAs(pairs);
        int compared = 0;
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            String expected = switch (dpkg.get(i)) {
                case "01" -> "<";
                case "10" -> ">";
                case "11" -> "=";
                default -> "invalid";
            };
            assertThat(ours(a, b)).as("%s vs %s", a, b).isEqualTo(expected);
            compared += expected.equals("invalid") ? 0 : 1;
        }
        assertThat(compared).as("pairs both tools could compare").isGreaterThan(2000);
        Oracle.reportAgreement(Ecosystem.DEB, compared, pairs.size());
    }

    @Test
    void isATotalOrder() {
        RandomVersions random = new RandomVersions(7, new String[] {"0", "1", "10", ".", "+", "~", "a", "B"}, "-");
        List<String> sample = Stream.generate(random::version).limit(300).toList();
        ComparatorProperties.assertTotalOrder(DEB, sample);
    }

    private static String ours(String a, String b) {
        try {
            return ComparatorProperties.operator(DEB.compare(a, b));
        } catch (InvalidVersionException e) {
            return "invalid";
        }
    }
}
