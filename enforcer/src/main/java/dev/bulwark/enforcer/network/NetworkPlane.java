package dev.bulwark.enforcer.network;

import dev.bulwark.enforcer.linux.NamespaceGoneException;
import dev.bulwark.enforcer.linux.NamespaceThread;
import dev.bulwark.enforcer.linux.NetNamespace;
import dev.bulwark.enforcer.network.flow.DnsAnswer;
import dev.bulwark.enforcer.network.flow.FlowObserver;
import dev.bulwark.enforcer.network.flow.FlowStatistics;
import dev.bulwark.enforcer.network.nft.CompiledTable;
import dev.bulwark.enforcer.network.nft.FqdnAddress;
import dev.bulwark.enforcer.network.nft.FqdnName;
import dev.bulwark.enforcer.network.nft.NamespacePolicy;
import dev.bulwark.enforcer.network.nft.NftApplier;
import dev.bulwark.enforcer.network.nft.TableCompiler;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.NodePolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The enforcer's network: every container's network namespace observed (conntrack, NFLOG) and given the table its
 * policy compiles to. Containers that share a namespace (a pod) share its observation and its table; a container in
 * the host's namespace is the host's and gets neither. Tables are fail-static: one already installed stays in force
 * until a policy says otherwise, and a restarted enforcer adopts a table identical to the one it would install. All
 * changes run in order on one thread of their own; conversations are reported every {@code period}.
 */
