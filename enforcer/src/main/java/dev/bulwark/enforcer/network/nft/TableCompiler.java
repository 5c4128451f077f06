package dev.bulwark.enforcer.network.nft;

import dev.bulwark.enforcer.network.nft.CompiledTable.Rejection;
import dev.bulwark.enforcer.network.nft.NamespacePolicy.Mode;
import dev.bulwark.link.model.NodePolicy.NetworkRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles the policy of one network namespace into {@code table inet bulwark}: chains {@code input} (the container
 * serves) and {@code output} (the container is the client), each starting with the {@code bw-cap} capture log and
 * loopback accepted. Quarantine drops and logs everything else ({@code bw-quar:}); Protect accepts established
 * connections, then applies the rules in order, first match wins (allow accepts, deny logs {@code bw-deny:ID:} and
 * drops), then denies by default (rule id 0); Discover and Monitor accept everything. A rule that does not parse is
 * left out and reported, never the whole table. Stateless and thread-safe.
 */
public final class TableCompiler {

    /** Log lines a drop chain writes per second at most; the counter counts every drop. */
    static final int LOG_RATE = 50;

    /**
     * An empty chain that carries the hash too: {@code nft list chains} shows its comment without listing the rules,
     * which takes seconds for a large table, where the table's own comment needs the whole table listed.
     */
    static final String HASH_CHAIN = "bulwark_hash";

    /** IPv6 cannot work without neighbour discovery and multicast listener reports. */
    private static final String NEIGHBOUR_DISCOVERY = "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert,"
            + " nd-router-solicit, nd-router-advert, mld-listener-query, mld-listener-report, mld2-listener-report }"
            + " accept";

    private static final String CAPTURE = "ct packets < 12 log group 1 prefix \"bw-cap\" snaplen 1024";
    private static final int ELEMENTS_PER_LINE = 16;
    /** nft keeps comments of up to 128 bytes. */
    private static final int MAX_COMMENT = 120;

    public CompiledTable compile(NamespacePolicy policy) {
        var table = new Table();
        if (policy.quarantined()) {
            table.dropChain("quarantine", "bw-quar:");
            table.rule(true, "goto quarantine");
            table.rule(false, "goto quarantine");
        } else if (policy.mode() == Mode.PROTECT) {
            protect(policy, table);
        }
        String body = table.body();
        String hash = sha256(body);
        String comment = "\tcomment \"bulwark " + hash + "\"\n";
        String definition = "table " + CompiledTable.TABLE + " {\n" + comment + "\tchain " + HASH_CHAIN + " {\n\t"
                + comment + "\t}\n" + body + "}\n";
        return new CompiledTable(definition, hash, List.copyOf(table.fqdns), table.rejected);
    }

    private static void protect(NamespacePolicy policy, Table table) {
        List<Cidr> internal = new ArrayList<>();
        for (String network : policy.internal()) {
            try {
                internal.add(Cidr.parse(network));
            } catch (IllegalArgumentException e) {
                table.rejected.add(new Rejection("internal network", e.getMessage()));
            }
        }
        table.intervalSet("internal4", true, internal.stream().filter(Cidr::ipv4).toList());
        table.intervalSet("internal6", false, internal.stream().filter(c -> !c.ipv4()).toList());
        table.dropChain("deny_0", "bw-deny:0:");
        for (boolean ingress : new boolean[] {true, false}) {
            table.rule(ingress, "ct state established,related accept");
            table.rule(ingress, NEIGHBOUR_DISCOVERY);
        }
        List<NetworkRule> rules = policy.rules();
        for (int i = 0; i < rules.size(); i++) {
            NetworkRule rule = rules.get(i);
            try {
                compileRule(rule, i + 1, table);
            } catch (IllegalArgumentException e) {
                table.rejected.add(new Rejection("rule %d (number %d in order)".formatted(rule.id(), i + 1),
                        e.getMessage()));
            }
        }
        table.rule(true, "counter goto deny_0");
        table.rule(false, "counter goto deny_0");
    }

    /** Checks everything about the rule before adding anything to the table. */
    private static void compileRule(NetworkRule rule, int position, Table table) {
        if (rule.id() <= 0) {
            throw new IllegalArgumentException("rule id %d is not positive".formatted(rule.id()));
        }
        boolean allow = switch (rule.action() == null ? "" : rule.action().toLowerCase(Locale.ROOT)) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new IllegalArgumentException("action is neither allow nor deny: "
                    + Quoted.of(String.valueOf(rule.action())));
        };
        PortSpec ports = PortSpec.parse(rule.ports());
        PeerSpec peers = PeerSpec.parse(rule.peers());

