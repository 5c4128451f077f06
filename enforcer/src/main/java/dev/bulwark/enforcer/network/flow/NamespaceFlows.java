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
 * packets NFLOG captured (their first payloads, DNS answers, and the packets Protect dropped). A session counts
 * once conntrack lists its connection (or Protect dropped it, which conntrack never lists); a connection is
 * forgotten once conntrack destroys it, and its tuple is kept a while among the retired so that a late packet or a
 * dump begun before the destruction does not count it again. At most {@code capacity} connections are tracked:
 * when full, the oldest whose session was reported makes room (connections that ended wait for conntrack's
 * TIME_WAIT before they are destroyed), else the new one is counted as dropped. Reader thread only.
 */
final class NamespaceFlows {

    private static final System.Logger LOG = System.getLogger(NamespaceFlows.class.getName());

    static final String DENY_PREFIX = "bw-deny:";
    static final String QUARANTINE_PREFIX = "bw-quar:";
    /** Connections of a namespace whose application is being recognised at once (each keeps a few KiB). */
    static final int CLASSIFYING_AT_ONCE = 1024;
    /** How long a new connection's first report waits for its application to be recognised. */
    static final long APPLICATION_WAIT_SECONDS = 2;
    /** How many of the oldest connections a full table looks at for one to forget. */
    private static final int ROOM_SEARCH = 64;

    private final String workload;
    private final Set<InetAddress> localAddresses;
    private final int capacity;
    private final Map<FlowTuple, Flow> flows = new LinkedHashMap<>();
    /** Connections forgotten lately, by tuple, with their conntrack id (0 when conntrack never listed them). */
    private final Map<FlowTuple, Long> retired;
    private final DnsNames names;
    private final FlowCounters counters;
    private final ConnectionTotals totals;
    private final Consumer<DnsAnswer> dnsListener;
    private long dumpGeneration;
    private boolean rescanning;
    private int classifying;

    NamespaceFlows(String workload, Set<InetAddress> localAddresses, int capacity, int dnsCapacity,
            FlowCounters counters, ConnectionTotals totals, Consumer<DnsAnswer> dnsListener) {
        this.workload = workload;
        this.localAddresses = Set.copyOf(localAddresses);
        this.capacity = capacity;
        this.retired = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<FlowTuple, Long> eldest) {
                return size() > capacity;
            }
        };
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
        if (flow == null && (retired.containsKey(tuple) || retired.containsKey(tuple.reversed()))) {
            if (!opensTcp(packet)) {
                return; // a late packet of a connection already reported and forgotten
            }
            retired.remove(tuple); // the tuple is used again by a new connection
            retired.remove(tuple.reversed());
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

    /**
     * A conntrack event, or an entry of the dump begun last ({@code fromDump}): a dump that is not a rescan brings
     * the bytes of connections tracked, never new ones (those forgotten to make room are still in conntrack's table).
     */
    void conntrack(ConntrackEntry entry, long now, boolean fromDump) {
        FlowTuple tuple = entry.original();
        Flow flow = flows.get(tuple);
        if (flow == null) {
            flow = flows.get(tuple.reversed());
        }
        if (flow != null && flow.conntrackId != 0 && entry.id() != 0 && flow.conntrackId != entry.id()) {
            reportTo(flow, now); // the tuple was closed and opened again: the old connection is done
            retire(flow);
            flows.remove(flow.tuple);
            flow = null;
        }
        if (flow == null) {
            if (entry.destroyed() && entry.bytes() == 0 || isRetired(tuple, entry.id()) || fromDump && !rescanning) {
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

    /** A dump begins; a rescan takes what it lists that is not tracked as new connections. */
    void dumpStarted(boolean rescan) {
        dumpGeneration++;
        rescanning = rescan;
    }

    boolean rescanning() {
        return rescanning;
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
                retire(flow);
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
        if (flow.sessionReported && bytes == 0 || flow.conntrackId == 0 && flow.deniedBy == Flow.NOT_DENIED) {
            return; // nothing new, or packets conntrack has not confirmed as a connection (yet)
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

    private void retire(Flow flow) {
        if (flow.holdsClassifier()) {
            classifying--;
        }
        retired.put(flow.tuple, flow.conntrackId);
    }

    /** Whether conntrack's entry is of a connection forgotten already: a late event, or a dump begun before. */
    private boolean isRetired(FlowTuple tuple, long conntrackId) {
        Long id = retired.get(tuple);
        if (id == null) {
            id = retired.get(tuple.reversed());
        }
        return id != null && id != 0 && id == conntrackId;
    }

    private static boolean opensTcp(IpPacket packet) {
        return packet.tuple().ipProto() == FlowTuple.TCP
                && (packet.tcpFlags() & (IpPacket.SYN | IpPacket.ACK)) == IpPacket.SYN;
    }

    private Flow track(FlowTuple tuple, long now) {
        if (flows.size() >= capacity && !makeRoom(now)) {
            counters.dropped.incrementAndGet();
            return null;
        }
        Flow flow = new Flow(tuple, now);
        flow.fqdn = names.nameOf(tuple.destination(), now).orElse("");
        flows.put(tuple, flow);
        return flow;
    }

    /**
     * Forgets the oldest tracked connection whose session was reported (its last bytes reported first), or that is
     * only packets conntrack never confirmed (late packets of a connection forgotten already); looks at the oldest
     * few only, so that a full table of new connections costs little.
     */
    private boolean makeRoom(long now) {
        int looked = 0;
        for (Iterator<Flow> it = flows.values().iterator(); it.hasNext() && looked < ROOM_SEARCH; looked++) {
            Flow flow = it.next();
            if (flow.sessionReported || flow.conntrackId == 0 && flow.deniedBy == Flow.NOT_DENIED) {
                reportTo(flow, now);
                retire(flow);
                it.remove();
                return true;
            }
        }
        return false;
    }

    int tracked() {
        return flows.size();
    }
}
