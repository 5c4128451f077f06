package dev.bulwark.enforcer.network.flow;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;

/** A connection's 5-tuple as one side sends: protocol, source and destination. Ports are 0 without TCP or UDP. */
record FlowTuple(int ipProto, InetAddress source, int sourcePort, InetAddress destination,
        int destinationPort) {

    static final int TCP = 6;
    static final int UDP = 17;

    public FlowTuple {
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
    }

    /** The same connection as the other side sends. */
    FlowTuple reversed() {
        return new FlowTuple(ipProto, destination, destinationPort, source, sourcePort);
    }
}
