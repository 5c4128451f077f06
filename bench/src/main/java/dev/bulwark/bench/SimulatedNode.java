package dev.bulwark.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.Channels;
import dev.bulwark.link.Identity;
import dev.bulwark.link.JoinToken;
import dev.bulwark.link.Role;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.NodePolicy;
import dev.bulwark.link.model.Workload;
import dev.bulwark.link.proto.AgentLinkGrpc;
import dev.bulwark.link.proto.Answer;
import dev.bulwark.link.proto.Batch;
import dev.bulwark.link.proto.Down;
import dev.bulwark.link.proto.Hello;
import dev.bulwark.link.proto.PolicyAck;
import dev.bulwark.link.proto.PolicyPush;
import dev.bulwark.link.proto.Up;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One simulated enforcer on the real link, speaking as {@code ControllerLink} does: it joins with a token (a key
 * of its own, a certificate the controller signs), connects with that certificate, says hello, sends a full
 * snapshot of its containers once welcomed, and acknowledges every policy push, keeping the highest version and
 * each group's mode it was sent. It reports nothing else: no incidents, no learned rules, no process answers.
 */
final class SimulatedNode implements StreamObserver<Down>, AutoCloseable {

    private static final ObjectMapper JSON = Json.compactSnakeCase();

    private final Host host;
    private final List<Workload> workloads;
    private final Consumer<SimulatedNode> afterPolicy;
    private final ManagedChannel channel;
    private final CountDownLatch welcomed = new CountDownLatch(1);
    private final CountDownLatch snapshotAcked = new CountDownLatch(1);
    private final AtomicInteger pushes = new AtomicInteger();
    private final StreamObserver<Up> up;
    private volatile long policyVersion;
    private volatile Map<String, String> modes = Map.of();
    private volatile Throwable ended;

    /**
     * Joins the controller at {@code address} and opens the session; returns once hello is sent.
     *
     * @param afterPolicy called after each push is acknowledged, on a gRPC thread
     */
    static SimulatedNode join(String address, JoinToken token, Host host, List<Workload> workloads,
            Consumer<SimulatedNode> afterPolicy) {
        Identity identity = Identity.join(address, token, host.name(), Role.ENFORCER);
        return new SimulatedNode(Channels.to(address, identity.tls()), host, workloads, afterPolicy);
    }

    private SimulatedNode(ManagedChannel channel, Host host, List<Workload> workloads,
            Consumer<SimulatedNode> afterPolicy) {
        this.channel = channel;
        this.host = host;
        this.workloads = workloads;
        this.afterPolicy = afterPolicy;
        up = AgentLinkGrpc.newStub(channel).connect(this);
        send(Up.newBuilder().setHello(Hello.newBuilder().setVersion("bench").setStartedAt(Instant.now()
                .getEpochSecond()).setHost(json(host))).build());
    }

    /** gRPC's outbound stream is not thread-safe; hello goes from the joining thread, the rest from callbacks. */
    private synchronized void send(Up message) {
        up.onNext(message);
    }

    @Override
    public void onNext(Down down) {
        switch (down.getBodyCase()) {
            case WELCOME -> {
                Batch.Builder snapshot = Batch.newBuilder().setFull(true);
                workloads.forEach(w -> snapshot.addWorkloads(json(w)));
                send(Up.newBuilder().setBatch(snapshot).build());
                welcomed.countDown();
            }
            case BATCH_ACK -> snapshotAcked.countDown();
            case POLICY -> policy(down.getPolicy());
            case QUERY -> send(Up.newBuilder().setAnswer(Answer.newBuilder().setQuery(down.getQuery().getId())
                    .setError("a simulated enforcer has no processes")).build());
            default -> { }
        }
    }

    private void policy(PolicyPush push) {
        NodePolicy policy;
        try {
            policy = JSON.readValue(push.getJson().toByteArray(), NodePolicy.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the controller pushed a policy that does not decode", e);
        }
        Map<String, String> pushed = new HashMap<>();
        policy.groups().forEach(g -> pushed.put(g.name(), g.mode()));
        modes = pushed;
        policyVersion = Math.max(policyVersion, push.getVersion());
        pushes.incrementAndGet();
        send(Up.newBuilder().setPolicyAck(PolicyAck.newBuilder().setVersion(push.getVersion())).build());
        afterPolicy.accept(this);
    }

    private static ByteString json(Object value) {
        try {
            return ByteString.copyFrom(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    String name() {
        return host.name();
    }

    /** The mode of a group in the last policy pushed, or {@code null} when it named no such group. */
    String mode(String group) {
        return modes.get(group);
    }

    Map<String, String> modes() {
        return modes;
    }

    long policyVersion() {
        return policyVersion;
    }

    int pushes() {
        return pushes.get();
    }

    boolean welcomed() {
        return welcomed.getCount() == 0;
    }

    boolean snapshotAcked() {
        return snapshotAcked.getCount() == 0;
    }

    /** Why the session ended, if it did (it should not). */
    Optional<String> ended() {
        return Optional.ofNullable(ended).map(Throwable::toString);
    }

    @Override
    public void onError(Throwable t) {
        ended = t;
    }

    @Override
    public void onCompleted() {
        ended = new IllegalStateException("the controller completed the session");
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
