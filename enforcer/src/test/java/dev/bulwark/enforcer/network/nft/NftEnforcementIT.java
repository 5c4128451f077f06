package dev.bulwark.enforcer.network.nft;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.testing.Patience;
import dev.bulwark.enforcer.network.nft.NftApplier.Outcome;
import dev.bulwark.enforcer.testing.RuncContainer;
import dev.bulwark.enforcer.testing.TestBridge;
import dev.bulwark.link.model.NodePolicy.Network;
import dev.bulwark.link.model.NodePolicy.NetworkRule;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables compiled and installed in real network namespaces on a {@link TestBridge}, judged by real connections:
 * busybox {@code nc} in a namespace to a server on the host's bridge address, or to another namespace.
 */
class NftEnforcementIT {

    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+)");
    private static final Pattern HANDLE = Pattern.compile("\"name\": \"bulwark\", \"handle\": (\\d+)");

    private static TestBridge bridge;

    private final TableCompiler compiler = new TableCompiler();
    private final NftApplier applier = new NftApplier();
    private TestBridge.Namespace client;
    private HostServer allowed;
    private HostServer other;

    @BeforeAll
    static void bridge() throws IOException {
        TestBridge.assumeAvailable();
        assumeTrue(Files.isExecutable(Nft.NFT), "nft is not installed at " + Nft.NFT + " (Debian package nftables)");
        assumeTrue(Files.isExecutable(Nft.NSENTER), "nsenter is not installed at " + Nft.NSENTER
                + " (Debian package util-linux)");
        assumeTrue(Files.isExecutable(RuncContainer.BUSYBOX), "busybox is not installed at " + RuncContainer.BUSYBOX);
        bridge = TestBridge.create();
    }

    @AfterAll
    static void removeBridge() throws IOException {
        if (bridge != null) {
            bridge.close();
        }
    }

    @BeforeEach
    void namespaceAndServers() throws IOException {
        client = bridge.namespace();
        allowed = new HostServer(bridge.hostAddress(), false);
        other = new HostServer(bridge.hostAddress(), false);
    }

    @AfterEach
    void servers() throws IOException {
        allowed.close();
        other.close();
    }

    @Test
    void protectLetsThroughOnlyWhatARuleAllowsAndCountsWhatItDrops() throws Exception {
        install(client, network("Protect", rule(1, false, host(), "tcp/" + allowed.port(), "allow")));

        assertThat(connects(client, allowed)).isTrue();
        assertThat(connects(client, other)).isFalse();
        assertThat(counter(client, "deny_0")).isPositive();
    }

    @Test
    void theFirstMatchingRuleWinsSoADenyBeforeAnAllowDrops() throws Exception {
        String port = "tcp/" + allowed.port();
        install(client, network("Protect", rule(7, false, host(), port, "deny"), rule(8, false, host(), port,
                "allow")));

        assertThat(connects(client, allowed)).isFalse();
        assertThat(counter(client, "deny_7")).isPositive();
        assertThat(counter(client, "deny_0")).isZero();
    }

    @Test
    void externalMeansNotAnInternalNetwork() throws Exception {
        NetworkRule toExternal = rule(1, false, List.of("external"), "any", "allow");
        String bridgeNet = bridge.hostAddress().replaceAll("\\.1$", ".0/24");
        install(client, new Network("c", "Protect", false, List.of(toExternal), List.of(bridgeNet, "fd00::/8")));
        assertThat(connects(client, allowed)).isFalse();

        install(client, new Network("c", "Protect", false, List.of(toExternal), List.of("192.0.2.0/24")));
        assertThat(connects(client, allowed)).isTrue();
    }

    @Test
    void anFqdnRuleAllowsTheAddressesDnsGaveItAtRunTime() throws Exception {
        install(client, network("Protect", rule(3, false, List.of("fqdn:api.example.com"), "tcp/" + allowed.port(),
                "allow")));
        assertThat(connects(client, allowed)).isFalse();

        applier.addFqdnAddresses(client.path(), List.of(new FqdnAddress(FqdnName.parse("API.example.com."),
                InetAddress.ofLiteral(bridge.hostAddress()), Duration.ofMinutes(10))));
        assertThat(connects(client, allowed)).isTrue();
        assertThat(connects(client, other)).isFalse();
    }

    @Test
    void portsInNeuVectorsSyntax() throws Exception {
        int port = allowed.port();
        install(client, network("Protect", rule(1, false, host(), "udp/53, " + port + ", icmp", "allow")));
        assertThat(connects(client, allowed)).as("a bare port is TCP and UDP").isTrue();
        assertThat(pings(client)).isTrue();
        assertThat(connects(client, other)).isFalse();

        install(client, network("Protect", rule(1, false, host(), "tcp/%d-%d".formatted(port - 1, port), "allow")));
        assertThat(connects(client, allowed)).isTrue();
        assertThat(pings(client)).isFalse();

        install(client, network("Protect", rule(1, false, host(), "udp/" + port + ",tcp/" + (port + 1), "allow")));
        assertThat(connects(client, allowed)).isFalse();
    }

    @Test
    void aBarePortIsTcpAndUdpWhileTcpSlashPortIsTcpOnly() throws Exception {
        int port = allowed.port();
        try (var udp = new DatagramSocket(new InetSocketAddress(InetAddress.ofLiteral(bridge.hostAddress()), port))) {
            install(client, network("Protect", rule(1, false, host(), Integer.toString(port), "allow")));
            sendUdp(client, port, "bare");
            assertThat(receive(udp)).isEqualTo("bare");
            assertThat(connects(client, allowed)).isTrue();

            install(client, network("Protect", rule(1, false, host(), "tcp/" + port, "allow")));
            sendUdp(client, port, "tcp only");
            Patience.await(() -> counterQuietly(client, "deny_0") > 0, () -> "the datagram was not dropped");
            install(client, network("Protect", rule(1, false, host(), "udp/" + port, "allow")));
            sendUdp(client, port, "udp");
            assertThat(receive(udp)).as("the datagram sent under tcp/%d never arrived", port).isEqualTo("udp");
            assertThat(connects(client, allowed)).isFalse();
        }
    }

    @Test
    void anIngressRuleChoosesWhoMayConnectToTheContainer() throws Exception {
        TestBridge.Namespace serverNs = bridge.namespace();
        TestBridge.Namespace stranger = bridge.namespace();
        install(serverNs, network("Protect", rule(4, true, List.of(client.address() + "/32"), "tcp/8080", "allow")));
        try (var server = nsServer(serverNs)) {
            Patience.await(() -> connectsTo(stranger, serverNs.address(), 9) == false,
                    () -> "the namespace's server never came up");
            Patience.await(() -> connectsTo(client, serverNs.address(), 8080),
                    () -> "the allowed client never reached the server in " + serverNs.name());
            assertThat(connectsTo(stranger, serverNs.address(), 8080)).isFalse();
            assertThat(counter(serverNs, "deny_0")).isPositive();
        }
    }

    @Test
    void quarantineCutsEstablishedConnectionsAndReleasingRestoresThem() throws Exception {
        install(client, network("Monitor"));
        try (var held = new HostServer(bridge.hostAddress(), true);
                var session = LongConnection.open(client, held)) {
            Socket accepted = held.accepted().poll(Patience.HANG.toSeconds(), TimeUnit.SECONDS);
            session.awaitOutput(held.greeting());

            install(client, quarantined());
            send(accepted, "during quarantine\n");
            Patience.await(() -> counterQuietly(client, "quarantine") > 0,
                    () -> "the quarantine chain dropped nothing");
            assertThat(session.output()).doesNotContain("during quarantine");
            assertThat(connects(client, allowed)).isFalse();

            install(client, network("Monitor"));
            session.awaitOutput("during quarantine");
            assertThat(connects(client, allowed)).isTrue();
        }
    }

    @Test
    void discoverAndMonitorLetEverythingThrough() throws Exception {
        for (String mode : List.of("Discover", "Monitor")) {
            install(client, network(mode, rule(1, false, host(), "tcp/1", "deny")));
            assertThat(connects(client, allowed)).as(mode).isTrue();
            assertThat(connects(client, other)).as(mode).isTrue();
            assertThat(installedRules(client)).as(mode).contains("bw-cap").doesNotContain("drop");
        }
    }

    @Test
    void theSameTableAppliedAgainIsAdoptedUntouched() throws Exception {
        Network policy = network("Protect", rule(1, false, host(), "tcp/" + allowed.port(), "allow"));
        CompiledTable table = compiler.compile(NamespacePolicy.merge(List.of(policy)));
        assertThat(applier.apply(client.path(), table)).isEqualTo(Outcome.REPLACED);
        String handle = tableHandle(client);

        assertThat(applier.apply(client.path(), compiler.compile(NamespacePolicy.merge(List.of(policy)))))
                .isEqualTo(Outcome.ADOPTED);
        assertThat(tableHandle(client)).isEqualTo(handle);
        assertThat(applier.installedHash(client.path())).contains(table.hash());

        assertThat(applier.apply(client.path(), compiler.compile(NamespacePolicy.merge(List.of(network("Monitor"))))))
                .isEqualTo(Outcome.REPLACED);
        assertThat(tableHandle(client)).isNotEqualTo(handle);
    }

    @Test
    void replacingTheTableFiftyTimesNeverLetsAnAllowedConnectionFailNorADeniedOnePass() throws Exception {
        install(client, updated(0));
        var stop = new AtomicBoolean();
        var allowedFailures = new AtomicInteger();
        var allowedTries = new AtomicInteger();
        var deniedPasses = new AtomicInteger();
        var deniedTries = new AtomicInteger();
        List<Thread> loops = new ArrayList<>();
        loops.add(Thread.ofVirtual().start(() -> loop(stop, allowed, true, allowedTries, allowedFailures)));
        for (int i = 0; i < 4; i++) {
            loops.add(Thread.ofVirtual().start(() -> loop(stop, other, false, deniedTries, deniedPasses)));
        }
        for (int update = 1; update <= 50; update++) {
            assertThat(applier.apply(client.path(), compiler.compile(NamespacePolicy.merge(List.of(updated(update))))))
                    .isEqualTo(Outcome.REPLACED);
        }
        stop.set(true);
        for (Thread loop : loops) {
            loop.join();
        }
        System.out.printf("50 replacements: %d allowed connections, %d denied attempts%n", allowedTries.get(),
                deniedTries.get());
        assertThat(allowedTries.get()).isPositive();
        assertThat(deniedTries.get()).isPositive();
        assertThat(allowedFailures.get()).isZero();
        assertThat(deniedPasses.get()).isZero();
    }

    @Test
    void theTableStaysWhenTheProcessThatInstalledItIsGone(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process installer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                InstallAndExit.class.getName(), client.path().toString(), bridge.hostAddress(),
                Integer.toString(allowed.port())).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile())
                .start();
        assertThat(installer.waitFor(Patience.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(installer.exitValue()).as(Files.readString(dir.resolve("out"))).isZero();

        assertThat(installedRules(client)).contains("comment \"bulwark ");
        assertThat(connects(client, allowed)).isTrue();
        assertThat(connects(client, other)).isFalse();

        applier.remove(client.path());
        assertThat(applier.installedHash(client.path())).isEmpty();
        assertThat(connects(client, other)).isTrue();
        applier.remove(client.path());
    }

    @Test
    void tenThousandRulesCompileAndApply() throws Exception {
        List<NetworkRule> rules = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            rules.add(rule(i, i % 2 == 0, List.of("10.%d.%d.0/24".formatted(i / 256, i % 256)),
                    "tcp/" + (1000 + i), i % 3 == 0 ? "deny" : "allow"));
        }
        rules.add(rule(10_001, false, host(), "tcp/" + allowed.port(), "allow"));
        long start = System.nanoTime();
        CompiledTable table = compiler.compile(NamespacePolicy.merge(List.of(network("Protect",
                rules.toArray(NetworkRule[]::new)))));
        long compiled = System.nanoTime();
        applier.apply(client.path(), table);
        long applied = System.nanoTime();
        applier.installedHash(client.path());
        long read = System.nanoTime();
        System.out.printf("10,001 rules: compiled in %d ms (%d KiB of script), applied in %d ms, hash read back in"
                + " %d ms%n", (compiled - start) / 1_000_000, table.definition().length() / 1024,
                (applied - compiled) / 1_000_000, (read - applied) / 1_000_000);
        assertThat(table.rejected()).isEmpty();
        assertThat(applier.installedHash(client.path())).contains(table.hash());
        assertThat(connects(client, allowed)).isTrue();
        assertThat(connects(client, other)).isFalse();
    }

    @Test
    void theAddressesKnownForAnFqdnAreInTheNewTableFromItsFirstMoment() throws Exception {
        var known = List.of(new FqdnAddress(FqdnName.parse("db.example.com"),
                InetAddress.ofLiteral(bridge.hostAddress()), Duration.ofMinutes(10)), new FqdnAddress(FqdnName.parse(
                "unused.example.com"), InetAddress.ofLiteral("2001:db8::1"), Duration.ofMinutes(10)));
        CompiledTable table = compiler.compile(NamespacePolicy.merge(List.of(network("Protect", rule(2, false,
                List.of("fqdn:db.example.com"), "tcp/" + allowed.port(), "allow")))));

        applier.apply(client.path(), table, known);
        assertThat(connects(client, allowed)).isTrue();
        assertThat(installedRules(client)).contains(bridge.hostAddress() + " timeout 10m");
    }

    @Test
    void whatSurvivesHostileInputIsATableNftAccepts() throws Exception {
        List<NetworkRule> rules = new ArrayList<>();
        List<String> peers = new ArrayList<>(List.of("10.0.0.1; flush ruleset", "fqdn:a.com\"", "external",
                "fqdn:*.example.com", "FD00::1/64", "::ffff:192.0.2.1", "0.0.0.0/0", "::/0", "10.9.8.7/8",
                "10.9.0.0/16"));
        for (int i = 0; i < 100_000; i++) {
            peers.add("172.%d.%d.%d".formatted(16 + (i >> 16), (i >> 8) & 255, i & 255));
        }
        rules.add(rule(1, false, List.of("fqdn:a.com\"; flush ruleset"), "tcp/80", "allow"));
        rules.add(rule(2, false, List.of("10.0.0.1"), "80; flush ruleset", "deny"));
        rules.add(rule(3, true, peers.subList(2, peers.size()), "tcp/80,tcp/70-90, 53, icmp, udp/any", "deny"));
        rules.add(rule(4, false, List.of("10.0.0.1", "2001:db8::/32"), "tcp/0-65535,udp/1-2", "allow"));
        rules.add(rule(5, false, host(), "tcp/" + allowed.port(), "allow"));
        CompiledTable table = compiler.compile(NamespacePolicy.merge(List.of(new Network("c", "Protect", false, rules,
                List.of("10.0.0.0/8", "fd00::/8", "10.0.0.0/8\n")))));
        assertThat(table.rejected()).hasSize(3);

        long start = System.nanoTime();
        applier.apply(client.path(), table);
        System.out.printf("a rule with 100,008 peers applied in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(applier.installedHash(client.path())).contains(table.hash());
        assertThat(connects(client, allowed)).isTrue();
        assertThat(connects(client, other)).isFalse();
    }

    @Test
    void nftThatOutlivesItsTimeIsStoppedAndReported() {
        CompiledTable table = compiler.compile(NamespacePolicy.merge(List.of(network("Protect",
                rule(1, false, host(), "tcp/80", "allow")))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NftApplier(Duration.ZERO).apply(client.path(),
                table)).isInstanceOf(NftException.class).hasMessageContaining("did not finish within")
                .hasMessageContaining(client.path().toString());
    }

    @Test
    void aFailingScriptIsAnExceptionNamingTheNamespaceAndNftsMessage() {
        Path missing = Path.of("/run/netns/bwt-no-such-namespace");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> applier.remove(missing))
                .isInstanceOf(NftException.class).hasMessageContaining(missing.toString());
    }

    /** The policy of one update of the atomicity test: the same verdicts, a different table each time. */
    private Network updated(int update) {
        return network("Protect", rule(100 + update, false, List.of("192.0.2.%d/32".formatted(update)), "tcp/1",
                "deny"), rule(1, false, host(), "tcp/" + allowed.port(), "allow"));
    }

    private void loop(AtomicBoolean stop, HostServer server, boolean expected, AtomicInteger tries,
            AtomicInteger wrong) {
        while (!stop.get()) {
            tries.incrementAndGet();
            if (connectsQuietly(client, server) != expected) {
                wrong.incrementAndGet();
            }
        }
    }

    private Network quarantined() {
        return new Network("c", "Monitor", true, List.of(), List.of());
    }

    private List<String> host() {
        return List.of(bridge.hostAddress() + "/32");
    }

    private static Network network(String mode, NetworkRule... rules) {
        return new Network("c", mode, false, List.of(rules), List.of());
    }

    private static NetworkRule rule(int id, boolean ingress, List<String> peers, String ports, String action) {
        return new NetworkRule(id, ingress, peers, ports, List.of("any"), action);
    }

    private void install(TestBridge.Namespace ns, Network policy) throws IOException {
        CompiledTable table = compiler.compile(NamespacePolicy.merge(List.of(policy)));
        assertThat(table.rejected()).isEmpty();
        applier.apply(ns.path(), table);
    }

    private static boolean connects(TestBridge.Namespace ns, HostServer server) throws IOException {
        return nc(ns, server.port(), server.greeting());
    }

    private boolean connectsQuietly(TestBridge.Namespace ns, HostServer server) {
        try {
            return connects(ns, server);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean connectsTo(TestBridge.Namespace ns, String address, int port) {
        try {
            var result = RuncContainer.run(List.of("/usr/sbin/ip", "netns", "exec", ns.name(), "busybox", "nc", "-w",
                    "2", address, Integer.toString(port)), Path.of("/"));
            return result.exitCode() == 0 && result.stdout().contains("hello");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean nc(TestBridge.Namespace ns, int port, String greeting) throws IOException {
        var result = RuncContainer.run(List.of("/usr/sbin/ip", "netns", "exec", ns.name(), "busybox", "nc", "-w", "2",
                bridge.hostAddress(), Integer.toString(port)), Path.of("/"));
        return result.exitCode() == 0 && result.stdout().contains(greeting);
    }

    private static boolean pings(TestBridge.Namespace ns) throws IOException {
        return RuncContainer.run(List.of("/usr/sbin/ip", "netns", "exec", ns.name(), "busybox", "ping", "-c", "1",
                "-W", "2", bridge.hostAddress()), Path.of("/")).exitCode() == 0;
    }

    /** A busybox server in a namespace answering {@code hello} on port 8080 to every connection. */
    private static AutoCloseable nsServer(TestBridge.Namespace ns) throws IOException {
        Process server = new ProcessBuilder("/usr/sbin/ip", "netns", "exec", ns.name(), "busybox", "nc", "-ll", "-p",
                "8080", "-e", "/usr/bin/echo", "hello").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return server::destroyForcibly;
    }

    private static long counter(TestBridge.Namespace ns, String chain) throws IOException {
        Matcher m = COUNTER.matcher(nft(ns, "list", "chain", "inet", "bulwark", chain));
        long packets = 0;
        while (m.find()) {
            packets += Long.parseLong(m.group(1));
        }
        return packets;
    }

    private static long counterQuietly(TestBridge.Namespace ns, String chain) {
        try {
            return counter(ns, chain);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String installedRules(TestBridge.Namespace ns) throws IOException {
        return nft(ns, "list", "table", "inet", "bulwark");
    }

    private static String tableHandle(TestBridge.Namespace ns) throws IOException {
        Matcher m = HANDLE.matcher(nft(ns, "-j", "list", "tables"));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** nft run by hand, not through the class under test: what the kernel holds. */
    private static String nft(TestBridge.Namespace ns, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Nft.NSENTER.toString(), "--net=" + ns.path(), Nft.NFT.toString()));
        argv.addAll(List.of(args));
        return RuncContainer.run(argv, Path.of("/")).requireSuccess().stdout();
    }

    /** Sends one datagram from the namespace with bash's {@code /dev/udp}: busybox nc has no UDP. */
    private static void sendUdp(TestBridge.Namespace ns, int port, String text) throws IOException {
        RuncContainer.run(List.of("/usr/sbin/ip", "netns", "exec", ns.name(), "bash", "-c",
                "printf %s \"$0\" > /dev/udp/" + bridge.hostAddress() + "/" + port, text), Path.of("/"));
    }

    private static String receive(DatagramSocket socket) throws IOException {
        socket.setSoTimeout((int) Patience.HANG.toMillis());
        var packet = new DatagramPacket(new byte[512], 512);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), UTF_8);
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(UTF_8));
        out.flush();
    }

    /** A busybox nc in a namespace kept connected, its output collected in a file. */
    private record LongConnection(Process process, Path file) implements AutoCloseable {

        static LongConnection open(TestBridge.Namespace ns, HostServer server) throws IOException {
            Path output = Files.createTempFile("bulwark-nc-", ".out");
            Process process = new ProcessBuilder("/usr/sbin/ip", "netns", "exec", ns.name(), "busybox", "nc",
                    bridge.hostAddress(), Integer.toString(server.port())).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new LongConnection(process, output);
        }

        String output() {
            try {
                return Files.readString(file, UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void awaitOutput(String expected) throws InterruptedException {
            Patience.await(() -> output().contains(expected), () -> "nc printed only " + output());
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            Files.deleteIfExists(file);
        }
    }

    /** Installs a table and exits: what an enforcer that stops leaves behind. */
    public static final class InstallAndExit {

        public static void main(String[] args) throws IOException {
            Network policy = network("Protect", rule(1, false, List.of(args[1] + "/32"), "tcp/" + args[2], "allow"));
            new NftApplier().apply(Path.of(args[0]), new TableCompiler().compile(NamespacePolicy.merge(
                    List.of(policy))));
        }
    }
}
