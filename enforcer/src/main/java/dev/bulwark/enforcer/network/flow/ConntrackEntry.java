package dev.bulwark.enforcer.network.flow;

import static java.util.Objects.requireNonNull;

/**
 * A conntrack entry as an event or a dump gives it.
 *
 * @param destroyed a DESTROY event (else NEW, or an entry of a dump)
 * @param id the kernel's id of the entry, unique in its namespace while it lives; 0 when not given
 * @param original the tuple the opening side sends (client to server)
 * @param reply the tuple the answering side sends (differs from {@code original} reversed under NAT)
 * @param bytes both directions' bytes counted so far; 0 without {@code nf_conntrack_acct}
 * @param status the {@code IPS_*} bits
 */
record ConntrackEntry(boolean destroyed, long id, FlowTuple original, FlowTuple reply, long packets,
        long bytes, long status) {

    public ConntrackEntry {
        requireNonNull(original, "original");
        requireNonNull(reply, "reply");
    }
}
