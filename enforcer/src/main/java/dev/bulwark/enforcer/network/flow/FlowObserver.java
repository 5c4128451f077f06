package dev.bulwark.enforcer.network.flow;

import dev.bulwark.enforcer.linux.NamespaceThread;
import dev.bulwark.enforcer.linux.NetNamespace;
import dev.bulwark.enforcer.linux.NetlinkSocket;
import dev.bulwark.enforcer.linux.Poller;
import dev.bulwark.link.model.Connection;
import java.net.InetAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Observes the connections of the containers' network namespaces. {@link #attach} opens, inside a namespace,
 * sockets for conntrack events, conntrack dumps and NFLOG (groups {@link #CAPTURE_GROUP} and {@link #DENY_GROUP});
 * one reader thread polls every socket of every namespace and joins what they say per connection;
 * {@link #drain} dumps each namespace's conntrack table (so long-lived connections report their bytes too) and
 * returns the connections summed since the last drain. When an event socket overflows, its namespace is dumped
 * again at once, so no live connection is missed. DNS answers seen go to a listener, on the reader thread.
 */
public final class FlowObserver implements AutoCloseable {

    public static final int CAPTURE_GROUP = 1;
    public static final int DENY_GROUP = 2;

    private static final System.Logger LOG = System.getLogger(FlowObserver.class.getName());
    private static final int POLL_MILLIS = 100;
    private static final int DATAGRAMS_PER_TURN = 64;
    private static final long DUMP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long COMMAND_WAIT_SECONDS = 60;

    /**
     * @param connectionsPerNamespace connections tracked at once in a namespace; more are dropped and counted
     * @param dnsNamesPerNamespace addresses whose DNS name a namespace remembers
     * @param receiveBuffer kernel receive buffer of each socket, in bytes
     * @param conversations conversations summed between two drains, over all namespaces; more are dropped and
     *        counted
     */
    public record Limits(int connectionsPerNamespace, int dnsNamesPerNamespace, int receiveBuffer,
            int conversations) {
        public static final Limits DEFAULT = new Limits(16_384, 4_096, 4 << 20, 65_536);
    }

    private enum Role { EVENTS, DUMPS, NFLOG }

    private record Source(Watched watched, Role role) {
    }

    /** A namespace as the reader holds it. */
    private static final class Watched {
        final NetNamespace namespace;
        final NamespaceSockets sockets;
        final NamespaceFlows flows;
        boolean dumping;
        boolean dumpAgain;
        int sequence;

        Watched(NetNamespace namespace, NamespaceSockets sockets, NamespaceFlows flows) {
            this.namespace = namespace;
            this.sockets = sockets;
            this.flows = flows;
        }
    }

    private final NamespaceThread namespaceThread;
    private final Limits limits;
    private final InstantSource clock;
    private final Consumer<DnsAnswer> dnsListener;
    private final FlowCounters counters = new FlowCounters();
    private final Set<NetNamespace> attached = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Thread reader;
    private volatile boolean running = true;

    // the reader's own
    private final Map<NetNamespace, Watched> watched = new HashMap<>();
    private final Map<NetlinkSocket, Source> sources = new HashMap<>();
    private final ConnectionTotals totals;
    private final List<CompletableFuture<List<Connection>>> drains = new ArrayList<>();
    private long drainDeadline;
    private long lastReport;

    public FlowObserver(NamespaceThread namespaceThread, Limits limits, InstantSource clock,
            Consumer<DnsAnswer> dnsListener) {
        this.namespaceThread = namespaceThread;
        this.limits = limits;
        this.clock = clock;
        this.dnsListener = dnsListener;
        this.lastReport = now();
        this.totals = new ConnectionTotals(limits.conversations(), counters.dropped);
        this.reader = Thread.ofPlatform().name("bulwark-flows").daemon().start(this::read);
    }

    /**
     * Starts observing {@code namespace}, whose connections belong to {@code workload} ({@code localAddresses} tell
     * whether it is the client or the server of each). False when it is observed already (another container of
     * the same pod). Throws {@link dev.bulwark.enforcer.linux.NamespaceGoneException} when it no longer exists.
     */
    public synchronized boolean attach(NetNamespace namespace, String workload,
            Collection<InetAddress> localAddresses) {
        if (!running) {
            throw new IllegalStateException("the flow observer is closed");
        }
        if (attached.contains(namespace)) {
            return false;
        }
        NamespaceSockets sockets = namespaceThread.call(namespace, () -> NamespaceSockets.openHere(
                limits.receiveBuffer(), List.of(CAPTURE_GROUP, DENY_GROUP)));
        NamespaceFlows flows = new NamespaceFlows(workload, Set.copyOf(localAddresses),
                limits.connectionsPerNamespace(), limits.dnsNamesPerNamespace(), counters, totals, dnsListener);
        onReader(() -> {
            Watched w = new Watched(namespace, sockets, flows);
            watched.put(namespace, w);
            sockets.all().forEach(s -> sources.put(s, new Source(w, roleOf(w, s))));
            try {
                dump(w);
            } catch (RuntimeException e) {
                forget(namespace);
                throw e;
            }
            return null;
        });
        attached.add(namespace);
        return true;
    }

    private static Role roleOf(Watched w, NetlinkSocket socket) {
        return socket == w.sockets.events() ? Role.EVENTS : socket == w.sockets.dumps() ? Role.DUMPS : Role.NFLOG;
    }

    /** Stops observing {@code namespace}: what it saw since the last drain goes to the next. False if not observed. */
    public synchronized boolean detach(NetNamespace namespace) {
        if (!attached.remove(namespace)) {
            return false;
        }
        onReader(() -> {
            forget(namespace);
            return null;
        });
        return true;
    }

    /** The namespaces observed. */
    public Set<NetNamespace> attached() {
        return Set.copyOf(attached);
    }

    /**
     * The connections seen since the last drain, each namespace's conntrack table dumped first so that live
     * connections count their bytes up to now. Namespaces that no longer exist are detached on the way.
     */
    public synchronized List<Connection> drain() {
        CompletableFuture<List<Connection>> drained = new CompletableFuture<>();
        commands.add(() -> {
            drains.add(drained);
            drainDeadline = System.nanoTime() + DUMP_WAIT_NANOS;
            for (Watched w : List.copyOf(watched.values())) {
                if (!w.namespace.present()) {
                    counters.vanished.incrementAndGet();
                    attached.remove(w.namespace);
                    forget(w.namespace);
                    continue;
                }
                try {
                    dump(w);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "dumping conntrack of " + w.namespace + " failed", e);
                }
            }
        });
        return await(drained);
    }

    public FlowStatistics statistics() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(TimeUnit.SECONDS.toMillis(COMMAND_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T onReader(Supplier<T> command) {
        CompletableFuture<T> done = new CompletableFuture<>();
        commands.add(() -> {
            try {
                done.complete(command.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return await(done);
    }

    private <T> T await(CompletableFuture<T> result) {
        if (!running) {
            throw new IllegalStateException("the flow observer is closed");
        }
        try {
            return result.get(COMMAND_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the flow reader", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("the flow reader failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the flow reader did not answer in " + COMMAND_WAIT_SECONDS + " s", e);
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    // ---- the reader thread

    private void read() {
        byte[] datagram = new byte[NetlinkSocket.MAX_DATAGRAM];
        try (Poller poller = new Poller()) {
            while (running) {
                for (Runnable command; (command = commands.poll()) != null;) {
                    try {
                        command.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "a flow observer command failed", e);
                    }
                }
                for (NetlinkSocket socket : poller.poll(List.copyOf(sources.keySet()), POLL_MILLIS)) {
                    Source source = sources.get(socket);
                    try {
                        readFrom(socket, source, datagram);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "reading " + source.role() + " of "
                                + source.watched().namespace + " failed", e);
                    }
                }
                finishDrains();
            }
        } finally {
            for (NetNamespace namespace : List.copyOf(watched.keySet())) {
                forget(namespace);
            }
            drains.forEach(d -> d.completeExceptionally(new IllegalStateException("the flow observer closed")));
        }
    }

    private void readFrom(NetlinkSocket socket, Source source, byte[] datagram) {
        Watched w = source.watched();
        for (int turn = 0; turn < DATAGRAMS_PER_TURN; turn++) {
            int length = socket.receive(datagram);
            if (length == NetlinkSocket.NOTHING) {
                return;
            }
            if (length == NetlinkSocket.OVERFLOW) {
                counters.overflows.incrementAndGet();
                if (source.role() == Role.EVENTS) {
                    counters.rescans.incrementAndGet();
                    dump(w);
                } else if (source.role() == Role.DUMPS) {
                    w.dumping = false;
                    dump(w);
                }
                continue;
            }
            List<NetlinkMessage> messages;
            try {
                messages = NetlinkMessage.split(datagram, length);
            } catch (MalformedMessageException e) {
                counters.malformed.incrementAndGet();
                continue;
            }
            for (NetlinkMessage message : messages) {
                try {
                    handle(w, source.role(), message);
                } catch (MalformedMessageException e) {
                    counters.malformed.incrementAndGet();
                }
            }
        }
    }

    private void handle(Watched w, Role role, NetlinkMessage message) {
        long now = now();
        switch (role) {
            case EVENTS -> {
                if (Conntrack.isEntry(message)) {
                    counters.events.incrementAndGet();
                    w.flows.conntrack(Conntrack.parse(message), now);
                }
            }
            case DUMPS -> {
                if (Conntrack.isEntry(message)) {
                    counters.events.incrementAndGet();
                    w.flows.conntrack(Conntrack.parse(message), now);
                } else if (message.type() == NetlinkMessage.NLMSG_DONE) {
                    w.flows.dumpCompleted();
                    dumpEnded(w);
                } else if (message.type() == NetlinkMessage.NLMSG_ERROR) {
                    dumpEnded(w);
                }
            }
            case NFLOG -> {
                var packet = Nflog.parse(message);
                if (packet.isPresent()) {
                    counters.packets.incrementAndGet();
                    w.flows.packet(packet.get(), now);
                }
            }
        }
    }

    /** Asks for the namespace's whole conntrack table, once the dump under way (if any) is complete. */
    private void dump(Watched w) {
        if (w.dumping) {
            w.dumpAgain = true;
            return;
        }
        w.sockets.dumps().send(Conntrack.dumpRequest(++w.sequence));
        w.dumping = true;
        w.flows.dumpStarted();
    }

    private void dumpEnded(Watched w) {
        w.dumping = false;
        if (w.dumpAgain) {
            w.dumpAgain = false;
            dump(w);
        }
    }

    private void finishDrains() {
        if (drains.isEmpty()) {
            return;
        }
        boolean dumped = watched.values().stream().noneMatch(w -> w.dumping || w.dumpAgain);
        if (!dumped && System.nanoTime() - drainDeadline < 0) {
            return;
        }
        long now = now();
        for (Watched w : watched.values()) {
            w.flows.report(now, lastReport);
        }
        lastReport = now;
        List<Connection> drained = totals.drain();
        drains.forEach(d -> d.complete(drained));
        drains.clear();
    }

    private void forget(NetNamespace namespace) {
        Watched w = watched.remove(namespace);
        if (w != null) {
            w.flows.report(now(), Long.MAX_VALUE);
            w.sockets.all().forEach(sources::remove);
            w.sockets.close();
        }
    }
}
