package dev.bulwark.bench.network;

import dev.bulwark.bench.network.NamespaceClient.Outcome;
import dev.bulwark.enforcer.linux.NamespaceThread;
import dev.bulwark.enforcer.linux.NetNamespace;
import dev.bulwark.enforcer.network.NetworkPlane;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.NodePolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * What the enforcer's network plane costs (issue 20): servers on the host's bridge address, clients in network
 * namespaces on the bridge (each with a {@code sleep} for a pid, as a container has), and a {@link NetworkPlane} in
 * this JVM attached to them as the enforcer attaches it. Prints
 * <ol>
 * <li>connect + first byte, sequential: no table, the plane in Discover, in Protect with a rule allowing the port;
 *     the added latency is Protect's (Discover's) less no table's;
 * <li>one TCP connection's bulk throughput to a host sink, no table against Protect (both in rounds, the
 *     conditions taking turns);
 * <li>a changed rule set pushed to 100 containers in Protect: time until every table is replaced, the change
 *     checked by connections from three of them (the newly allowed port answers, the other is dropped);
 * <li>the plane's own threads' CPU while one container opens 2,000 connections a second for 15 s (open loop), and
 *     the sessions the plane reported against the connections made: once with the kernel's conntrack defaults, once
 *     in a container whose conntrack forgets closed connections after 1 s.
 * </ol>
 * Kernel time spent in the tables and in conntrack/NFLOG on the packets' path, and the {@code nft} processes the
 * plane runs, are not in the plane's thread CPU.
 *
 * <p>Run: {@code bench/run network} (root, {@code ip}, {@code nft}); args: the host's bridge address, then
 * {@code NAME,PID,ADDRESS} of each namespace ({@code /run/netns/NAME}).
 */
public final class NetworkBench {

    private static final Duration REPORT_PERIOD = Duration.ofSeconds(5);
    private static final int CONNECTIONS = 3_000;
    private static final int ROUNDS = 3;
    private static final int BATCH = 250;
    private static final int TIMEOUT_MILLIS = 3_000;
    private static final long BULK_BYTES = 512L << 20;
    private static final int PAIRS = 8;
    private static final int RATE = 2_000;
    private static final Duration LOAD = Duration.ofSeconds(15);

    /** A namespace on the bridge with a process in it, standing for a container. */
    private record Container(String workload, NetNamespace namespace, int pid, InetAddress address) {

        static Container parse(String arg) throws Exception {
            String[] f = arg.split(",");
            return new Container(f[0], NetNamespace.at(Path.of("/run/netns", f[0])), Integer.parseInt(f[1]),
                    InetAddress.getByName(f[2]));
        }
    }

    private final InetAddress host;
    private final List<Container> containers;
    private final NamespaceThread clientThread = new NamespaceThread();

    private NetworkBench(InetAddress host, List<Container> containers) {
        this.host = host;
        this.containers = containers;
    }

