package dev.bulwark.enforcer.network.nft;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;

/** An address a DNS answer gave a name, kept in the name's set for {@code ttl}. */
public record FqdnAddress(FqdnName name, InetAddress address, Duration ttl) {

    public FqdnAddress {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a time to live is positive: " + ttl);
        }
        try {
            address = InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    /**
     * nft commands that put each address in its set with its full time to live, also when it is there already
     * (added, deleted and added again in the same transaction: the kernel keeps the first timeout otherwise).
     */
    static String refreshCommands(Collection<FqdnAddress> addresses) {
        StringBuilder script = new StringBuilder();
        for (FqdnAddress a : addresses) {
            String set = "inet bulwark " + a.name.setName(a.address.getAddress().length == 4) + " { "
                    + a.address.getHostAddress();
            String timeout = " timeout " + Math.max(1, a.ttl.toSeconds()) + "s }\n";
            script.append("add element ").append(set).append(timeout);
            script.append("delete element ").append(set).append(" }\n");
            script.append("add element ").append(set).append(timeout);
        }
        return script.toString();
    }
}
