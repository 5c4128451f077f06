package dev.bulwark.enforcer.network.flow;

import dev.bulwark.link.model.Connection;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The connections of one network namespace, joined from conntrack (which connections, how many bytes) and from the
 * packets NFLOG captured (their first payloads, DNS answers, and the packets Protect dropped). At most
 * {@code capacity} connections are tracked; more are counted as dropped. Reader thread only.
 */
final class NamespaceFlows {

    private static final System.Logger LOG = System.getLogger(NamespaceFlows.class.getName());

    static final String DENY_PREFIX = "bw-deny:";
    static final String QUARANTINE_PREFIX = "bw-quar:";
    /** Connections of a namespace whose application is being recognised at once (each keeps a few KiB). */
    static final int CLASSIFYING_AT_ONCE = 1024;
    /** How long a new connection's first report waits for its application to be recognised. */
    static final long APPLICATION_WAIT_SECONDS = 2;

    private final String workload;
    private final Set<InetAddress> localAddresses;
    private final int capacity;
    private final Map<FlowTuple, Flow> flows = new LinkedHashMap<>();
    private final DnsNames names;
    private final FlowCounters counters;
    private final ConnectionTotals totals;
    private final Consumer<DnsAnswer> dnsListener;
    private long dumpGeneration;
    private int classifying;

    NamespaceFlows(String workload, Set<InetAddress> localAddresses, int capacity, int dnsCapacity,
            FlowCounters counters, ConnectionTotals totals, Consumer<DnsAnswer> dnsListener) {
        this.workload = workload;
        this.localAddresses = Set.copyOf(localAddresses);
        this.capacity = capacity;
        this.names = new DnsNames(dnsCapacity);
        this.counters = counters;
        this.totals = totals;
        this.dnsListener = dnsListener;
    }

