package dev.bulwark.enforcer.network.app;

import static java.util.Objects.requireNonNull;

/** What a recogniser sees: the transport and the bytes kept of each direction (for UDP, the first datagram). */
record Exchange(Transport transport, Bytes client, Bytes server) {

    Exchange {
        requireNonNull(transport, "transport");
        requireNonNull(client, "client");
        requireNonNull(server, "server");
    }

    boolean tcp() {
        return transport == Transport.TCP;
    }
}
