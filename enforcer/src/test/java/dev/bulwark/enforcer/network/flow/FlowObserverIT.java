package dev.bulwark.enforcer.network.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.enforcer.linux.NamespaceGoneException;
import dev.bulwark.enforcer.linux.NamespaceThread;
import dev.bulwark.enforcer.linux.NetNamespace;
import dev.bulwark.enforcer.testing.RuncContainer;
import dev.bulwark.enforcer.testing.TestBridge;
import dev.bulwark.enforcer.network.nft.NamespacePolicy;
import dev.bulwark.enforcer.network.nft.TableCompiler;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.NodePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real namespaces on a bridge, real nftables rules and real traffic, observed through conntrack and NFLOG. */
class FlowObserverIT {

    /** The table the enforcer loads, reduced to what observation needs: conntrack on, the first packets logged. */
    private static final String TABLE = """
            table inet bulwark {
                chain input {
                    type filter hook input priority filter; policy accept;
                    ct state new counter
                    ct packets < 12 log prefix "bw-cap" group 1 snaplen 1024
                    %s
                }
                chain output {
                    type filter hook output priority filter; policy accept;
                    ct state new counter
                    ct packets < 12 log prefix "bw-cap" group 1 snaplen 1024
                    %s
                }
            }
            """;

    @TempDir
    Path dir;

