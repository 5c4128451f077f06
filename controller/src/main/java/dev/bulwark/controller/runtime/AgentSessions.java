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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The open sessions of connected enforcers, by enforcer id: what the controller sends down (policy, queries) goes
 * through here, and a revoked enforcer's session is cut here. Sends on one session are serialised. Thread-safe.
 */
public final class AgentSessions {

    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Outbound<Down>> open = new ConcurrentHashMap<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    /** A query waiting for its answer, and the files the enforcer uploaded for it. */
    private record Pending(String enforcer, CompletableFuture<byte[]> answer, AtomicReference<String> upload) {}

    /** The answer to a {@code scan_files} query, and the attachment holding the files, when any were sent. */
    public record Files(byte[] answer, Optional<String> attachment) {}
    private final AtomicLong queries = new AtomicLong();
    private final Attachments attachments;

    /** @param attachments where uploads for queries go; one whose query fails is deleted */
    public AgentSessions(Attachments attachments) {
        this.attachments = attachments;
    }

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
        return send(id, kind, workload, QUERY_TIMEOUT).answer();
    }

    /**
     * Asks an enforcer for the files a scanner needs of one of its containers ({@code workload}), or of its host
     * (empty); the files come as an upload before the answer, which says what was collected and skipped.
     */
    public CompletableFuture<Files> askFiles(String id, String workload, Duration timeout) {
        Pending p = send(id, "scan_files", workload, timeout);
        p.answer().whenComplete((json, failure) -> {
            if (failure != null && p.upload().get() != null) {
                attachments.delete(p.upload().get());
            }
        });
        return p.answer().thenApply(json -> new Files(json, Optional.ofNullable(p.upload().get())));
    }

    private Pending send(String id, String kind, String workload, Duration timeout) {
        Pending p = new Pending(id, new CompletableFuture<byte[]>().orTimeout(timeout.toMillis(),
                TimeUnit.MILLISECONDS), new AtomicReference<>());
        Outbound<Down> out = open.get(id);
        if (out == null) {
            p.answer().completeExceptionally(new IllegalStateException("enforcer " + id + " is not connected"));
            return p;
        }
        long q = queries.incrementAndGet();
        pending.put(q, p);
        p.answer().whenComplete((a, e) -> pending.remove(q));
        if (!out.send(Down.newBuilder().setQuery(Query.newBuilder().setId(q).setKind(kind).setWorkload(workload))
                .build())) {
            p.answer().completeExceptionally(new IllegalStateException("enforcer " + id + " went away"));
        }
        return p;
    }

    /** Whether {@code query} was asked of this enforcer and waits for its answer: an upload for it is taken. */
    boolean awaits(String enforcer, long query) {
        Pending p = pending.get(query);
        return p != null && p.enforcer().equals(enforcer);
    }

    /** The files an enforcer uploaded for its query; false when the query is not waiting for them. */
    boolean uploaded(String enforcer, long query, String attachment) {
        Pending p = pending.get(query);
        return p != null && p.enforcer().equals(enforcer) && p.upload().compareAndSet(null, attachment);
    }

    /** An enforcer's answer to a query it was asked; one to another enforcer's query is dropped. */
    void answered(String enforcer, long query, byte[] json, String error) {
        Pending p = pending.get(query);
        if (p != null && p.enforcer().equals(enforcer)) {
            if (error.isEmpty()) {
                p.answer().complete(json);
            } else {
                p.answer().completeExceptionally(new IllegalStateException(error));
            }
        }
    }
}
