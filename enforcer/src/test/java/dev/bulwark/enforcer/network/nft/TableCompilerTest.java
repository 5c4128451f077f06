package dev.bulwark.enforcer.network.nft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.link.model.NodePolicy.Network;
import dev.bulwark.link.model.NodePolicy.NetworkRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TableCompilerTest {

    /** Every character a compiled script may hold: no newline inside a line, no backslash, no quote but ours. */
    private static final Pattern SAFE_LINE = Pattern.compile("[\\t a-zA-Z0-9_.,:/{}<>!=@;*\"-]*");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    /** Every quoted string the compiler writes. */
    private static final Pattern OUR_STRINGS = Pattern.compile(
            "bw-cap|lo|bw-quar:|bw-deny:\\d+:|rule \\d+|bulwark [0-9a-f]{64}|[a-z0-9_.*-]{1,120}");

    private final TableCompiler compiler = new TableCompiler();

    @Test
    void protectAcceptsEstablishedThenTheRulesInOrderThenDeniesByDefault() {
        CompiledTable table = compile(protect(
                rule(5, false, List.of("10.1.0.0/16", "fd00::1"), "tcp/443", "allow"),
                rule(6, true, List.of("10.2.0.7"), "udp/53", "deny")));

        List<String> output = chain(table, "output");
        assertThat(output).startsWith("type filter hook output priority filter; policy accept;",
                "ct packets < 12 log group 1 prefix \"bw-cap\" snaplen 1024", "oif \"lo\" accept",
                "ct state established,related accept");
        assertThat(output.subList(5, output.size())).containsExactly(
                "ip daddr @r1_4 tcp dport { 443 } counter accept comment \"rule 5\"",
                "ip6 daddr @r1_6 tcp dport { 443 } counter accept comment \"rule 5\"",
                "counter goto deny_0");
        assertThat(chain(table, "input").subList(5, 7)).containsExactly(
                "ip saddr @r2_4 udp dport { 53 } counter goto deny_6 comment \"rule 6\"",
                "counter goto deny_0");
        assertThat(chain(table, "deny_6")).containsExactly("limit rate 50/second log group 2 prefix \"bw-deny:6:\"",
                "counter drop");
        assertThat(chain(table, "deny_0")).containsExactly("limit rate 50/second log group 2 prefix \"bw-deny:0:\"",
                "counter drop");
        assertThat(table.definition()).contains("set r1_4 {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\tauto-merge\n"
                + "\t\telements = { 10.1.0.0/16 }");
        assertThat(table.rejected()).isEmpty();
    }

    @Test
    void externalIsNotInTheInternalSetsAndAnFqdnHasASetPerFamily() {
        CompiledTable table = compile(new Network("c", "Protect", false, List.of(
                rule(1, false, List.of("external", "fqdn:*.Example.com"), "any", "allow")),
                List.of("10.0.0.0/8", "fd00::/8", "not a network")));

        FqdnName name = FqdnName.parse("*.example.com");
        assertThat(chain(table, "output")).contains("ip daddr != @internal4 counter accept comment \"rule 1\"",
                "ip6 daddr != @internal6 counter accept comment \"rule 1\"",
                "ip daddr @" + name.setName(true) + " counter accept comment \"rule 1\"",
                "ip6 daddr @" + name.setName(false) + " counter accept comment \"rule 1\"");
        assertThat(table.fqdns()).containsExactly(name);
        assertThat(table.definition()).contains("set " + name.setName(true) + " {\n\t\ttype ipv4_addr\n\t\tflags"
                + " timeout\n\t\tcomment \"*.example.com\"");
        assertThat(table.rejected()).singleElement().satisfies(r -> assertThat(r.subject())
                .isEqualTo("internal network"));
    }

    @Test
    void quarantineLogsAndDropsEverythingButLoopbackWhateverTheMode() {
        CompiledTable table = compile(new Network("c", "Protect", true, List.of(rule(1, false, List.of("0.0.0.0/0"),
                "any", "allow")), List.of()));

        for (String hooked : List.of("input", "output")) {
            assertThat(chain(table, hooked).subList(1, 4)).containsExactly(
                    "ct packets < 12 log group 1 prefix \"bw-cap\" snaplen 1024",
                    (hooked.equals("input") ? "iif" : "oif") + " \"lo\" accept", "goto quarantine");
        }
        assertThat(chain(table, "quarantine")).containsExactly(
                "limit rate 50/second log group 2 prefix \"bw-quar:\"", "counter drop");
        assertThat(table.definition()).doesNotContain("established").doesNotContain("accept comment");
    }

    @Test
    void discoverAndMonitorOnlyCapture() {
        for (String mode : List.of("Discover", "Monitor")) {
            CompiledTable table = compile(new Network("c", mode, false, List.of(rule(1, false, List.of("10.0.0.1"),
                    "tcp/80", "deny")), List.of()));
            assertThat(chain(table, "output")).as(mode).hasSize(3).contains("oif \"lo\" accept");
            assertThat(table.definition()).as(mode).doesNotContain("drop").doesNotContain("goto");
        }
    }

    @Test
    void theHashNamesWhatTheTableHolds() {
        CompiledTable one = compile(protect(rule(1, false, List.of("10.0.0.1"), "tcp/80", "allow")));
        CompiledTable same = compile(protect(rule(1, false, List.of("10.0.0.1/32"), "TCP/80", "allow")));
        CompiledTable other = compile(protect(rule(1, false, List.of("10.0.0.1"), "tcp/81", "allow")));

        assertThat(same.hash()).isEqualTo(one.hash());
        assertThat(other.hash()).isNotEqualTo(one.hash()).matches("[0-9a-f]{64}");
        assertThat(one.definition()).contains("\tcomment \"bulwark " + one.hash() + "\"\n")
                .contains("chain bulwark_hash {\n\t\tcomment \"bulwark " + one.hash() + "\"\n\t}");
        assertThat(compile(new Network("c", "Monitor", false, List.of(), List.of())).hash())
                .isNotEqualTo(compile(new Network("c", "Discover", true, List.of(), List.of())).hash());
    }

    @Test
    void aBadRuleIsLeftOutAndReportedAndTheRestInstalled() {
        CompiledTable table = compile(protect(
                rule(1, false, List.of("10.0.0.256"), "tcp/80", "allow"),
                rule(2, false, List.of("10.0.0.2"), "tcp/90-80", "allow"),
                rule(3, false, List.of("10.0.0.3"), "sctp/80", "allow"),
                rule(4, false, List.of("10.0.0.4"), "tcp/80", "maybe"),
                rule(0, false, List.of("10.0.0.5"), "tcp/80", "deny"),
                rule(6, false, List.of("10.0.0.6"), "tcp/80", "allow")));

        assertThat(table.rejected()).extracting(CompiledTable.Rejection::subject).containsExactly(
                "rule 1 (number 1 in order)", "rule 2 (number 2 in order)", "rule 3 (number 3 in order)",
                "rule 4 (number 4 in order)", "rule 0 (number 5 in order)");
        assertThat(table.rejected().get(1).reason()).contains("90-80 runs backwards");
        assertThat(chain(table, "output"))
                .contains("ip daddr @r6_4 tcp dport { 80 } counter accept comment \"rule 6\"");
        assertThat(table.definition()).doesNotContain("@r1_").doesNotContain("@r2_").doesNotContain("@r5_");
    }

    @Test
    void injectionAttemptsNeverReachTheScript() {
        List<String> hostile = List.of("80; flush ruleset", "10.0.0.1; flush ruleset", "10.0.0.1\"", "\"",
                "10.0.0.1\nflush ruleset", "tcp/80\n}\ntable ip x {", "fqdn:a.com\"; flush ruleset",
                "fqdn:a.com\nflush ruleset", "fqdn:evil\\\"", "fqdn:" + "a".repeat(64) + ".com", "fqdn:",
                "fqdn:a..com", "fqdn:-a.com", "fqdn:a.com }", "external; flush ruleset", "@internal4", "$var",
                "10.0.0.1 accept", "0.0.0.0/0 } accept #");
        List<NetworkRule> rules = new ArrayList<>();
        int id = 1;
        for (String text : hostile) {
            rules.add(rule(id++, false, List.of(text), "tcp/80", "allow"));
            rules.add(rule(id++, true, List.of("10.0.0.1"), text, "deny"));
            rules.add(rule(id++, false, List.of("10.0.0.1"), "tcp/80", text));
        }
        CompiledTable table = compile(new Network("c", "Protect", false, rules, hostile));

        assertThat(table.rejected()).hasSize(hostile.size() * 4);
        assertThat(table.definition()).doesNotContain("flush").doesNotContain("table ip").doesNotContain("#")
                .doesNotContain("$").doesNotContain("\\");
        assertOnlyOurText(table);
    }

    @Test
    void randomHostileInputOnlyEverYieldsOurText() {
        Random random = new Random(20);
        String alphabet = "0123456789abcdefxyz./:-,;{}\"'\\\n\r\t #$@*!?()[]<>=|&~`%^+ \u0000\u2028\u00e9\u0661";
        List<NetworkRule> rules = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            List<String> peers = new ArrayList<>();
            for (int p = random.nextInt(4); p >= 0; p--) {
                peers.add(randomText(random, alphabet, random.nextBoolean() ? "10.0.0." : random.nextBoolean()
                        ? "fqdn:" : ""));
            }
            String ports = randomText(random, alphabet, random.nextBoolean() ? "tcp/" : "");
            rules.add(rule(i, random.nextBoolean(), peers, ports, random.nextBoolean() ? "allow" : "deny"));
            if (i % 10 == 0) {
                rules.add(rule(i, false, List.of("10.0.%d.1".formatted(i % 256)), "tcp/" + i, "allow"));
            }
            internal.add(randomText(random, alphabet, "10."));
        }
        CompiledTable table = compile(new Network("c", "Protect", false, rules, internal));

        assertThat(table.rejected()).isNotEmpty();
        assertThat(chain(table, "output").size()).isGreaterThan(300);
        assertOnlyOurText(table);
    }

    @Test
    void hugeListsCompileIntoLinesOfBoundedLength() {
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            peers.add("10.%d.%d.%d".formatted(i >> 16, (i >> 8) & 255, i & 255));
        }
        CompiledTable table = compile(protect(rule(1, false, peers, "tcp/80", "allow")));

        assertThat(table.rejected()).isEmpty();
        assertThat(table.definition()).contains("10.1.134.159");
        assertThat(table.definition().lines().mapToInt(String::length).max().orElseThrow()).isLessThan(400);
    }

    private static String randomText(Random random, String alphabet, String prefix) {
        StringBuilder text = new StringBuilder(prefix);
        for (int n = random.nextInt(12); n > 0; n--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static void assertOnlyOurText(CompiledTable table) {
        for (String line : table.definition().split("\n", -1)) {
            assertThat(line).matches(SAFE_LINE);
            Matcher quoted = QUOTED.matcher(line);
            while (quoted.find()) {
                assertThat(quoted.group(1)).matches(OUR_STRINGS);
            }
            assertThat(line.chars().filter(c -> c == '"').count() % 2).as(line).isZero();
        }
    }

    private CompiledTable compile(Network network) {
        return compiler.compile(NamespacePolicy.merge(List.of(network)));
    }

    private static Network protect(NetworkRule... rules) {
        return new Network("c", "Protect", false, Arrays.asList(rules), List.of());
    }

    private static NetworkRule rule(int id, boolean ingress, List<String> peers, String ports, String action) {
        return new NetworkRule(id, ingress, peers, ports, null, action);
    }

    /** The statements of one chain, without its indentation. */
    private static List<String> chain(CompiledTable table, String name) {
        String definition = table.definition();
        int start = definition.indexOf("\tchain " + name + " {\n");
        assertThat(start).as("chain " + name).isNotNegative();
        int end = definition.indexOf("\n\t}\n", start);
        return definition.substring(start, end).lines().skip(1).map(String::strip).toList();
    }
}