        String address = rule.ingress() ? "saddr" : "daddr";
        List<String> peerMatches = new ArrayList<>();
        if (!peers.ipv4().isEmpty()) {
            peerMatches.add("ip %s @r%d_4".formatted(address, position));
            table.intervalSet("r%d_4".formatted(position), true, peers.ipv4());
        }
        if (!peers.ipv6().isEmpty()) {
            peerMatches.add("ip6 %s @r%d_6".formatted(address, position));
            table.intervalSet("r%d_6".formatted(position), false, peers.ipv6());
        }
        if (peers.external()) {
            peerMatches.add("ip %s != @internal4".formatted(address));
            peerMatches.add("ip6 %s != @internal6".formatted(address));
        }
        for (FqdnName fqdn : peers.fqdns()) {
            table.fqdnSets(fqdn);
            peerMatches.add("ip %s @%s".formatted(address, fqdn.setName(true)));
            peerMatches.add("ip6 %s @%s".formatted(address, fqdn.setName(false)));
        }
        String verdict = allow ? "accept" : "goto deny_" + rule.id();
        if (!allow) {
            table.dropChain("deny_" + rule.id(), "bw-deny:" + rule.id() + ":");
        }
        for (String peer : peerMatches) {
            for (String port : ports.matches()) {
                String match = port.isEmpty() ? peer : peer + " " + port;
                table.rule(rule.ingress(), "%s counter %s comment \"rule %d\"".formatted(match, verdict, rule.id()));
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The table being written: its sets, drop chains and the rules of the two hooked chains. */
    private static final class Table {

        final StringBuilder sets = new StringBuilder();
        final Set<String> dropChains = new TreeSet<>();
        final StringBuilder drops = new StringBuilder();
        final StringBuilder input = new StringBuilder();
        final StringBuilder output = new StringBuilder();
        final Set<FqdnName> fqdns = new LinkedHashSet<>();
        final List<Rejection> rejected = new ArrayList<>();

        void rule(boolean ingress, String rule) {
            (ingress ? input : output).append("\t\t").append(rule).append('\n');
        }

        void intervalSet(String name, boolean ipv4, List<Cidr> elements) {
            sets.append("\tset ").append(name).append(" {\n\t\ttype ").append(ipv4 ? "ipv4_addr" : "ipv6_addr")
                    .append("\n\t\tflags interval\n\t\tauto-merge\n");
            if (!elements.isEmpty()) {
                sets.append("\t\telements = {");
                for (int i = 0; i < elements.size(); i++) {
                    sets.append(i == 0 ? " " : i % ELEMENTS_PER_LINE == 0 ? ",\n\t\t\t" : ", ")
                            .append(elements.get(i).text());
                }
                sets.append(" }\n");
            }
            sets.append("\t}\n");
        }

        void fqdnSets(FqdnName fqdn) {
            if (fqdns.add(fqdn)) {
                for (boolean ipv4 : new boolean[] {true, false}) {
                    sets.append("\tset ").append(fqdn.setName(ipv4)).append(" {\n\t\ttype ")
                            .append(ipv4 ? "ipv4_addr" : "ipv6_addr").append("\n\t\tflags timeout\n\t\tcomment \"")
                            .append(fqdn.name(), 0, Math.min(fqdn.name().length(), MAX_COMMENT)).append("\"\n\t}\n");
                }
            }
        }

        void dropChain(String name, String prefix) {
            if (dropChains.add(name)) {
                drops.append("\tchain ").append(name).append(" {\n\t\tlimit rate ").append(LOG_RATE)
                        .append("/second log group 2 prefix \"").append(prefix).append("\"\n\t\tcounter drop\n\t}\n");
            }
        }

        String body() {
            return sets + drops.toString() + hooked("input", input) + hooked("output", output);
        }

        private static String hooked(String name, StringBuilder rules) {
            String loopback = name.equals("input") ? "iif \"lo\" accept" : "oif \"lo\" accept";
            return "\tchain " + name + " {\n\t\ttype filter hook " + name + " priority filter; policy accept;\n\t\t"
                    + CAPTURE + "\n\t\t" + loopback + "\n" + rules + "\t}\n";
        }
    }
}
