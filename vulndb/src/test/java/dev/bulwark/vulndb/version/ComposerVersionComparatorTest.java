package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from Composer's version documentation, and Composer itself ({@code composer/semver}) as the oracle. */
class ComposerVersionComparatorTest {

    private static final VersionComparator COMPOSER = Ecosystem.COMPOSER.comparator();
    private static final Path PHP = Path.of("/usr/bin/php");
    private static final Path SEMVER = Path.of("/usr/share/php/Composer/Semver/autoload.php");
    private static final String[] PIECES = {"0", "1", "10", "00", ".0", ".1", ".2", ".", "..", "-", "_", "+", "+b5",
        "a", "b", "alpha", "beta", "RC", "rc", "p", "pl", "patch", "stable", "STABLE", "dev", "-dev", ".dev", ".x",
        "x", "*", "v", "-01", "12", "99999999999999999999", "9223372036854775807", "@beta", " as 1.0"};
    private static final String[] BRANCHES = {"dev-main", "dev-foo", "dev-Main", "DEV-main", "dev-master", "master",
        "trunk", "default", "dev-1.0", "dev-", "1.0.x-dev", "1.x-dev", "2.*-dev", "v1.0.X-dev", "1.0.0.x-dev",
        "foo-dev", "dev-feature/x", "master@dev", "dev-main as 1.0.0"};

    /**
     * Reads {@code A<TAB>B} lines; normalises both with {@code VersionParser} (E when it refuses one) and prints
     * {@code Comparator}'s verdict, or U when it finds the two neither less, equal nor greater (two branches).
     */
    private static final String COMPOSER_SCRIPT = """
            require '%s';
            $parser = new Composer\\Semver\\VersionParser();
            while (($line = fgets(STDIN)) !== false) {
                [$a, $b] = explode("\\t", rtrim($line, "\\n"));
                try {
                    $x = $parser->normalize($a);
                    $y = $parser->normalize($b);
                } catch (UnexpectedValueException $e) {
                    echo "E\\n";
                    continue;
                }
                echo Composer\\Semver\\Comparator::lessThan($x, $y) ? -1
                    : (Composer\\Semver\\Comparator::greaterThan($x, $y) ? 1
                    : (Composer\\Semver\\Comparator::equalTo($x, $y) ? 0 : 'U')), "\\n";
            }
            """.formatted(SEMVER);

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

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        // a branch is below every numbered version, even a dev one
        "dev-main < 0.0.1-dev",
        "dev-main < 1.0.0",
        "master = dev-master",
        "DEV-main = dev-main",
        "dev-main = dev-main",
        // two branches have no order in Composer; here they are ordered by name
        "dev-Main < dev-main",
        "dev-foo < dev-main",
        // numeric branches become versions with 9999999 for wildcards
        "1.0.x-dev > 1.0.5",
        "1.0.x-dev < 1.1.0-alpha1",
        "1.x-dev = 1.9999999.9999999.9999999-dev",
        "2.*-dev > 2.5",
        // date versions keep their own parts
        "2023-01-01 < 2023.01.01",
        "20230101 < 20230101.0",
        // PHP reads each number into a long, saturating
        "1.99999999999999999999 = 1.9223372036854775807",
        "1.9223372036854775806 < 1.99999999999999999999"})
    void branchesAndEdges(String a, String op, String b) {
        ComparatorProperties.assertOrdering(COMPOSER, a, op, b);
    }

    @Test
    void refusesJunk() {
        assertThatThrownBy(() -> COMPOSER.validate("foo-dev")).isInstanceOf(InvalidVersionException.class)
                .hasMessage("invalid composer version 'foo-dev': not a Composer version");
        assertThatThrownBy(() -> COMPOSER.validate("1.0.0.0.0")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> COMPOSER.validate("1.0-foo")).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void agreesWithComposerOnGeneratedPairs() throws Exception {
        Oracle.assumeInstalled(PHP, "php-cli");
        Oracle.assumeInstalled(SEMVER, "composer");
        List<String[]> pairs = new ArrayList<>(RandomVersions.plain(20261126, PIECES).pairs(10_000));
        Random random = new Random(11);
        RandomVersions versions = RandomVersions.plain(12, PIECES);
        for (int i = 0; i < 2000; i++) {
            String branch = BRANCHES[random.nextInt(BRANCHES.length)];
            String other = random.nextBoolean() ? BRANCHES[random.nextInt(BRANCHES.length)] : versions.version();
            pairs.add(random.nextBoolean() ? new String[] {branch, other} : new String[] {other, branch});
        }
        List<String> verdicts = Oracle.run(List.of(PHP.toString(), "-r", COMPOSER_SCRIPT), Oracle.tabbed(pairs))
                .lines().toList();
        assertThat(verdicts).hasSameSizeAs(pairs);
        List<String[]> ordered = new ArrayList<>();
        List<String> orderedVerdicts = new ArrayList<>();
        int unordered = 0;
        for (int i = 0; i < pairs.size(); i++) {
            String[] p = pairs.get(i);
            if (verdicts.get(i).equals("U")) {
                assertThat(COMPOSER.compare(p[0], p[1])).as("two different branches %s, %s", p[0], p[1]).isNotZero();
                unordered++;
            } else {
                ordered.add(p);
                orderedVerdicts.add(verdicts.get(i));
            }
        }
        assertThat(unordered).as("pairs of different branches").isGreaterThan(100);
        assertThat(Oracle.assertAgrees(COMPOSER, ordered, orderedVerdicts)).as("pairs Composer could compare")
                .isGreaterThan(3000);
    }

    @Test
    void isATotalOrder() {
        ComparatorProperties.assertTotalOrder(COMPOSER, ComparatorProperties.validSample(COMPOSER,
                RandomVersions.plain(6, "0", "1", "10", ".", "-", "alpha", "b", "RC", "p", "pl", "dev", "v")::version,
                300));
    }
}
