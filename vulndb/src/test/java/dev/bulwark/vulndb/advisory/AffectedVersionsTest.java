package dev.bulwark.vulndb.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.vulndb.advisory.AffectedVersions.Verdict;
import dev.bulwark.vulndb.advisory.RangeEvent.Kind;
import dev.bulwark.vulndb.version.Ecosystem;
import dev.bulwark.vulndb.version.VersionComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AffectedVersionsTest {

    private static final VersionComparator DEB = Ecosystem.DEB.comparator();
    private static final Consumer<String> NO_WARNINGS = w -> {};

    /** Events written as {@code introduced:1.0 fixed:1.5}, in any order. */
    private static VersionRange range(VersionRange.Type type, String events) {
        List<RangeEvent> list = new ArrayList<>();
        for (String e : events.split(" ")) {
            String[] kv = e.split(":", 2);
            list.add(new RangeEvent(Kind.valueOf(kv[0].toUpperCase()), kv[1]));
        }
        return new VersionRange(type, list);
    }

    private static Verdict check(String events, String installed, Ecosystem ecosystem) {
        Affected entry = new Affected("ns", "pkg", List.of(range(VersionRange.Type.ECOSYSTEM, events)), List.of(),
                AffectedStatus.FIXED);
        return AffectedVersions.check(entry, installed, ecosystem.comparator(), NO_WARNINGS);
    }

    @ParameterizedTest(name = "{0} with {1}: {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "introduced:0 fixed:1.5-1       | 1.4-9   | true  | 1.5-1",
        "introduced:0 fixed:1.5-1       | 1.5-1   | false | -",
        "introduced:0 fixed:1.5-1       | 1.5-1+b1| false | -",
        "fixed:1.5-1 introduced:0       | 1.0     | true  | 1.5-1",
        "introduced:1.0 fixed:1.5 introduced:2.0 fixed:2.5 | 0.9 | false | -",
        "introduced:1.0 fixed:1.5 introduced:2.0 fixed:2.5 | 1.2 | true  | 1.5",
        "introduced:1.0 fixed:1.5 introduced:2.0 fixed:2.5 | 1.7 | false | -",
        "introduced:2.0 fixed:2.5 introduced:1.0 fixed:1.5 | 2.1 | true  | 2.5",
        "introduced:1.3 fixed:1.4 introduced:1.2 fixed:1.3 | 1.3 | true | 1.4",
        "introduced:1.2 fixed:1.3 introduced:1.3 fixed:1.4 | 1.3 | true | 1.4",
        "introduced:1.0 last_affected:1.3 | 1.3   | true  | -",
        "introduced:1.0 last_affected:1.3 | 1.3.1 | false | -",
        "introduced:0 limit:2.0          | 1.9    | true  | -",
        "introduced:0 limit:2.0          | 2.0    | false | -",
        "introduced:0                    | 99     | true  | -",
        "introduced:0 fixed:x:1.0        | 1.0    | false | -"})
    void walksEventsLikeOsv(String events, String installed, boolean affected, String fixed) {
        assertThat(check(events, installed, Ecosystem.DEB))
                .isEqualTo(new Verdict(affected, fixed == null ? "" : fixed));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "1.0.0-rc.1 | true", "1.0.0 | false", "0.9.9 | true"})
    void semverRangesUseSemverWhateverTheNamespace(String installed, boolean affected) {
        Affected entry = new Affected("npm", "left-pad", List.of(range(VersionRange.Type.SEMVER,
                "introduced:0 fixed:1.0.0")), List.of(), AffectedStatus.FIXED);
        assertThat(AffectedVersions.check(entry, installed, DEB, NO_WARNINGS).affected()).isEqualTo(affected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {"2.0 | true", "2.0-0 | true", "2.1 | false"})
    void explicitVersionsMatchByEquality(String installed, boolean affected) {
        Affected entry = new Affected("debian:12", "pkg", List.of(), List.of("2.0", "3.0"), AffectedStatus.AFFECTED);
        assertThat(AffectedVersions.check(entry, installed, DEB, NO_WARNINGS).affected()).isEqualTo(affected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"AFFECTED, true", "WILL_NOT_FIX, true", "NOT_AFFECTED, false"})
    void entriesWithoutVersionsFollowTheirStatus(AffectedStatus status, boolean affected) {
        Affected entry = new Affected("debian:12", "pkg", List.of(), List.of(), status);
        assertThat(AffectedVersions.check(entry, "1.0", DEB, NO_WARNINGS)).isEqualTo(new Verdict(affected, ""));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "introduced:0 fixed:1.0-foo | 0.9     | range {introduced 0, fixed 1.0-foo} not evaluated: invalid pypi version"
                + " '1.0-foo': not a PEP 440 version",
        "introduced:0 fixed:2.0     | x.y     | range {introduced 0, fixed 2.0} not evaluated: invalid pypi version"
                + " 'x.y': not a PEP 440 version"})
    void aRangeThatCannotBeEvaluatedIsReportedNotGuessed(String events, String installed, String warning) {
        List<String> warnings = new ArrayList<>();
        Affected entry = new Affected("PyPI", "pkg", List.of(range(VersionRange.Type.ECOSYSTEM, events)), List.of(),
                AffectedStatus.FIXED);
        assertThat(AffectedVersions.check(entry, installed, Ecosystem.PYPI.comparator(), warnings::add).affected())
                .isFalse();
        assertThat(warnings).containsExactly(warning);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x.y, true", "x.z, false"})
    void anExplicitVersionMatchesAsAStringWhereTheComparatorRefusesIt(String installed, boolean affected) {
        Affected entry = new Affected("PyPI", "pkg", List.of(), List.of("x.y"), AffectedStatus.AFFECTED);
        assertThat(AffectedVersions.check(entry, installed, Ecosystem.PYPI.comparator(), NO_WARNINGS).affected())
                .isEqualTo(affected);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "introduced:0 fixed:2.7.16-33 | 2.7.15-r0   | true",
        "introduced:0 fixed:2.7.16-33 | 2.7.16-r1   | false",
        "introduced:0 fixed:2.7.16-33 | 2.7.16-34   | false"})
    void apkVersionsApkCallsInvalidAreComparedAndReported(String events, String installed, boolean affected) {
        List<String> warnings = new ArrayList<>();
        assertThat(AffectedVersions.check(new Affected("alpine:3.10", "openssh", List.of(range(
                VersionRange.Type.ECOSYSTEM, events)), List.of(), AffectedStatus.FIXED), installed,
                Ecosystem.APK.comparator(), warnings::add).affected()).isEqualTo(affected);
        assertThat(warnings).containsExactly("advisory version '2.7.16-33' is malformed for apk (unexpected text at"
                + " position 7), compared as its tool does");
    }
}
