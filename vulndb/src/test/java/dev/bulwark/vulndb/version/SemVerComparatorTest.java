package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemVerComparatorTest {

    private static final VersionComparator NPM = Ecosystem.SEMVER.comparator();
    private static final VersionComparator GO = Ecosystem.GO.comparator();
    private static final Path NODE = Path.of("/usr/bin/node");
    private static final Path NODE_SEMVER = Path.of("/usr/share/nodejs/semver");
    private static final String[] PIECES = {"0", "1", "10", "01", "9007199254740992", ".", ".", ".", "-", "-", "+",
        "alpha", "beta", "rc", "x", "A", "Z", "-1", "v", " "};

    /** Reads {@code A<TAB>B} lines and prints node-semver's verdict, or E when it refuses either version. */
    private static final String SEMVER_SCRIPT = """
            const valid = require('/usr/share/nodejs/semver/functions/valid');
            const compare = require('/usr/share/nodejs/semver/functions/compare');
            const lines = require('fs').readFileSync(0, 'utf8').split('\\n').filter(l => l.length > 0);
            for (const line of lines) {
                const [a, b] = line.split('\\t');
                console.log(valid(a) === null || valid(b) === null ? 'E' : String(compare(a, b)));
            }
            """;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0.0-alpha < 1.0.0-alpha.1",
        "1.0.0-alpha.1 < 1.0.0-alpha.beta",
        "1.0.0-alpha.beta < 1.0.0-beta",
        "1.0.0-beta < 1.0.0-beta.2",
        "1.0.0-beta.2 < 1.0.0-beta.11",
        "1.0.0-beta.11 < 1.0.0-rc.1",
        "1.0.0-rc.1 < 1.0.0",
        "1.0.0+build.1 = 1.0.0+build.2",
        "v1.2.3 = 1.2.3",
        "1.10.0 > 1.9.0"})
    void semVerSpecOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(NPM, a, op, b);
        ComparatorProperties.assertOrdering(GO, a, op, b);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "v1 = v1.0.0",
        "v1.2 = v1.2.0",
        "v2.0.0+incompatible = v2.0.0",
        "v0.0.0-20191109021931-daa7c04131f5 < v0.0.1",
        "v0.0.0-20191109021931-daa7c04131f5 > v0.0.0-20190101000000-000000000000",
        "v1.2.4-0.20191109021931-daa7c04131f5 > v1.2.3",
        "v1.2.4-0.20191109021931-daa7c04131f5 < v1.2.4",
        "v1.2.3-pre.0.20191109021931-daa7c04131f5 > v1.2.3-pre",
        "v99999999999999999999.0.0 > v9007199254740991.0.0"})
    void goModuleOrderings(String a, String op, String b) {
        ComparatorProperties.assertOrdering(GO, a, op, b);
    }

    @Test
    void refusesWhatTheToolsRefuse() {
        assertThatThrownBy(() -> NPM.validate("1.2")).isInstanceOf(InvalidVersionException.class)
                .hasMessage("invalid semver version '1.2': expected MAJOR.MINOR.PATCH");
        assertThatThrownBy(() -> NPM.validate("01.2.3")).hasMessageEndingWith("'01' has a leading zero");
        assertThatThrownBy(() -> NPM.validate("1.2.3-01")).hasMessageEndingWith("'01' has a leading zero");
        assertThatThrownBy(() -> NPM.validate("9007199254740992.0.0")).hasMessageEndingWith("larger than 2^53-1");
        assertThatThrownBy(() -> NPM.validate("1.2.3-" + "a".repeat(300))).hasMessageContaining("longer than 256");
        assertThatThrownBy(() -> GO.validate("v1.2-pre")).isInstanceOf(InvalidVersionException.class)
                .hasMessageStartingWith("invalid go version");
        assertThatThrownBy(() -> GO.validate("v1.2.3-a..b")).hasMessageEndingWith("bad identifier ''");
    }

    @Test
    void agreesWithNodeSemverOnGeneratedPairs() throws Exception {
        Oracle.assumeInstalled(NODE, "nodejs");
        Oracle.assumeInstalled(NODE_SEMVER, "node-semver");
        List<String[]> pairs = new ArrayList<>(semVerPairs(new Random(20261125), 4000));
        pairs.addAll(RandomVersions.plain(5, PIECES).pairs(1000));
        List<String> verdicts = Oracle.run(List.of(NODE.toString(), "-e", SEMVER_SCRIPT), Oracle.tabbed(pairs))
                .lines().toList();
        assertThat(Oracle.assertAgrees(NPM, pairs, verdicts)).as("pairs node-semver could compare")
                .isGreaterThan(3000);
    }

    /** Go orders full versions by SemVer precedence, so node-semver is its oracle too once the {@code v} is on. */
    @Test
    void goAgreesWithNodeSemverOnFullVersions() throws Exception {
        Oracle.assumeInstalled(NODE, "nodejs");
        Oracle.assumeInstalled(NODE_SEMVER, "node-semver");
        List<String[]> pairs = semVerPairs(new Random(42), 3000);
        List<String> verdicts = Oracle.run(List.of(NODE.toString(), "-e", SEMVER_SCRIPT), Oracle.tabbed(pairs))
                .lines().toList();
        List<String[]> prefixed = pairs.stream().map(p -> new String[] {"v" + p[0], "v" + p[1]}).toList();
        assertThat(Oracle.assertAgrees(GO, prefixed, verdicts)).isGreaterThan(2000);
    }

    @Test
    void isATotalOrder() {
        List<String> versions = semVerPairs(new Random(9), 300).stream().flatMap(p -> Stream.of(p[0], p[1])).toList();
        ComparatorProperties.assertTotalOrder(NPM, ComparatorProperties.validSample(NPM, versions.iterator()::next, 300));
    }

    /** Mostly well-formed versions with pre-releases, near each other, so that precedence rules decide. */
    private static List<String[]> semVerPairs(Random random, int count) {
        String[] ids = {"0", "1", "2", "11", "alpha", "beta", "rc", "a1", "1a", "-", "x-y", "Z", "01"};
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String core = random.nextInt(3) + "." + random.nextInt(3) + "." + random.nextInt(3);
            pairs.add(new String[] {core + pre(random, ids), (random.nextInt(4) == 0
                    ? random.nextInt(3) + "." + random.nextInt(3) + "." + random.nextInt(3) : core) + pre(random, ids)});
        }
        return pairs;
    }

    private static String pre(Random random, String[] ids) {
        StringBuilder pre = new StringBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            pre.append(i == 0 ? '-' : '.').append(ids[random.nextInt(ids.length)]);
        }
        if (random.nextInt(8) == 0) {
            pre.append("+build.").append(random.nextInt(3));
        }
        return pre.toString();
    }
}