    public static void main(String[] args) throws Exception {
        List<Container> containers = new ArrayList<>();
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            containers.add(Container.parse(arg));
        }
        var bench = new NetworkBench(InetAddress.getByName(args[0]), containers);
        try (HostServer first = HostServer.firstByte(bench.host, 0);
                HostServer second = HostServer.firstByte(bench.host, 0);
                HostServer web = HostServer.firstByte(bench.host, 80); HostServer sink = HostServer.sink(bench.host)) {
            bench.latency(first);
            bench.throughput(sink);
            bench.ruleChange(first, second);
            bench.cpu(web, containers.getFirst(), OptionalInt.empty());
            bench.cpu(web, containers.get(1), OptionalInt.of(1));
        } finally {
            bench.clientThread.close();
        }
    }

    // ---- 1 and 2

    /**
     * Rounds of no table, Discover and Protect one after the other, so that the load of a shared machine drifting
     * over a minute weighs on every condition alike; the figures are over all rounds.
     */
    private void latency(HostServer server) throws Exception {
        Container c = containers.getFirst();
        NamespaceClient client = client(c);
        sequential(client, server.address(), CONNECTIONS); // warms the JIT, the server and the namespace
        Latencies none = Latencies.NONE;
        Latencies discover = Latencies.NONE;
        Latencies protect = Latencies.NONE;
        try (NetworkPlane plane = plane(connections -> { })) {
            for (int round = 0; round < ROUNDS; round++) {
                none = none.and(sequential(client, server.address(), CONNECTIONS / ROUNDS));
                plane.policy(List.of(network(c, "Discover", server.port()))).get();
                plane.started(c.workload(), c.pid(), List.of(c.address())).get();
                discover = discover.and(sequential(client, server.address(), CONNECTIONS / ROUNDS));
                plane.policy(List.of(network(c, "Protect", server.port()))).get();
                protect = protect.and(sequential(client, server.address(), CONNECTIONS / ROUNDS));
                plane.stopped(c.workload()).get();
            }
            System.out.println("network plane counters: " + new TreeMap<>(plane.counters()));
        }
        System.out.println("network latency, connect + first byte, no table:          " + none.describe());
        System.out.println("network latency, connect + first byte, plane in Discover: " + discover.describe());
        System.out.println("network latency, connect + first byte, plane in Protect:  " + protect.describe());
        System.out.printf("network latency added by Protect: p50 %+.0f µs, p99 %+.0f µs, mean %+.0f µs;"
                + " by Discover: p50 %+.0f µs, p99 %+.0f µs, mean %+.0f µs%n",
                protect.percentileMicros(50) - none.percentileMicros(50),
                protect.percentileMicros(99) - none.percentileMicros(99), protect.meanMicros() - none.meanMicros(),
                discover.percentileMicros(50) - none.percentileMicros(50),
                discover.percentileMicros(99) - none.percentileMicros(99), discover.meanMicros() - none.meanMicros());
    }

    /**
     * Pairs of transfers, one without a table and one in Protect, the order turning each pair, so that neither
     * condition always follows the other; the medians and the range.
     */
    private void throughput(HostServer sink) throws Exception {
        Container c = containers.getFirst();
        NamespaceClient client = client(c);
        double[] none = new double[PAIRS];
        double[] protect = new double[PAIRS];
        try (NetworkPlane plane = plane(connections -> { })) {
            plane.policy(List.of(network(c, "Protect", sink.port()))).get();
            for (int pair = 0; pair < PAIRS; pair++) {
                for (boolean protecting : pair % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    if (protecting) {
                        plane.started(c.workload(), c.pid(), List.of(c.address())).get();
                        protect[pair] = throughput(client, sink.address());
                        plane.stopped(c.workload()).get();
                    } else {
                        none[pair] = throughput(client, sink.address());
                    }
                }
            }
        }
        System.out.printf("network throughput, one TCP connection, %d transfers of %d MiB each way: no table median"
                + " %.0f MB/s (%.0f to %.0f), Protect median %.0f MB/s (%.0f to %.0f): %.0f%% of no table%n", PAIRS,
                BULK_BYTES >> 20, median(none), min(none), max(none), median(protect), min(protect), max(protect),
                100 * median(protect) / median(none));
    }

    /** The MB/s of one transfer. */
    private static double throughput(NamespaceClient client, InetSocketAddress sink) {
        return BULK_BYTES / (client.send(sink, BULK_BYTES, TIMEOUT_MILLIS) / 1e9) / 1e6;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Latencies sequential(NamespaceClient client, InetSocketAddress server, int count) {
        long[] nanos = new long[count];
        int failed = 0;
        for (int done = 0; done < count;) {
            for (SocketChannel channel : client.open(Math.min(BATCH, count - done))) {
                long start = System.nanoTime();
                if (NamespaceClient.firstByte(channel, server, TIMEOUT_MILLIS) != Outcome.FIRST_BYTE) {
                    failed++;
                }
                nanos[done++] = System.nanoTime() - start;
            }
        }
        return new Latencies(nanos, failed);
    }

    // ---- 3

    private void ruleChange(HostServer a, HostServer b) throws Exception {
        try (NetworkPlane plane = plane(connections -> { })) {
            plane.policy(policies(a.port())).get();
            long start = System.nanoTime();
            List<Future<?>> attached = new ArrayList<>();
            for (Container c : containers) {
                attached.add(plane.started(c.workload(), c.pid(), List.of(c.address())));
            }
            for (Future<?> f : attached) {
                f.get();
            }
            System.out.printf("network rule change: %d containers attached in Protect (observed, tables installed)"
                    + " in %.2f s%n", containers.size(), (System.nanoTime() - start) / 1e9);
            List<Container> probes = List.of(containers.getFirst(), containers.get(containers.size() / 2),
                    containers.getLast());
            for (int round = 1; round <= 3; round++) {
                HostServer allowed = round % 2 == 1 ? b : a;
                HostServer denied = allowed == a ? b : a;
                start = System.nanoTime();
                plane.policy(policies(allowed.port())).get();
                double millis = (System.nanoTime() - start) / 1e6;
                int answered = 0;
                int dropped = 0;
                for (Container c : probes) {
                    NamespaceClient client = client(c);
                    List<SocketChannel> two = client.open(2);
                    answered += NamespaceClient.firstByte(two.get(0), allowed.address(), TIMEOUT_MILLIS)
                            == Outcome.FIRST_BYTE ? 1 : 0;
                    dropped += NamespaceClient.firstByte(two.get(1), denied.address(), 1_000)
                            == Outcome.TIMED_OUT ? 1 : 0;
                }
                System.out.printf("network rule change %d: allowed port %d -> %d, %d tables replaced in %.0f ms;"
                        + " checked from %d containers: the newly allowed port answered %d, the other dropped %d%n",
                        round, denied.port(), allowed.port(), containers.size(), millis, probes.size(), answered,
                        dropped);
            }
            System.out.println("network plane counters: " + new TreeMap<>(plane.counters()));
            start = System.nanoTime();
            List<Future<?>> stopped = containers.stream().<Future<?>>map(c -> plane.stopped(c.workload())).toList();
            for (Future<?> f : stopped) {
                f.get();
            }
            System.out.printf("network rule change: %d containers stopped (tables removed) in %.2f s%n",
                    containers.size(), (System.nanoTime() - start) / 1e9);
        }
    }

    private List<NodePolicy.Network> policies(int port) {
        return containers.stream().map(c -> network(c, "Protect", port)).toList();
    }

    // ---- 4

    /**
     * The CPU run, in a container of its own. With {@code timeWaitSeconds} the namespace's conntrack keeps a closed
     * connection that long instead of the kernel's 120 s, and the plane, which tracks a connection until conntrack
     * destroys it, holds fewer at once.
     */
    private void cpu(HostServer server, Container c, OptionalInt timeWaitSeconds) throws Exception {
        if (timeWaitSeconds.isPresent()) {
            clientThread.call(c.namespace(), () -> Files.writeString(
                    Path.of("/proc/sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait"),
                    Integer.toString(timeWaitSeconds.getAsInt())));
        }
        String conntrack = timeWaitSeconds.isPresent()
                ? "conntrack TIME_WAIT " + timeWaitSeconds.getAsInt() + " s" : "conntrack TIME_WAIT 120 s (default)";
        int port = server.port();
        AtomicLong sessions = new AtomicLong();
        AtomicLong otherSessions = new AtomicLong();
        Consumer<List<Connection>> report = connections -> connections.forEach(k -> {
            boolean ours = k.workload().equals(c.workload()) && !k.ingress() && k.serverPort() == port;
            (ours ? sessions : otherSessions).addAndGet(k.sessions());
        });
        PlaneThreads threads = PlaneThreads.before();
        try (NetworkPlane plane = plane(report)) {
            plane.policy(List.of(network(c, "Protect", port))).get();
            plane.started(c.workload(), c.pid(), List.of(c.address())).get();
            List<String> names = threads.find();
            Load load = load(client(c), server.address(), threads);
            System.out.printf("network plane CPU at %d new connections/s for %d s (Protect, one container, %s):"
                    + " %.1f%% of one core (%.2f s of CPU in %.2f s, threads %s); %d connections made, %d failed,"
                    + " dispatch at most %.1f ms late%n", RATE, LOAD.toSeconds(), conntrack,
                    100.0 * load.cpuNanos() / load.wallNanos(), load.cpuNanos() / 1e9, load.wallNanos() / 1e9, names,
                    load.made(), load.failed(), load.maxLateNanos() / 1e6);
            awaitReports(sessions, load.made());
            System.out.printf("network plane reported %d sessions of the %d connections made (%s; %d sessions of"
                    + " other connections)%n", sessions.get(), load.made(), conntrack, otherSessions.get());
            System.out.println("network plane counters: " + new TreeMap<>(plane.counters()));
            plane.stopped(c.workload()).get();
        }
    }

    /** Until {@code sessions} reach {@code expected}, or stay put over three report periods. */
    private static void awaitReports(AtomicLong sessions, long expected) throws InterruptedException {
        long unchangedSince = System.nanoTime();
        long last = sessions.get();
        while (sessions.get() < expected
                && System.nanoTime() - unchangedSince < 3 * REPORT_PERIOD.toNanos()) {
            Thread.sleep(200);
            if (sessions.get() != last) {
                last = sessions.get();
                unchangedSince = System.nanoTime();
            }
        }
    }

    private record Load(long made, long failed, long maxLateNanos, long wallNanos, long cpuNanos) {}

    /**
     * Opens {@link #RATE} connections a second for {@link #LOAD}, each on its schedule whether or not the earlier
     * ones finished (on a virtual thread of its own), from a pool of sockets opened ahead in the namespace; the
     * plane's CPU is counted from the first connection until the last has finished.
     */
    private static Load load(NamespaceClient client, InetSocketAddress server, PlaneThreads threads)
            throws Exception {
        long total = RATE * LOAD.toSeconds();
        LinkedBlockingQueue<SocketChannel> ready = new LinkedBlockingQueue<>(4 * BATCH);
        Thread opener = Thread.ofPlatform().daemon().name("bench-opener").start(() -> {
            try {
                for (long opened = 0; opened < total; opened += BATCH) {
                    for (SocketChannel channel : client.open(BATCH)) {
                        ready.put(channel);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (ready.remainingCapacity() > 0) {
            Thread.sleep(10);
        }
        AtomicInteger made = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long maxLate = 0;
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        long cpuStart = threads.cpuNanos();
        long start = System.nanoTime();
        try (ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                for (long wait; (wait = due - System.nanoTime()) > 0;) {
                    LockSupport.parkNanos(wait);
                }
                maxLate = Math.max(maxLate, System.nanoTime() - due);
                connections.submit(() -> {
                    Outcome outcome = NamespaceClient.firstByte(ready.take(), server, TIMEOUT_MILLIS);
                    (outcome == Outcome.FIRST_BYTE ? made : failed).incrementAndGet();
                    return null;
                });
            }
        }
        long wall = System.nanoTime() - start;
        long cpu = threads.cpuNanos() - cpuStart;
        opener.join();
        return new Load(made.get(), failed.get(), maxLate, wall, cpu);
    }

    // ----

    private NamespaceClient client(Container c) {
        return new NamespaceClient(clientThread, c.namespace());
    }

    private static NetworkPlane plane(Consumer<List<Connection>> report) {
        return new NetworkPlane(List.of(), report, REPORT_PERIOD, InstantSource.system());
    }

    /** Protect or Discover for {@code c}, with one rule allowing its connections to the host on {@code port}. */
    private NodePolicy.Network network(Container c, String mode, int port) {
        var allow = new NodePolicy.NetworkRule(1, false, List.of(host.getHostAddress() + "/32"), "tcp/" + port,
                List.of(), "allow");
        return new NodePolicy.Network(c.workload(), mode, false, List.of(allow), List.of());
    }
}
