package dev.bulwark.controller.network;

import dev.bulwark.controller.policy.Criterion;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The groups rules may name an endpoint by: a container's learned group and {@code containers}, a node's
 * {@code nodes}, an outside address's {@code external}; and, for an address that is no container or node, every
 * address group whose {@code address} criteria hold it (an IP, a CIDR, a range {@code a-b}, a name or
 * {@code *.suffix} matched against the name a DNS answer gave it).
 */
final class EndpointsGroups {

    private final Policy policy;

    EndpointsGroups(Policy policy) {
        this.policy = policy;
    }

    /** The groups of an endpoint seen at {@code ip} (canonical) under the name {@code fqdn} (may be empty). */
    Set<String> of(Endpoints.Endpoint e, String ip, String fqdn) {
        Set<String> groups = new LinkedHashSet<>();
        switch (e.kind()) {
            case CONTAINER -> {
                if (!e.group().isEmpty()) {
                    groups.add(e.group());
                }
                groups.add("containers");
            }
            case NODE -> groups.add(Endpoints.NODES);
            case EXTERNAL, WORKLOAD_IP -> {
                if (e.kind() == Endpoints.Kind.EXTERNAL) {
                    groups.add(Endpoints.EXTERNAL);
                }
                for (Group g : policy.groups()) {
                    if (g.kind().equals("address") && !g.reserved() && holds(g.criteria(), ip, fqdn)) {
                        groups.add(g.name());
                    }
                }
            }
        }
        return groups;
    }

    static boolean holds(List<Criterion> criteria, String ip, String fqdn) {
        return criteria.stream().filter(c -> c.key().equals("address"))
                .anyMatch(c -> matches(c.value().strip().toLowerCase(Locale.ROOT), ip, fqdn));
    }

    private static boolean matches(String address, String ip, String fqdn) {
        if (address.startsWith("*.")) {
            return !fqdn.isEmpty() && fqdn.toLowerCase(Locale.ROOT).endsWith(address.substring(1));
        }
        if (Endpoints.canonical(address.split("[/-]")[0]).isEmpty()) {
            return !fqdn.isEmpty() && fqdn.equalsIgnoreCase(address);
        }
        BigInteger at = number(ip);
        if (at == null) {
            return false;
        }
        int dash = address.indexOf('-');
        if (dash > 0) {
            BigInteger low = number(address.substring(0, dash));
            BigInteger high = number(address.substring(dash + 1));
            return low != null && high != null && sameFamily(ip, address.substring(0, dash))
                    && at.compareTo(low) >= 0 && at.compareTo(high) <= 0;
        }
        int slash = address.indexOf('/');
        String base = slash < 0 ? address : address.substring(0, slash);
        BigInteger network = number(base);
        if (network == null || !sameFamily(ip, base)) {
            return false;
        }
        int bits = InetAddress.ofLiteral(base).getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(address.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (prefix < 0 || prefix > bits) {
            return false;
        }
        return at.shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix));
    }

    private static boolean sameFamily(String a, String b) {
        return InetAddress.ofLiteral(a).getAddress().length == InetAddress.ofLiteral(b).getAddress().length;
    }

    private static BigInteger number(String ip) {
        return Endpoints.canonical(ip).map(x -> new BigInteger(1, InetAddress.ofLiteral(x).getAddress()))
                .orElse(null);
    }
}
