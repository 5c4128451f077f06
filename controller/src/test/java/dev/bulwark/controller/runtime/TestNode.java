package dev.bulwark.controller.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.bulwark.controller.ControllerFixture;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.link.JoinToken;
import dev.bulwark.link.LinkTls;
import dev.bulwark.link.Pem;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.NodePolicy;
import dev.bulwark.link.model.ProcessEntry;
import dev.bulwark.link.model.Workload;
import dev.bulwark.link.proto.AgentLinkGrpc;
import dev.bulwark.link.proto.Answer;
import dev.bulwark.link.proto.Batch;
import dev.bulwark.link.proto.Down;
import dev.bulwark.link.proto.EnrollmentGrpc;
import dev.bulwark.link.proto.Hello;
import dev.bulwark.link.proto.JoinReply;
import dev.bulwark.link.proto.JoinRequest;
import dev.bulwark.link.proto.Up;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A node as the controller meets one: a real client of the link, not a mock. It joins with a token made through
 * {@code POST /v1/enforcer/join_token} (an EC P-256 key, {@code Enrollment.Join} over TLS pinned by the token),
 * connects {@code AgentLink} with the certificate it was given, says hello with its host, reports containers in
 * batches and waits for their acknowledgements, keeps the policy the controller pushes, and answers the
 * controller's process queries from what the test gave it. Every wait is on the condition, bounded by
 * {@link Patience#HANG}.
 */
public final class TestNode implements AutoCloseable {

    private static final ObjectMapper JSON = Json.compactSnakeCase();

    private final String node;
    private final int port;
    private final KeyPair key;
    private final X509Certificate certificate;
    private final X509Certificate ca;
    private final String id;
    private final List<Down> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<ProcessEntry>> answers = new ConcurrentHashMap<>();
    private ManagedChannel channel;
    private StreamObserver<Up> up;
    private final Object sending = new Object();
    private final java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
    private volatile Status ended;
    private volatile Object current;

    private TestNode(String node, int port, KeyPair key, JoinReply joined) throws GeneralSecurityException {
        this.node = node;
        this.port = port;
        this.key = key;
        this.certificate = Pem.certificate(joined.getCertificate().toByteArray());
        this.ca = Pem.certificate(joined.getCaCertificate().toByteArray());
        this.id = joined.getEnforcerId();
    }

    /** Makes a join token as {@code admin} through the REST API; the token's text. */
    public static String joinToken(ControllerFixture c, String admin) {
        ControllerFixture.Reply r = c.as(admin, "POST", "/v1/enforcer/join_token", "{\"duration\": 600}");
        if (r.status() != 200) {
            throw new AssertionError("join token: " + r.text());
        }
        return r.at("/token").asText();
    }

    /** Joins node {@code node} with a new token, connects and says hello; returns once welcomed. */
    public static TestNode join(ControllerFixture c, String admin, String node) throws Exception {
        KeyPair key = newKey();
        TestNode n = new TestNode(node, c.controller().linkPort(), key, enroll(c.controller().linkPort(),
                joinToken(c, admin), node, key));
        n.connect();
        return n;
    }

    /** A new EC P-256 key pair, as an enforcer makes one for itself. */
    public static KeyPair newKey() {
        return dev.bulwark.link.Identity.newKey();
    }

    /** Calls {@code Enrollment.Join} with a token over TLS that trusts only the CA the token pins. */
    public static JoinReply enroll(int port, String token, String node, KeyPair key) {
        ManagedChannel joining = channel(port, LinkTls.joining(JoinToken.parse(token).caPin()));
        try {
            return EnrollmentGrpc.newBlockingStub(joining).withDeadlineAfter(Patience.HANG.toSeconds(),
                    TimeUnit.SECONDS).join(JoinRequest.newBuilder().setToken(token).setNode(node)
                    .setPublicKey(ByteString.copyFrom(key.getPublic().getEncoded())).build());
        } finally {
            joining.shutdownNow();
        }
    }

    /** The status a join with this token is refused with (OK when it is not refused). */
    public static Status refusal(int port, String token, String node) throws GeneralSecurityException {
        try {
            enroll(port, token, node, newKey());
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    private static ManagedChannel channel(int port, SslContext tls) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).overrideAuthority(LinkTls.AUTHORITY)
                .sslContext(tls).build();
    }

    /**
     * Opens a session with this node's certificate and says hello; returns once welcomed, or once the controller
     * ended the stream (see {@link #ended()}).
     */
    public void connect() throws InterruptedException {
        current = null; // what the stream of an earlier session says from now on is not about the next one
        close();
        received.clear();
        ended = null;
        channel = channel(port, LinkTls.client(key.getPrivate(), certificate, ca));
        Object session = new Object();
        current = session;
        up = AgentLinkGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(Down down) {
                if (current == session) {
                    received.add(down);
                    if (down.hasQuery()) {
                        answer(down.getQuery());
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                if (current == session) {
                    ended = Status.fromThrowable(t);
                }
            }

            @Override
            public void onCompleted() {
                if (current == session) {
                    ended = Status.OK;
                }
            }
        });
        send(Up.newBuilder().setHello(Hello.newBuilder().setVersion("test-1.0").setStartedAt(1_700_000_000L)
                .setHost(json(host()))).build());
        Patience.await(() -> ended != null || received.stream().anyMatch(Down::hasWelcome),
                () -> "welcome of " + node + ": " + received);
    }

    /** The host this node says it runs on: id {@code <node>:machine-1}. */
    public Host host() {
        return new Host(hostId(), node, "Debian GNU/Linux 12", "6.1.0", "", 4, 8L << 30, "containerd", "1.7.0", 2,
                Map.of("eth0", List.of(new Host.IpAddress("10.0.0.7", 24, "10.0.0.1"))), Map.of("zone", "a"));
    }

    public String hostId() {
        return node + ":machine-1";
    }

    public String id() {
        return id;
    }

    public String node() {
        return node;
    }

    /** Sends a batch of containers seen (a full snapshot when {@code full}) and waits for its acknowledgement. */
    public void report(boolean full, Workload... workloads) throws InterruptedException {
        report(full, List.of(workloads), List.of(), List.of());
    }

    /** Reports containers stopped and waits for the acknowledgement. */
    public void stop(String... ids) throws InterruptedException {
        report(false, List.of(), List.of(ids), List.of());
    }

    /** Sends incidents (NeuVector's incident fields) and waits for the acknowledgement. */
    public void incidents(Map<?, ?>... incidents) throws InterruptedException {
        report(false, List.of(), List.of(), List.of(incidents));
    }

    /** Sends the connections seen (NeuVector's connection report) and waits for the acknowledgement. */
    public void connections(Connection... connections) throws InterruptedException {
        long n = seq.incrementAndGet();
        Batch.Builder b = Batch.newBuilder().setSeq(n);
        for (Connection c : connections) {
            b.addConnections(json(c));
        }
        sendAndAwait(b, n);
    }

    private void report(boolean full, List<Workload> workloads, List<String> stopped, List<Map<?, ?>> incidents)
            throws InterruptedException {
        long n = seq.incrementAndGet();
        Batch.Builder b = Batch.newBuilder().setSeq(n).setFull(full).addAllStopped(stopped);
        workloads.forEach(w -> b.addWorkloads(json(w)));
        incidents.forEach(i -> b.addIncidents(json(i)));
        sendAndAwait(b, n);
    }

    private void sendAndAwait(Batch.Builder b, long n) throws InterruptedException {
        send(Up.newBuilder().setBatch(b).build());
        Patience.await(() -> ended != null || received.stream().anyMatch(d -> d.hasBatchAck()
                && d.getBatchAck().getSeq() == n), () -> "ack of batch " + n + " of " + node);
        if (ended != null) {
            throw new AssertionError("the session of " + node + " ended: " + ended);
        }
    }

    /** Sends bytes the controller cannot read as a container; the controller should cut the session. */
    public void sendMalformedWorkload() {
        send(Up.newBuilder().setBatch(Batch.newBuilder().setSeq(seq.incrementAndGet())
                .addWorkloads(ByteString.copyFromUtf8("{\"id\": [1, 2]"))).build());
    }

    /** Sends any message, as a faulty or hostile enforcer would. */
    public void sendRaw(Up message) {
        send(message);
    }

    /** Waits for the acknowledgement of batch {@code n}, or the end of the session. */
    public boolean awaitAck(long n) throws InterruptedException {
        Patience.await(() -> ended != null || received.stream().anyMatch(d -> d.hasBatchAck()
                && d.getBatchAck().getSeq() == n), () -> "ack of batch " + n + " of " + node);
        return ended == null;
    }

    /** The last batch the controller said it applied when it welcomed this session. */
    public long welcomedAt() {
        return received.stream().filter(Down::hasWelcome).mapToLong(d -> d.getWelcome().getAppliedSeq())
                .reduce((a, b) -> b).orElse(-1);
    }

    /** Answers {@code kind} queries ({@code process}, {@code process_history}) about a container with these. */
    public void answer(String kind, String workload, List<ProcessEntry> processes) {
        answers.put(kind + "/" + workload, List.copyOf(processes));
    }

    private void answer(dev.bulwark.link.proto.Query q) {
        List<ProcessEntry> found = answers.get(q.getKind() + "/" + q.getWorkload());
        Answer.Builder a = Answer.newBuilder().setQuery(q.getId());
        if (found == null) {
            a.setError("no such container: " + q.getWorkload());
        } else {
            a.setJson(json(found));
        }
        send(Up.newBuilder().setAnswer(a).build());
    }

    /** Waits for a pushed policy that satisfies the condition, and acknowledges it. */
    public NodePolicy awaitPolicy(Predicate<NodePolicy> wanted) throws InterruptedException {
        NodePolicy[] found = new NodePolicy[1];
        Patience.await(() -> {
            for (Down d : received) {
                if (d.hasPolicy()) {
                    NodePolicy p = decode(d.getPolicy().getJson().toByteArray());
                    if (wanted.test(p)) {
                        found[0] = p;
                        return true;
                    }
                }
            }
            return false;
        }, () -> "a policy pushed to " + node + " as wanted; pushed: " + policies());
        return found[0];
    }

    /** Every policy pushed to this node so far, oldest first. */
    public List<NodePolicy> policies() {
        List<NodePolicy> out = new ArrayList<>();
        received.stream().filter(Down::hasPolicy).forEach(d -> out.add(decode(d.getPolicy().getJson()
                .toByteArray())));
        return out;
    }

    /** The mode pushed for a group in a policy, if the policy holds the group. */
    public static Optional<String> mode(NodePolicy p, String group) {
        return p.groups().stream().filter(g -> g.name().equals(group)).map(NodePolicy.Group::mode).findFirst();
    }

    /** Waits until the controller ends this node's session; the status it ended it with. */
    public Status awaitEnd() throws InterruptedException {
        Patience.await(() -> ended != null, () -> "the end of the session of " + node);
        return ended;
    }

    /** How the controller ended the session: null while it is open. */
    public Status ended() {
        return ended;
    }

    private void send(Up message) {
        synchronized (sending) {
            if (ended == null) {
                up.onNext(message);
            }
        }
    }

    private static ByteString json(Object value) {
        try {
            return ByteString.copyFrom(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NodePolicy decode(byte[] json) {
        try {
            return JSON.readValue(json, NodePolicy.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A container of this node: running, or {@code exit}. */
    public static Workload workload(String id, String name, String domain, String service, boolean running) {
        String group = "nv." + service + (domain.isEmpty() ? "" : "." + domain);
        return new Workload(id, name, name, name + "-pod", domain, "registry.local/" + service + ":1", "sha256:"
                + id, service, group, "", Map.of("app", service), running ? "running" : "exit",
                "2026-01-01T10:00:00Z", "2026-01-01T10:00:01Z", running ? "" : "2026-01-01T11:00:00Z",
                running ? 0 : 137, false, true, "default",
                Map.of("eth0", List.of(new Host.IpAddress("10.1.0." + (id.hashCode() & 0x7f), 16, ""))),
                List.of(new Workload.Port(6, 8080, "0.0.0.0", 30080)), 256L << 20, "0.5", "");
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
    }
}
