package dev.bulwark.enforcer.network.flow;

import dev.bulwark.enforcer.linux.LinuxException;
import dev.bulwark.enforcer.linux.NetlinkSocket;
import dev.bulwark.enforcer.linux.Poller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The three netlink sockets read for one namespace, opened inside it: conntrack NEW and DESTROY events, conntrack
 * dumps, and NFLOG bound to the capture and deny groups.
 */
record NamespaceSockets(NetlinkSocket events, NetlinkSocket dumps, NetlinkSocket nflog) implements AutoCloseable {

    /** Bytes of each logged packet copied: the capture rule's {@code snaplen}. */
    static final int COPY_RANGE = 1024;

    private static final Path ACCOUNTING = Path.of("/proc/sys/net/netfilter/nf_conntrack_acct");
    private static final long ACK_WAIT_MILLIS = 10_000;

    /**
     * Turns on conntrack's byte counters and opens the sockets; runs inside the namespace. Counters need conntrack
     * loaded there (a {@code ct} rule): without it, connections are still seen but their bytes stay 0.
     */
    static NamespaceSockets openHere(int receiveBuffer, List<Integer> nflogGroups) {
        try {
            Files.writeString(ACCOUNTING, "1");
        } catch (IOException e) {
            // conntrack is not loaded in this namespace yet: events still come once it is, without byte counts
        }
        NetlinkSocket events = NetlinkSocket.open(NetlinkSocket.NETLINK_NETFILTER, Conntrack.EVENT_GROUPS,
                receiveBuffer);
        NetlinkSocket dumps = null;
        NetlinkSocket nflog = null;
        try {
            dumps = NetlinkSocket.open(NetlinkSocket.NETLINK_NETFILTER, 0, receiveBuffer);
            nflog = NetlinkSocket.open(NetlinkSocket.NETLINK_NETFILTER, 0, receiveBuffer);
            int sequence = 1;
            for (int group : nflogGroups) {
                nflog.send(Nflog.bindRequest(group, COPY_RANGE, sequence));
                awaitAcks(nflog, 2);
                sequence += 2;
            }
            return new NamespaceSockets(events, dumps, nflog);
        } catch (RuntimeException e) {
            events.close();
            if (dumps != null) {
                dumps.close();
            }
            if (nflog != null) {
                nflog.close();
            }
            throw e;
        }
    }

    /** Waits for {@code count} acknowledgements; a refusal throws its errno (EBUSY: the group has a listener). */
    private static void awaitAcks(NetlinkSocket socket, int count) {
        byte[] datagram = new byte[NetlinkSocket.MAX_DATAGRAM];
        long deadline = System.nanoTime() + ACK_WAIT_MILLIS * 1_000_000;
        int acks = 0;
        try (Poller poller = new Poller()) {
            while (acks < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("NFLOG did not acknowledge its configuration");
                }
                poller.poll(List.of(socket), 100);
                int length = socket.receive(datagram);
                if (length < 0) {
                    continue;
                }
                for (NetlinkMessage message : NetlinkMessage.split(datagram, length)) {
                    if (message.type() == NetlinkMessage.NLMSG_ERROR) {
                        if (message.error() != 0) {
                            throw new LinuxException("NFULNL_MSG_CONFIG", -message.error());
                        }
                        acks++;
                    }
                }
            }
        }
    }

    List<NetlinkSocket> all() {
        return List.of(events, dumps, nflog);
    }

    @Override
    public void close() {
        events.close();
        dumps.close();
        nflog.close();
    }
}
