package dev.bulwark.enforcer.network.flow;

import static java.util.Objects.requireNonNull;

/**
 * A packet an nftables {@code log group} rule copied to NFLOG.
 *
 * @param group the NFLOG group
 * @param prefix the rule's {@code prefix}, empty when it had none
 * @param packet the IP packet from its header, cut at the rule's {@code snaplen}
 */
record LoggedPacket(int group, String prefix, byte[] packet) {

    public LoggedPacket {
        requireNonNull(prefix, "prefix");
        requireNonNull(packet, "packet");
    }
}
