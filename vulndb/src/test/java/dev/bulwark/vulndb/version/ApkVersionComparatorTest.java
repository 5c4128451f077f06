package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * apk-tools is not packaged in Debian, so there is no oracle here: each rule of apk-tools' {@code version.c},
 * case by case, and real Alpine versions, including those apk calls invalid.
 */
class ApkVersionComparatorTest {

    private static final VersionComparator APK = Ecosystem.APK.comparator();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        // numbers compare numerically, part by part; more parts is newer
        "1.2 < 1.10",
        "1.2.3 < 1.2.3.1",
        "1.0 < 1.0.0",
        "2 > 1.99999",
        // numbers are read into 64 bits that wrap around, as apk reads them
        "18446744073709551615 > 1",
        "18446744073709551616 = 0",
        "18446744073709551617 < 2",
        "1.0_p18446744073709551616 = 1.0_p0",
        // a dotted part with a leading zero compares as text against its peer
        "1.01 < 1.1",
        "1.001 < 1.01",
        "1.010 > 1.01",
        "1.0 = 1.0",
        "01 = 1",
        // a letter after the numbers: newer than none, ordered by character
        "1.2.3a > 1.2.3",
        "1.2.3a < 1.2.3b",
        "1.2a < 1.2.1",
        // pre-release suffixes sort before the bare version, in this order
        "1.0_alpha < 1.0_beta",
        "1.0_beta < 1.0_pre",
        "1.0_pre < 1.0_rc",
        "1.0_rc < 1.0",
        "1.0_rc1 < 1.0",
        "1.0_rc1 < 1.0_rc2",
        "1.0_alpha2 > 1.0_alpha1",
        "1.0_alpha10 > 1.0_alpha9",
        // post-release suffixes sort after it, in this order
        "1.0 < 1.0_cvs",
        "1.0_cvs < 1.0_svn",
        "1.0_svn < 1.0_git",
        "1.0_git < 1.0_hg",
        "1.0_hg < 1.0_p",
        "1.0_p1 < 1.0_p2",
        "1.0_p20230101 > 1.0_p9",
        // several suffixes
        "1.0_rc1_p1 > 1.0_rc1",
        "1.0_rc1_p1 < 1.0",
        "1.0_rc1_alpha < 1.0_rc1",
        // the revision orders builds of one version and comes after everything else
        "1.0-r0 < 1.0-r1",
        "1.0-r9 < 1.0-r10",
        "1.0 < 1.0-r1",
        "1.0 < 1.0-r0",
        "1.0_p1 > 1.0-r1",
        "1.0_rc1-r5 < 1.0-r0",
        "1.0a-r1 > 1.0-r2",
        // commit hashes, between suffixes and the revision
        "1.0~abc > 1.0",
        "1.0~abc < 1.0~abd",
        "1.0~abc-r1 > 1.0~abc",
        "1.0~ab < 1.0~abc",
        // real Alpine versions
        "1.1.24-r2 < 1.1.24-r10",
        "1.1.1d-r3 < 1.1.1g-r0",
        "1.1.1k-r0 > 1.1.1d-r3",
        "3.0.8-r0 > 1.1.1w-r1",
        "20191127-r1 < 20230506-r0",
        "2.10.4-r3 < 2.10.5-r0"})
    void documentedOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(APK, a, op, b);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        // an invalid token ends the version; both ending so at the same token after equal ones is equality
        "1.0a.1 = 1.0a.2",
        "2.7.16-33 = 2.7.16-34",
        "a1 = b2",
        "'' = ''",
        // otherwise the invalid token is a kind after all others, so that version is the older one
        "1.0a.1 < 1.0a",
        "1.0a.1 < 1.0a-r1",
        "2.7.16-33 < 2.7.16",
        "'' < 0",
        "1.0_rc1 < 1.0_foo",
        "1.0_foo < 1.0",
        "1.0~ABC < 1.0",
        // but only once the tokens before it are equal
        "1.0a.1 > 1.0",
        "1.0a.9 < 1.0b"})
    void comparesWhatApkCallsInvalid(String a, String op, String b) {
        ComparatorProperties.assertOrdering(APK, a, op, b);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        // a number right after the letter is a patch level, as apk-tools 2 reads it
        "5.1p1-r0 < 5.1p2-r0",
        "1.7.4p6-r1 > 1.7.4p5-r9",
        "5.1p10 > 5.1p9",
        "5.1p1-r0 > 5.1p-r0",
        "5.1p1-r0 > 5.1p",
        "5.1p1-r0 < 5.1.1",
        "5.1p1-r0 > 5.1",
        "5.1p1-r0 > 5.1-r9",
        "5.1p1-r0 < 5.1q",
        "5.1p1-r0 > 5.1o",
        "6.6.2p1-r0 < 6.6.3-r0",
        "2.2.19p1-r0 > 2.2.18-r5",
        "2.2.19p1-r0 > 2.2.19-r9",
        // odd versions from Alpine's secdb
        "0.12.5.-r0 < 0.12.5-r0",
        "0.12.5.-r0 > 0.12.4-r9",
        "0.8.21.r2 < 0.8.21-r2",
        "10.2.22.r0 < 10.2.24.r0",
        "1.11-20-r0 < 1.11-r0",
        "4.10-1-r1 = 4.10-2-r0",
        "57-1-r2 > 56-r9",
        "2.15.r-r1 < 2.15-r1"})
    void ordersPatchLevelsAndOddSecdbVersions(String a, String op, String b) {
        ComparatorProperties.assertOrdering(APK, a, op, b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a1", ".1", "1.", "1..2", "1.0-1", "1.0-r", "1.0-rx", "1.0_foo", "1.0_", "1.0A",
        "1.0ab", "1.0a.1", "1.0_p1.2", "1.0-r1.1", "1.0-r1_p1", "1.0~", "1.0~xyz", "1.0~ABC", "1.0 ",
        "v1.0", "1,0", "1.0_rc1a", "1.0-r1-r2", "1.0~ab~cd", "0.12.5.-r0", "2.7.16-33"})
    void namesWhatApkCallsInvalidButComparesIt(String version) {
        assertThat(APK.defect(version)).as(version).isPresent();
        APK.validate(version);
        assertThat(APK.compare(version, version)).isZero();
    }

    @Test
    void saysWhereTheVersionTurnsInvalid() {
        assertThat(APK.defect("1.0a.1")).contains("unexpected text at position 5");
        assertThat(APK.defect("5.1p1-r0")).isEmpty();
        assertThat(APK.defect("1.0_foo")).contains("unexpected text at position 5");
        assertThat(APK.defect("")).contains("version string is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.2.3", "1.2.3a", "1.0_alpha", "1.0_rc1_p2", "1.0~0abc12f", "1.0-r99",
        "1.2.3b_beta4_p5~cafe-r6", "20230201", "1.01.001", "5.1p1-r0", "1.0a1_rc2"})
    void acceptsEveryPartInOrder(String version) {
        assertThat(APK.defect(version)).isEmpty();
        assertThat(APK.compare(version, version)).isZero();
    }

    @Test
    void hostileInputIsLinear() {
        String many = "1" + ".1".repeat(100_000);
        assertThat(APK.compare(many, many + ".1")).isNegative();
        assertThat(APK.compare("9".repeat(100_000), "1")).isPositive();
    }

    @Test
    void isATotalOrder() {
        List<String> parts = List.of("0", "1", "2", "01", "10", ".1", ".0", "a", "b", "_rc1", "_alpha", "_p1", "_p",
                "~ab", "-r1", "-r0", "-1", "_x", ".");
        java.util.Random r = new java.util.Random(5);
        List<String> sample = Stream.generate(() -> {
            StringBuilder v = new StringBuilder().append(r.nextInt(3));
            for (int i = r.nextInt(4); i > 0; i--) {
                v.append(parts.get(r.nextInt(parts.size())));
            }
            return v.toString();
        }).limit(400).toList();
        assertThat(sample.stream().filter(v -> APK.defect(v).isPresent())).hasSizeGreaterThan(50);
        ComparatorProperties.assertTotalOrder(APK, sample);
    }
}
