package dev.bulwark.controller.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * A decoded copy of every key under a prefix, kept current by a watch, so that reads cost neither a store call
 * nor JSON parsing. {@link #await} gives read-your-writes: a writer waits until the cache has applied its commit.
 * Thread-safe.
 */
public final class WatchCache<T> implements AutoCloseable {

    private final String prefix;
    private final ConcurrentSkipListMap<String, T> entries = new ConcurrentSkipListMap<>();
    private final Function<KeyValue, T> decode;
    private final ClusterStore.Watch watch;
    private volatile long applied;

    public WatchCache(ClusterStore store, String prefix, Function<KeyValue, T> decode) {
        this.prefix = prefix;
        this.decode = decode;
        long revision;
        synchronized (this) {
            revision = store.revision();
            for (KeyValue kv : store.list(prefix)) {
                entries.put(kv.key(), decode.apply(kv));
            }
            applied = revision;
        }
        this.watch = store.watch(prefix, revision, this::apply);
    }

    /** Applies one transaction's changes; {@link #applied} moves only once all of them are in. */
    private synchronized void apply(List<WatchEvent> transaction) {
        for (WatchEvent e : transaction) {
            if (e.type() == WatchEvent.Type.PUT) {
                entries.put(e.entry().key(), decode.apply(e.entry()));
            } else {
                entries.remove(e.entry().key());
            }
            applied = Math.max(applied, e.revision());
        }
        notifyAll();
    }

    /** Waits (up to five seconds) until changes up to the revision are visible. */
    public synchronized void await(long revision) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (applied < revision) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StoreException("the cache did not catch up with revision " + revision);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the cache");
            }
        }
    }

    /**
     * Whether a transaction changes keys this cache holds, so that {@link #await} will see its revision. A delete
     * of keys the cache does not hold changes nothing and brings no watch event (a restore that empties an already
     * empty kind), so it does not count.
     */
    public boolean covers(Txn txn) {
        return txn.ops().stream().anyMatch(op -> switch (op) {
            case Txn.Put put -> put.key().startsWith(prefix);
            case Txn.Delete d -> entries.containsKey(d.key());
            case Txn.DeletePrefix d -> entries.keySet().stream().anyMatch(k -> k.startsWith(d.key()));
        });
    }

    /** Whether a key is one this cache holds a copy of. */
    public boolean holds(String key) {
        return key.startsWith(prefix);
    }

    /** The latest store revision this cache has applied; it grows with every change under the prefix. */
    public long applied() {
        return applied;
    }

    public Optional<T> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** All values, in key order. */
    public List<T> values() {
        return List.copyOf(entries.values());
    }

    @Override
    public void close() {
        watch.close();
    }
}
