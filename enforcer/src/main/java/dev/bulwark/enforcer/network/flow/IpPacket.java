package dev.bulwark.enforcer.network.flow;

import static java.util.Objects.requireNonNull;

/**
 * An IPv4 or IPv6 packet read to its transport: the tuple (ports 0 without TCP or UDP, or in a later fragment), the
 * TCP flags and the transport payload as far as it was captured.
 *
 * @param length the packet's length as its IP header gives it (what went on the wire, capture cut or not)
 */
record IpPacket(FlowTuple tuple, int tcpFlags, byte[] payload, int length) {

    static final int SYN = 0x02;
    static final int ACK = 0x10;

    public IpPacket {
        requireNonNull(tuple, "tuple");
        requireNonNull(payload, "payload");
    }
}