    /** A packet NFLOG captured ({@code bw-cap}) or logged as dropped ({@code bw-deny:ID:}, {@code bw-quar:}). */
    void packet(LoggedPacket logged, long now) {
        IpPacket packet = IpPackets.parse(logged.packet());
        FlowTuple tuple = packet.tuple();
        int deniedBy = deniedBy(logged.prefix());
        Flow flow = flows.get(tuple);
        boolean toServer = flow != null;
        if (flow == null) {
            flow = flows.get(tuple.reversed());
        }
        if (flow == null) {
            boolean sentByServer = deniedBy == Flow.NOT_DENIED && sentByServer(packet);
            flow = track(sentByServer ? tuple.reversed() : tuple, now);
            toServer = !sentByServer;
            if (flow == null) {
                return;
            }
        }
        flow.lastSeen = now;
        if (deniedBy != Flow.NOT_DENIED) {
            flow.deniedBy = deniedBy;
            flow.deniedBytes += packet.length();
            return;
        }
        boolean held = flow.holdsClassifier();
        if (!flow.feed(toServer, packet.payload(), classifying < CLASSIFYING_AT_ONCE)) {
            counters.dropped.incrementAndGet();
        }
        classifying += (flow.holdsClassifier() ? 1 : 0) - (held ? 1 : 0);
        if (!toServer && tuple.ipProto() == FlowTuple.UDP && tuple.sourcePort() == 53
                && packet.payload().length > 0) {
            DnsResponses.parse(packet.payload()).ifPresent(answer -> {
                names.remember(answer, now);
                try {
                    dnsListener.accept(answer);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "the DNS listener failed on " + answer.name(), e);
                }
            });
        }
    }

    /** The rule a log prefix says dropped the packet ({@code 0} for quarantine), {@link Flow#NOT_DENIED} else. */
    static int deniedBy(String prefix) {
        if (prefix.startsWith(QUARANTINE_PREFIX)) {
            return 0;
        }
        if (!prefix.startsWith(DENY_PREFIX)) {
            return Flow.NOT_DENIED;
        }
        int end = prefix.indexOf(':', DENY_PREFIX.length());
        try {
            return Math.max(0, Integer.parseInt(prefix.substring(DENY_PREFIX.length(),
                    end < 0 ? prefix.length() : end)));
        } catch (NumberFormatException e) {
            throw new MalformedMessageException("a deny prefix without a rule id: " + prefix);
        }
    }

    /**
     * Whether the first packet seen of a connection comes from its server: a SYN-ACK does; a TCP segment met in
     * mid-stream (tracking began late) is taken to come from the server when it comes from the lower port.
     */
    private static boolean sentByServer(IpPacket packet) {
        if (packet.tuple().ipProto() != FlowTuple.TCP) {
            return false;
        }
        int syn = packet.tcpFlags() & (IpPacket.SYN | IpPacket.ACK);
        if (syn == IpPacket.SYN) {
            return false;
        }
        if (syn == (IpPacket.SYN | IpPacket.ACK)) {
            return true;
        }
        return packet.tuple().sourcePort() < packet.tuple().destinationPort();
    }

    /** A conntrack event, or an entry of the dump begun last. */
    void conntrack(ConntrackEntry entry, long now) {
        FlowTuple tuple = entry.original();
        Flow flow = flows.get(tuple);
        if (flow == null) {
            flow = flows.get(tuple.reversed());
        }
        if (flow != null && flow.conntrackId != 0 && entry.id() != 0 && flow.conntrackId != entry.id()) {
            reportTo(flow, now); // the tuple was closed and opened again: the old connection is done
            forget(flow);
            flows.remove(flow.tuple);
            flow = null;
        }
        if (flow == null) {
            if (entry.destroyed() && entry.bytes() == 0) {
                return;
            }
            flow = track(tuple, now);
            if (flow == null) {
                return;
            }
        }
        flow.conntrackId = entry.id();
        flow.dumpGeneration = dumpGeneration;
        if (entry.bytes() > flow.conntrackBytes) {
            flow.conntrackBytes = entry.bytes();
            flow.lastSeen = now;
        }
        if (entry.destroyed()) {
            flow.closed = true;
            flow.lastSeen = now;
        }
    }

    void dumpStarted() {
        dumpGeneration++;
    }

    /** The dump begun last is complete: a tracked connection it did not list has ended unseen. */
    void dumpCompleted() {
        for (Flow flow : flows.values()) {
            if (flow.conntrackId != 0 && flow.dumpGeneration != dumpGeneration) {
                flow.closed = true;
            }
        }
    }

    /**
     * Reports every connection with something new (its first sighting, or bytes) to the totals; forgets the
     * closed ones and those conntrack never listed that saw nothing since the last report.
     */
    void report(long now, long lastReport) {
        for (Iterator<Flow> it = flows.values().iterator(); it.hasNext();) {
            Flow flow = it.next();
            boolean forget = flow.closed || flow.conntrackId == 0 && flow.lastSeen < lastReport;
            if (forget || !waitsForItsApplication(flow, now)) {
                reportTo(flow, now);
            }
            if (forget) {
                forget(flow);
                it.remove();
            }
        }
    }

    /** Whether a new connection's first report should wait a little for its application to be recognised. */
    private static boolean waitsForItsApplication(Flow flow, long now) {
        return !flow.sessionReported && flow.deniedBy == Flow.NOT_DENIED && flow.classifying()
                && now - flow.firstSeen < APPLICATION_WAIT_SECONDS;
    }

    private void reportTo(Flow flow, long now) {
        long bytes = flow.unreportedBytes();
        if (flow.sessionReported && bytes == 0) {
            return;
        }
        boolean ingress = !localAddresses.contains(flow.tuple.source());
        if (ingress && !localAddresses.contains(flow.tuple.destination())) {
            flow.sessionReported = true; // neither end is this namespace's (loopback, forwarded): not reported
            return;
        }
        if (flow.fqdn.isEmpty()) {
            flow.fqdn = names.nameOf(flow.tuple.destination(), now).orElse("");
        }
        boolean denied = flow.deniedBy != Flow.NOT_DENIED;
        totals.add(new Connection(workload, ingress, flow.tuple.source().getHostAddress(),
                flow.tuple.destination().getHostAddress(), flow.tuple.destinationPort(), flow.tuple.ipProto(),
                flow.application(), flow.fqdn, denied ? Connection.DENY : Connection.OPEN,
                denied ? flow.deniedBy : 0, flow.sessionReported ? 0 : 1, bytes, flow.firstSeen, flow.lastSeen));
        flow.sessionReported = true;
        flow.reportedBytes += bytes;
    }

    private void forget(Flow flow) {
        if (flow.holdsClassifier()) {
            classifying--;
        }
    }

    private Flow track(FlowTuple tuple, long now) {
        if (flows.size() >= capacity) {
            counters.dropped.incrementAndGet();
            return null;
        }
        Flow flow = new Flow(tuple, now);
        flow.fqdn = names.nameOf(tuple.destination(), now).orElse("");
        flows.put(tuple, flow);
        return flow;
    }

    int tracked() {
        return flows.size();
    }
}
