package dev.bulwark.controller.runtime;

import com.google.protobuf.ByteString;
import dev.bulwark.link.Outbound;
import dev.bulwark.link.proto.Down;
import dev.bulwark.link.proto.PolicyPush;
import dev.bulwark.link.proto.Query;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open sessions of connected enforcers, by enforcer id: what the controller sends down (policy, queries) goes
 * through here, and a revoked enforcer's session is cut here. Sends on one session are serialised. Thread-safe.
 */
public final class AgentSessions {

    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Outbound<Down>> open = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final AtomicLong queries = new AtomicLong();

    /** Opens an enforcer's session; an older one of the same enforcer (a reconnect the old side missed) is cut. */
    void open(String id, Outbound<Down> out) {
        Outbound<Down> old = open.put(id, out);
        if (old != null && old != out) {
            old.cut(Status.ABORTED.withDescription("replaced by a newer session of the same enforcer"));
        }
    }

    /** Closes a session, unless a newer one replaced it. */
    void closed(String id, Outbound<Down> out) {
        open.remove(id, out);
    }

    public boolean connected(String id) {
        return open.containsKey(id);
    }

    /** Cuts an enforcer's session (it was revoked). */
    public void cut(String id, String why) {
        Optional.ofNullable(open.remove(id)).ifPresent(o -> o.cut(Status.PERMISSION_DENIED.withDescription(why)));
    }

    boolean pushPolicy(String id, long version, byte[] json) {
        Outbound<Down> out = open.get(id);
        return out != null && out.send(Down.newBuilder().setPolicy(PolicyPush.newBuilder().setVersion(version)
                .setJson(ByteString.copyFrom(json))).build());
    }

    /**
     * Asks an enforcer about one of its containers ({@code process}, {@code process_history}, {@code stats}); the
     * answer's JSON, or an exception when it is not connected, fails, or does not answer in ten seconds.
     */
    public CompletableFuture<byte[]> ask(String id, String kind, String workload) {
        Outbound<Down> out = open.get(id);
        if (out == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("enforcer " + id + " is not connected"));
        }
        long q = queries.incrementAndGet();
        CompletableFuture<byte[]> answer = new CompletableFuture<byte[]>()
                .orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(q, answer);
        answer.whenComplete((a, e) -> pending.remove(q));
        if (!out.send(Down.newBuilder().setQuery(Query.newBuilder().setId(q).setKind(kind).setWorkload(workload))
                .build())) {
            answer.completeExceptionally(new IllegalStateException("enforcer " + id + " went away"));
        }
        return answer;
    }

    /** An enforcer's answer to a query. */
    void answered(long query, byte[] json, String error) {
        CompletableFuture<byte[]> answer = pending.get(query);
        if (answer != null) {
            if (error.isEmpty()) {
                answer.complete(json);
            } else {
                answer.completeExceptionally(new IllegalStateException(error));
            }
        }
    }
}
