package dev.bulwark.controller.network;

import dev.bulwark.controller.policy.Criterion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address group's criteria, read: the IP ranges (an address, a CIDR, {@code a-b}) and the DNS names, exact
 * ({@code www.example.com}) or every subdomain of one ({@code *.example.com}). A value that is neither, a virtual
 * host ({@code vh:NAME}) among them, selects nothing. Immutable.
 *
 * @param names lower case, without a trailing dot
 * @param wildcards the domains whose subdomains are selected: {@code example.com} for {@code *.example.com}
 */
record AddressCriteria(List<IpRange> ranges, List<String> names, List<String> wildcards) {

    /** Labels of letters, digits, '_' and inner '-', at most 63 long: what an enforcer takes as {@code fqdn:NAME}. */
    private static final Pattern NAME = Pattern.compile(
            "([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final int MAX_NAME = 253;

    static AddressCriteria read(List<Criterion> criteria) {
        List<IpRange> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> wildcards = new ArrayList<>();
        for (Criterion c : criteria) {
            if (c == null || !"address".equals(c.key()) || !"=".equals(c.op()) || c.value() == null) {
                continue;
            }
            Optional<IpRange> range = IpRange.parse(c.value());
            if (range.isPresent()) {
                ranges.add(range.get());
                continue;
            }
            String v = c.value().strip();
            boolean wildcard = v.startsWith("*.");
            name(wildcard ? v.substring(2) : v).ifPresent(wildcard ? wildcards::add : names::add);
        }
        return new AddressCriteria(List.copyOf(ranges), List.copyOf(names), List.copyOf(wildcards));
    }

    /** A DNS name as names are compared: lower case, no trailing dot; empty when it is no DNS name. */
    static Optional<String> name(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_NAME + 1) {
            return Optional.empty();
        }
        String n = text.toLowerCase(Locale.ROOT);
        n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
        // a last label of digits and dashes is no top-level domain: what looks like that is a malformed address
        boolean named = n.length() <= MAX_NAME && NAME.matcher(n).matches()
                && !n.substring(n.lastIndexOf('.') + 1).chars().allMatch(ch -> Character.isDigit(ch) || ch == '-');
        return named ? Optional.of(n) : Optional.empty();
    }

    /** How a policy names these addresses to an enforcer: CIDRs, then {@code fqdn:NAME} for each name. */
    List<String> peers() {
        List<String> out = new ArrayList<>();
        ranges.forEach(r -> out.addAll(r.cidrs()));
        names.forEach(n -> out.add("fqdn:" + n));
        wildcards.forEach(n -> out.add("fqdn:*." + n));
        return out;
    }
}
