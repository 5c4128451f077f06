package dev.bulwark.enforcer.network.flow;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.List;

/**
 * The addresses a DNS response gave for the name asked (following its CNAMEs), with the smallest TTL among them.
 *
 * @param name the question's name, lower case, without the final dot
 */
public record DnsAnswer(String name, List<InetAddress> addresses, long ttlSeconds) {

    public DnsAnswer {
        requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
    }
}