    private TestBridge bridge;
    private NamespaceThread namespaceThread;
    private FlowObserver observer;
    private final List<DnsAnswer> answers = new CopyOnWriteArrayList<>();
    private final List<Connection> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        TestBridge.assumeAvailable();
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")), "nft is not installed (Debian package nftables)");
        assumeTrue(Files.isExecutable(RuncContainer.BUSYBOX), "busybox is not installed (busybox-static)");
        bridge = TestBridge.create();
        namespaceThread = new NamespaceThread();
        observer = observer(FlowObserver.Limits.DEFAULT);
    }

    private FlowObserver observer(FlowObserver.Limits limits) {
        return new FlowObserver(namespaceThread, limits, InstantSource.system(), answers::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
        if (observer != null) {
            observer.close();
        }
        if (namespaceThread != null) {
            namespaceThread.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    private TestBridge.Namespace observed(String workload, String inputRules, String outputRules) throws IOException {
        TestBridge.Namespace ns = bridge.namespace();
        observe(ns, workload, inputRules, outputRules);
        return ns;
    }

    /** Loads the table in {@code ns}, then attaches it. */
    private void observe(TestBridge.Namespace ns, String workload, String inputRules, String outputRules)
            throws IOException {
        Path table = Files.writeString(dir.resolve(ns.name() + ".nft"), TABLE.formatted(inputRules, outputRules));
        ns.run("/usr/sbin/nft", "-f", table.toString());
        assertThat(observer.attach(NetNamespace.at(ns.path()), workload, List.of(InetAddress.getByName(ns.address()))))
                .isTrue();
    }

    private TestBridge.Namespace observed(String workload) throws IOException {
        return observed(workload, "", "");
    }

    /** Drains until a connection matching {@code wanted} is seen; all drained so far stay in {@link #seen}. */
    private Connection awaitConnection(Predicate<Connection> wanted, String what) throws InterruptedException {
        Patience.await(() -> {
            seen.addAll(observer.drain());
            return seen.stream().anyMatch(wanted);
        }, () -> what + "; seen " + seen + ", " + observer.statistics());
        return seen.stream().filter(wanted).findFirst().orElseThrow();
    }

    /** A TCP server on the host's bridge address: reads a line, answers one, closes; counts what it accepted. */
    private int lineServer(AtomicInteger accepted) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(bridge.hostAddress(), 0), 512);
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> answer(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    private static void answer(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (in.read() > 0 && in.available() > 0) {
                in.skipNBytes(in.available());
            }
            out.write("world\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the client went away first
        }
    }

    @Test
    void aTcpConnectionToTheHostIsOneConnectionWithItsBytes() throws Exception {
        TestBridge.Namespace ns = observed("web-1");
        int port = lineServer(new AtomicInteger());

        ns.run("busybox", "sh", "-c", "echo hello | busybox nc " + bridge.hostAddress() + " " + port);

        Connection c = awaitConnection(x -> x.serverPort() == port && x.bytes() > 0, "the connection to " + port);
        assertThat(c.workload()).isEqualTo("web-1");
        assertThat(c.ingress()).isFalse();
        assertThat(c.clientIp()).isEqualTo(ns.address());
        assertThat(c.serverIp()).isEqualTo(bridge.hostAddress());
        assertThat(c.ipProto()).isEqualTo(6);
        assertThat(c.action()).isEqualTo(Connection.OPEN);
        assertThat(c.sessions()).isEqualTo(1);
        assertThat(c.bytes()).as("IP bytes both ways: six packets at least, 12 bytes of payload")
                .isGreaterThan(6 * 40 + 12);
        assertThat(c.lastSeen()).isGreaterThanOrEqualTo(c.firstSeen()).isPositive();
        assertThat(observer.drain()).as("no new session since (a last ACK may still add its bytes)")
                .noneMatch(x -> x.serverPort() == port && x.sessions() > 0);
    }

    @Test
    void aLongLivedConnectionReportsTheBytesOfEachPeriodFromTheDump() throws Exception {
        TestBridge.Namespace ns = observed("web-1");
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(bridge.hostAddress(), 0));
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // closed by the test
            }
        });
        int port = server.getLocalPort();
        Process client = new ProcessBuilder("/usr/sbin/ip", "netns", "exec", ns.name(), "busybox", "nc",
                bridge.hostAddress(), Integer.toString(port)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        servers.add(client::destroy);
        OutputStream toServer = client.getOutputStream();
        toServer.write("hello\n".getBytes(StandardCharsets.US_ASCII));
        toServer.flush();

        Connection opened = awaitConnection(x -> x.serverPort() == port, "the open connection");
        seen.clear();
        toServer.write(new byte[50_000]);
        toServer.flush();
        Patience.await(() -> {
            seen.addAll(observer.drain());
            return seen.stream().filter(x -> x.serverPort() == port).mapToLong(Connection::bytes).sum() >= 50_000;
        }, () -> "the bytes sent since, the connection still open; seen " + seen);

        assertThat(opened.sessions()).isEqualTo(1);
        assertThat(opened.bytes()).isLessThan(50_000);
        assertThat(seen).filteredOn(x -> x.serverPort() == port).as("the same session")
                .allSatisfy(x -> assertThat(x.sessions()).isZero());
        assertThat(client.isAlive()).as("still connected: the bytes came from a dump").isTrue();
        toServer.close();
    }

    @Test
    void httpIsNamedOnAWgetToAnHttpServer() throws Exception {
        TestBridge.Namespace ns = observed("web-1");
        HttpServer http = HttpServer.create(new InetSocketAddress(bridge.hostAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        servers.add(() -> http.stop(0));
        int port = http.getAddress().getPort();

        ns.run("busybox", "wget", "-q", "-O", "/dev/null", "http://" + bridge.hostAddress() + ":" + port + "/");

        Connection c = awaitConnection(x -> x.serverPort() == port, "the HTTP connection");
        assertThat(c.application()).as("%s", observer.statistics()).isEqualTo("HTTP");
        assertThat(c.sessions()).isEqualTo(1);
    }

    @Test
    void aDnsAnswerNamesTheServerOfALaterConnection() throws Exception {
        TestBridge.Namespace ns = observed("web-1");
        DatagramSocket dns = new DatagramSocket(new InetSocketAddress(bridge.hostAddress(), 53));
        servers.add(dns);
        byte[] address = InetAddress.getByName(bridge.hostAddress()).getAddress();
        Thread.ofVirtual().start(() -> serveDns(dns, address));
        int port = lineServer(new AtomicInteger());

        ns.run("busybox", "nslookup", "api.example.test", bridge.hostAddress());
        ns.run("busybox", "sh", "-c", "echo hello | busybox nc " + bridge.hostAddress() + " " + port);

        Connection c = awaitConnection(x -> x.serverPort() == port, "the connection after the answer");
        assertThat(c.fqdn()).isEqualTo("api.example.test");
        assertThat(answers).contains(new DnsAnswer("api.example.test",
                List.of(InetAddress.getByAddress(address)), 300));
        assertThat(awaitConnection(x -> x.serverPort() == 53, "the query").application()).isEqualTo("DNS");
    }

    @Test
    void betweenTwoObservedNamespacesTheClientReportsEgressAndTheServerIngress() throws Exception {
        TestBridge.Namespace client = bridge.namespace();
        TestBridge.Namespace server = bridge.namespace();
        Files.writeString(dir.resolve("index.html"), "hello");
        Process httpd = new ProcessBuilder("/usr/sbin/ip", "netns", "exec", server.name(), "busybox", "httpd", "-f",
                "-p", "7080", "-h", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("httpd.log").toFile()).start();
        servers.add(() -> {
            httpd.destroy();
            httpd.waitFor();
        });
        Patience.await(() -> {
            try {
                return server.run("busybox", "netstat", "-ltn").stdout().contains(":7080 ");
            } catch (IOException e) {
                return false;
            }
        }, () -> "busybox httpd listening in " + server.name());
        observe(client, "client-1", "", "");
        observe(server, "server-1", "", "");

        assertThat(client.run("busybox", "wget", "-q", "-O", "-", "http://" + server.address() + ":7080/index.html")
                .stdout()).isEqualTo("hello");

        Connection egress = awaitConnection(x -> x.workload().equals("client-1") && x.serverPort() == 7080,
                "the client's report");
        Connection ingress = awaitConnection(x -> x.workload().equals("server-1") && x.serverPort() == 7080,
                "the server's report");
        assertThat(egress.ingress()).isFalse();
        assertThat(ingress.ingress()).isTrue();
        for (Connection c : List.of(egress, ingress)) {
            assertThat(c.clientIp()).isEqualTo(client.address());
            assertThat(c.serverIp()).isEqualTo(server.address());
            assertThat(c.application()).isEqualTo("HTTP");
            assertThat(c.bytes()).isPositive();
        }
    }

    @Test
    void aPacketAProtectRuleDropsIsADenyWithItsRule() throws Exception {
        TestBridge.Namespace ns = observed("web-1", "",
                "tcp dport 9 limit rate 50/second log prefix \"bw-deny:42:\" group 2 drop");

        ns.run("busybox", "sh", "-c", "busybox nc -w 1 " + bridge.hostAddress() + " 9 </dev/null || true");

        Connection c = awaitConnection(x -> x.serverPort() == 9, "the denied connection");
        assertThat(c.action()).isEqualTo(Connection.DENY);
        assertThat(c.ruleId()).isEqualTo(42);
        assertThat(c.ingress()).isFalse();
        assertThat(c.sessions()).isEqualTo(1);
        assertThat(c.bytes()).isPositive();
    }

    /** The table the enforcer compiles for Protect, with an allowed port: what it drops is reported with rule 0. */
    @Test
    void aConnectionTheCompiledProtectTableDropsByDefaultIsADenyOfRuleZero() throws Exception {
        TestBridge.Namespace ns = bridge.namespace();
        var rule = new NodePolicy.NetworkRule(7, false, List.of(bridge.hostAddress() + "/32"), "tcp/8", List.of(),
                "allow");
        var table = new TableCompiler().compile(new NamespacePolicy(NamespacePolicy.Mode.PROTECT, false,
                List.of(rule), List.of()));
        ns.run("/usr/sbin/nft", "-f", Files.writeString(dir.resolve("protect.nft"), table.replacementScript(List.of()))
                .toString());
        assertThat(observer.attach(NetNamespace.at(ns.path()), "web-1", List.of(InetAddress.getByName(
                ns.address())))).isTrue();

        ns.run("busybox", "sh", "-c", "busybox nc -w 1 " + bridge.hostAddress() + " 9 </dev/null || true");

        Connection c = awaitConnection(x -> x.serverPort() == 9, "the denied connection");
        assertThat(c.action()).isEqualTo(Connection.DENY);
        assertThat(c.ruleId()).isZero();
        assertThat(c.sessions()).isEqualTo(1);
    }

    @Test
    void containersSharingANamespaceAreOneAndTheHostsIsRecognised() throws Exception {
        RuncContainer.assumeAvailable();
        TestBridge.Namespace ns = bridge.namespace();
        try (RuncContainer pause = RuncContainer.builder(Files.createDirectories(dir.resolve("a")))
                .applets("sleep").args("sleep", "60").network(ns.path()).start();
                RuncContainer app = RuncContainer.builder(Files.createDirectories(dir.resolve("b")))
                        .applets("sleep").args("sleep", "60").network(ns.path()).start();
                RuncContainer host = RuncContainer.builder(Files.createDirectories(dir.resolve("c")))
                        .applets("sleep").args("sleep", "60").hostNetwork().start()) {
            NetNamespace first = NetNamespace.ofPid(pause.pid());
            NetNamespace second = NetNamespace.ofPid(app.pid());
            assertThat(second).isEqualTo(first).isEqualTo(NetNamespace.at(ns.path()));
            assertThat(first.isHost()).isFalse();
            assertThat(NetNamespace.ofPid(host.pid()).isHost()).isTrue();
            assertThat(NetNamespace.ofPid(ProcessHandle.current().pid())).isEqualTo(NetNamespace.host());

            List<InetAddress> local = List.of(InetAddress.getByName(ns.address()));
            assertThat(observer.attach(first, "pause", local)).isTrue();
            assertThat(observer.attach(second, "app", local)).as("the pod's namespace is observed already").isFalse();
            assertThat(observer.attached()).containsExactly(first);
        }
    }

    @Test
    void aNamespaceDeletedWhileAttachedIsDetachedCleanly() throws Exception {
        TestBridge.Namespace ns = observed("web-1");
        NetNamespace namespace = NetNamespace.at(ns.path());

        new ProcessBuilder("/usr/sbin/ip", "netns", "delete", ns.name()).inheritIO().start().waitFor();

        assertThat(observer.drain()).isEmpty();
        assertThat(observer.attached()).isEmpty();
        assertThat(observer.statistics().vanished()).isEqualTo(1);
        assertThat(namespace.present()).isFalse();
        assertThatThrownBy(() -> observer.attach(namespace, "web-1", List.of()))
                .isInstanceOf(NamespaceGoneException.class);
        assertThat(observer.detach(namespace)).isFalse();
    }

    @Test
    void aBurstThatOverflowsTheEventsIsRescannedAndStillReported() throws Exception {
        observer.close();
        observer = observer(new FlowObserver.Limits(16_384, 64, 1, 65_536));
        TestBridge.Namespace ns = observed("web-1");
        AtomicInteger accepted = new AtomicInteger();
        int port = lineServer(accepted);

        Patience.await(() -> {
            try {
                ns.run("busybox", "sh", "-c", "for i in $(busybox seq 60); do (echo x | busybox nc "
                        + bridge.hostAddress() + " " + port + " >/dev/null &); done; wait");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return observer.statistics().rescans() > 0;
        }, () -> "an overflow of the events socket: " + observer.statistics());
        Patience.await(() -> {
            seen.addAll(observer.drain());
            return seen.stream().filter(x -> x.serverPort() == port).mapToLong(Connection::sessions).sum()
                    >= accepted.get();
        }, () -> accepted.get() + " connections accepted; seen " + seen);

        assertThat(seen.stream().filter(x -> x.serverPort() == port).mapToLong(Connection::sessions).sum())
                .isEqualTo(accepted.get());
        assertThat(observer.statistics().overflows()).isPositive();
    }

    /** Answers A questions with {@code address} (TTL 300), others with no record. */
    private static void serveDns(DatagramSocket socket, byte[] address) {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(query);
                int questionEnd = 12;
                while (buffer[questionEnd] != 0) {
                    questionEnd += (buffer[questionEnd] & 0xff) + 1;
                }
                questionEnd += 5;
                boolean typeA = buffer[questionEnd - 4] == 0 && buffer[questionEnd - 3] == 1;
                ByteBuffer reply = ByteBuffer.allocate(questionEnd + 16);
                reply.put(buffer, 0, 2).putShort((short) 0x8180).putShort((short) 1)
                        .putShort((short) (typeA ? 1 : 0)).putShort((short) 0).putShort((short) 0);
                reply.put(buffer, 12, questionEnd - 12);
                if (typeA) {
                    reply.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(300)
                            .putShort((short) 4).put(address);
                }
                socket.send(new DatagramPacket(reply.array(), reply.position(), query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                return;
            }
        }
    }
}