public final class NetworkPlane implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NetworkPlane.class.getName());
    private static final Duration MIN_DNS_TTL = Duration.ofSeconds(30);
    private static final int MAX_ADDRESSES_PER_NAME = 256;

    private final NamespaceThread namespaceThread = new NamespaceThread();
    private final FlowObserver observer;
    private final TableCompiler compiler = new TableCompiler();
    private final NftApplier applier;
    private final Consumer<List<Connection>> report;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("enforcer-network").factory());
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("enforcer-network-report").factory());
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong installs = new AtomicLong();
    private final AtomicLong adoptions = new AtomicLong();

    // the changes thread's own
    private final Map<NetNamespace, Set<String>> members = new HashMap<>();
    private final Map<String, NetNamespace> namespaceOf = new HashMap<>();
    private final Map<NetNamespace, CompiledTable> installed = new HashMap<>();
    private final Map<FqdnName, Map<InetAddress, FqdnAddress>> dnsAnswers = new HashMap<>();
    private Map<String, NodePolicy.Network> policies;

    /**
     * @param kept the network policies in force before this start (kept on disk), so that tables installed then
     *        are adopted rather than replaced with an open one
     * @param report told of the conversations seen, every {@code period}
     */
    public NetworkPlane(List<NodePolicy.Network> kept, Consumer<List<Connection>> report, Duration period,
            InstantSource clock) {
        this.policies = byWorkload(kept);
        this.report = report;
        this.applier = new NftApplier();
        this.observer = new FlowObserver(namespaceThread, FlowObserver.Limits.DEFAULT, clock,
                answer -> changes.submit(() -> answered(answer)));
        reporter.scheduleWithFixedDelay(this::reportSeen, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A container was seen, through one of its processes. */
    public Future<?> started(String workload, int pid, Collection<InetAddress> addresses) {
        return changes.submit(() -> {
            NetNamespace namespace;
            try {
                namespace = NetNamespace.ofPid(pid);
            } catch (NamespaceGoneException e) {
                return; // gone before it was looked at
            }
            if (namespace.isHost()) {
                return;
            }
            NetNamespace before = namespaceOf.put(workload, namespace);
            if (before != null && !before.equals(namespace)) {
                leave(workload, before);
            }
            members.computeIfAbsent(namespace, k -> new LinkedHashSet<>()).add(workload);
            try {
                observer.attach(namespace, workload, addresses);
            } catch (NamespaceGoneException e) {
                namespaceOf.remove(workload);
                leave(workload, namespace);
                return;
            } catch (RuntimeException e) {
                failed("cannot observe " + namespace + " (its rules are installed all the same)", e);
            }
            install(namespace);
        });
    }

    /** A container is gone. */
    public Future<?> stopped(String workload) {
        return changes.submit(() -> {
            NetNamespace namespace = namespaceOf.remove(workload);
            if (namespace != null) {
                leave(workload, namespace);
            }
        });
    }

    /** The controller pushed the network policies of this node's containers. */
    public Future<?> policy(List<NodePolicy.Network> network) {
        return changes.submit(() -> {
            policies = byWorkload(network);
            members.keySet().forEach(this::install);
        });
    }

    private void leave(String workload, NetNamespace namespace) {
        Set<String> left = members.get(namespace);
        if (left == null) {
            return;
        }
        left.remove(workload);
        if (left.isEmpty()) {
            members.remove(namespace);
            installed.remove(namespace);
            observer.detach(namespace);
            if (namespace.present()) { // a pod's namespace can outlive its containers
                try {
                    applier.remove(namespace.path());
                } catch (IOException | RuntimeException e) {
                    failed("cannot remove the table of " + namespace, e);
                }
            }
        } else {
            install(namespace);
        }
    }

    /**
     * Installs the namespace's table. A container the controller has sent no policy for yet is observed only: its
     * table accepts everything, unless one from an earlier enforcer is there and nothing says otherwise.
     */
    private void install(NetNamespace namespace) {
        List<NodePolicy.Network> own = members.getOrDefault(namespace, Set.of()).stream().map(policies::get)
                .filter(java.util.Objects::nonNull).toList();
        if (own.isEmpty() && !installed.containsKey(namespace) && hasTable(namespace)) {
            return; // an earlier enforcer's table, and no policy says otherwise yet: it stays in force
        }
        CompiledTable table = compiler.compile(NamespacePolicy.merge(own));
        if (table.equals(installed.get(namespace))) {
            return;
        }
        table.rejected().forEach(r -> LOG.log(System.Logger.Level.WARNING, "network rule left out in {0}: {1}: {2}",
                namespace, r.subject(), r.reason()));
        try {
            NftApplier.Outcome outcome = applier.apply(namespace.path(), table, known(table));
            (outcome == NftApplier.Outcome.ADOPTED ? adoptions : installs).incrementAndGet();
            installed.put(namespace, table);
        } catch (IOException | RuntimeException e) {
            if (namespace.present()) {
                failed("cannot install the network rules of " + namespace, e);
            }
        }
    }

    private boolean hasTable(NetNamespace namespace) {
        try {
            return applier.installedHash(namespace.path()).isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The addresses DNS gave the names the table has sets for, still alive. */
    private List<FqdnAddress> known(CompiledTable table) {
        return table.fqdns().stream().flatMap(name -> dnsAnswers.getOrDefault(name, Map.of()).values().stream())
                .toList();
    }

    /**
     * A DNS answer seen in some namespace: its addresses join the sets of every table whose rules name it, for its
     * time to live (at least {@link #MIN_DNS_TTL}, so that a zero TTL still lets the connection that follows through),
     * and are remembered for tables installed later.
     */
    private void answered(DnsAnswer answer) {
        Duration ttl = Duration.ofSeconds(Math.max(answer.ttlSeconds(), MIN_DNS_TTL.toSeconds()));
        for (Map.Entry<NetNamespace, CompiledTable> e : installed.entrySet()) {
            List<FqdnAddress> added = new ArrayList<>();
            for (FqdnName name : e.getValue().fqdns()) {
                if (name.covers(answer.name())) {
                    for (InetAddress address : answer.addresses()) {
                        FqdnAddress a = new FqdnAddress(name, address, ttl);
                        Map<InetAddress, FqdnAddress> known = dnsAnswers.computeIfAbsent(name, k -> new HashMap<>());
                        if (known.size() < MAX_ADDRESSES_PER_NAME || known.containsKey(address)) {
                            known.put(address, a);
                        }
                        added.add(a);
                    }
                }
            }
            try {
                applier.addFqdnAddresses(e.getKey().path(), added);
            } catch (IOException | RuntimeException ex) {
                failed("cannot add the addresses of " + answer.name() + " in " + e.getKey(), ex);
            }
        }
    }

    private void reportSeen() {
        try {
            List<Connection> seen = observer.drain();
            if (!seen.isEmpty()) {
                report.accept(seen);
            }
        } catch (RuntimeException e) {
            failed("cannot read the conversations", e);
        }
    }

    private void failed(String what, Exception e) {
        failures.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, what + ": " + e.getMessage());
    }

    private static Map<String, NodePolicy.Network> byWorkload(List<NodePolicy.Network> network) {
        return network.stream().collect(Collectors.toUnmodifiableMap(NodePolicy.Network::workload, n -> n,
                (a, b) -> b));
    }

    /** Counters for the operator: tables installed and adopted, failures, and what the observer counted. */
    public Map<String, Long> counters() {
        FlowStatistics f = observer.statistics();
        Map<String, Long> out = new HashMap<>(Map.of("flow_events", f.events(), "flow_packets", f.packets(),
                "flow_overflows", f.overflows(), "flow_rescans", f.rescans(), "flow_dropped", f.dropped(),
                "flow_malformed", f.malformed(), "flow_vanished", f.vanished()));
        out.put("tables_installed", installs.get());
        out.put("tables_adopted", adoptions.get());
        out.put("network_failures", failures.get());
        return out;
    }

    /** Stops observing; the tables stay in force (fail-static). */
    @Override
    public void close() {
        reporter.shutdownNow();
        changes.shutdownNow();
        observer.close();
        namespaceThread.close();
    }
}
