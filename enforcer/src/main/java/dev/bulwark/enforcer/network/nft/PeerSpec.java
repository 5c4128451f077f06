package dev.bulwark.enforcer.network.nft;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The peers of a network rule, parsed: networks of each family, whether addresses outside the cluster
 * ({@code external}) are meant, and DNS names ({@code fqdn:NAME}). One peer that does not parse refuses the rule.
 */
public record PeerSpec(List<Cidr> ipv4, List<Cidr> ipv6, boolean external, List<FqdnName> fqdns) {

    private static final String FQDN = "fqdn:";

    public PeerSpec {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
        fqdns = List.copyOf(fqdns);
    }

    public static PeerSpec parse(List<String> peers) {
        List<Cidr> ipv4 = new ArrayList<>();
        List<Cidr> ipv6 = new ArrayList<>();
        boolean external = false;
        Set<FqdnName> fqdns = new LinkedHashSet<>();
        for (String peer : peers) {
            if (peer.equals("external")) {
                external = true;
            } else if (peer.startsWith(FQDN)) {
                fqdns.add(FqdnName.parse(peer.substring(FQDN.length())));
            } else {
                Cidr cidr = Cidr.parse(peer);
                (cidr.ipv4() ? ipv4 : ipv6).add(cidr);
            }
        }
        return new PeerSpec(ipv4, ipv6, external, List.copyOf(fqdns));
    }
}
