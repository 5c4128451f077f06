package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from RubyGems' documented {@code Gem::Version} behaviour, and Ruby's own {@code Gem::Version} as the oracle. */
class RubyGemsVersionComparatorTest {

    private static final VersionComparator GEM = Ecosystem.GEM.comparator();
    private static final Path RUBY = Path.of("/usr/bin/ruby");
    private static final String[] PIECES = {"0", "1", "10", "00", ".0", ".1", ".", "..", "-", "-1", "-a", "a", "b",
        "Z", "pre", "rc", "alpha", ".a", ".pre", "_", " ", "\u000B", "99999999999999999999999"};

    /** Reads {@code A<TAB>B} lines and prints {@code Gem::Version}'s verdict, or E when it refuses either. */
    private static final String GEM_SCRIPT = """
            STDIN.each_line do |line|
              a, b = line.chomp("\\n").split("\\t", -1)
              begin
                puts Gem::Version.new(a) <=> Gem::Version.new(b)
              rescue ArgumentError
                puts "E"
              end
            end
            """;

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
    void agreesWithGemVersionOnGeneratedPairs() throws Exception {
        Oracle.assumeInstalled(RUBY, "ruby");
        List<String[]> pairs = new ArrayList<>(RandomVersions.plain(20261127, PIECES).pairs(20_000));
        pairs.addAll(List.of(new String[] {"", " "}, new String[] {" 1.0 ", "1"},
                new String[] {"-1", "1"}, new String[] {"1.a", "1.A"}));
        List<String> verdicts = Oracle.run(List.of(RUBY.toString(), "-e", GEM_SCRIPT), Oracle.tabbed(pairs))
                .lines().toList();
        assertThat(Oracle.assertAgrees(GEM, pairs, verdicts)).as("pairs Gem::Version could compare")
                .isGreaterThan(4000);
    }

    @Test
    void isATotalOrder() {
        ComparatorProperties.assertTotalOrder(GEM, ComparatorProperties.validSample(GEM,
                RandomVersions.plain(4, "0", "1", "10", ".", ".", "-", "a", "b", "pre", "rc", "Z")::version, 300));
    }
}
