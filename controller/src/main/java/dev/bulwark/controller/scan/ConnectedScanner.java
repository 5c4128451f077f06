package dev.bulwark.controller.scan;

import dev.bulwark.link.Outbound;
import dev.bulwark.link.proto.CacheQuery;
import dev.bulwark.link.proto.CacheStats;
import dev.bulwark.link.proto.Database;
import dev.bulwark.link.proto.ScannerDown;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scanner with a session open: what it said of itself, and its credit, the jobs it may still take. The credit
 * is taken with a compare-and-swap, as NeuVector takes it in its store, and given back when a job ends.
 */
public final class ConnectedScanner {

    private final String id;
    private final String node;
    private final Optional<InetSocketAddress> address;
    private final String version;
    private final int maxTasks;
    private final Instant joinedAt;
    private final Outbound<ScannerDown> out;
    private final AtomicInteger credit;
    private final AtomicLong scanned = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();
    private final Map<Long, CompletableFuture<CacheStats>> cacheQueries = new ConcurrentHashMap<>();
    private volatile Database database;

    ConnectedScanner(String id, String node, Optional<InetSocketAddress> address, String version, int maxTasks, Instant joinedAt,
            Database database, Outbound<ScannerDown> out) {
        this.id = id;
        this.node = node;
        this.address = address;
        this.version = version;
        this.maxTasks = maxTasks;
        this.joinedAt = joinedAt;
        this.database = database;
        this.out = out;
        this.credit = new AtomicInteger(maxTasks);
    }

    /** Takes one credit; false when none is left, or another taker won. */
    boolean acquire() {
        int c = credit.get();
        return c > 0 && credit.compareAndSet(c, c - 1);
    }

    void release() {
        credit.updateAndGet(c -> Math.min(maxTasks, c + 1));
    }

    int credit() {
        return credit.get();
    }

    boolean send(ScannerDown message) {
        return out.send(message);
    }

    /**
     * Asks the scanner for its layer cache's records and counters; the answer, or a failure when the scanner cannot
     * be asked, its session ends first, or it does not answer within {@code timeout}.
     */
    CompletableFuture<CacheStats> cacheStats(Duration timeout) {
        long query = queries.incrementAndGet();
        CompletableFuture<CacheStats> answer = new CompletableFuture<CacheStats>()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        cacheQueries.put(query, answer);
        answer.whenComplete((_, _) -> cacheQueries.remove(query));
        if (!send(ScannerDown.newBuilder().setCacheQuery(CacheQuery.newBuilder().setId(query)).build())) {
            answer.completeExceptionally(new IllegalStateException("its session is closing"));
        }
        return answer;
    }

    /** The scanner's answer to a cache query; one to no query asked is dropped. */
    void cacheAnswered(CacheStats stats) {
        CompletableFuture<CacheStats> answer = cacheQueries.get(stats.getQuery());
        if (answer != null) {
            answer.complete(stats);
        }
    }

    /** Its session ended: queries waiting for it fail now. */
    void ended() {
        cacheQueries.values().forEach(q -> q.completeExceptionally(new IllegalStateException("it disconnected")));
    }

    void scannedOne() {
        scanned.incrementAndGet();
    }

    public long scanned() {
        return scanned.get();
    }

    void database(Database database) {
        this.database = database;
    }

    public Database database() {
        return database;
    }

    public String id() {
        return id;
    }

    String node() {
        return node;
    }

    Optional<InetSocketAddress> address() {
        return address;
    }

    String version() {
        return version;
    }

    public int maxTasks() {
        return maxTasks;
    }

    Instant joinedAt() {
        return joinedAt;
    }
}
