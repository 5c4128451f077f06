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

    /**
     * What a recogniser of a TCP protocol the client speaks first answers before reading: not this over UDP, need
     * more until the client has sent something; null once there are client bytes to read.
     */
    Recognition beforeClientBytes() {
        return !tcp() ? Recognition.NOT_THIS : client.isEmpty() ? Recognition.NEED_MORE : null;
    }
}
