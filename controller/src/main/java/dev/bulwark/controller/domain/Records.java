package dev.bulwark.controller.domain;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.store.KeyValue;
import dev.bulwark.controller.store.Txn;
import dev.bulwark.controller.store.WatchCache;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Typed records in the store: every read decodes as the kind's type, and every change of an existing record is a
 * compare-and-swap against the revision it was read at, so two concurrent changes never lose one another: the
 * later one fails with 409 and changes nothing. Commits return once every cache made here shows them, so a caller
 * reads its own write.
 */
public final class Records implements AutoCloseable {

    /** The revision {@link Change#require} takes for a record that must not exist. */
    public static final long ABSENT = Txn.ABSENT;

    private final ClusterStore store;
    private final List<WatchCache<?>> caches = new CopyOnWriteArrayList<>();

    public Records(ClusterStore store) {
        this.store = store;
    }

    /** A watch-fed copy of a kind's records, which every commit made here waits for. */
    public <T> WatchCache<T> cache(Kind<T> kind) {
        return cache(kind, Versioned::value);
    }

    /** A watch-fed cache of a view of each record (with its revision), which every commit made here waits for. */
    public <T, R> WatchCache<R> cache(Kind<T> kind, Function<Versioned<T>, R> view) {
        String prefix = kind.singleton().isPresent() ? kind.key() : kind.prefix();
        WatchCache<R> cache = new WatchCache<>(store, prefix, kv -> view.apply(versioned(kind, kv)));
        caches.add(cache);
        return cache;
    }

    /**
     * Calls {@code changed} after every committed change of a kind's records, on the watch's thread, once the
     * caches that hold the changed records show the change: a listener that reads through them (as every reader
     * here does) never reads what was there before.
     */
    public ClusterStore.Watch watch(Kind<?> kind, Runnable changed) {
        return store.watch(kind.singleton().isPresent() ? kind.key() : kind.prefix(), store.revision(), events -> {
            long revision = events.getLast().revision();
            caches.stream().filter(c -> events.stream().anyMatch(e -> c.holds(e.entry().key())))
                    .forEach(c -> c.await(revision));
            changed.run();
        });
    }

    public <T> Optional<T> find(Kind<T> kind, String id) {
        return read(kind, id).map(Versioned::value);
    }

    public <T> Optional<T> find(Kind<T> kind) {
        return find(kind, kind.id());
    }

    /** The record stored under a key of the kind (a restored backup names its records by key). */
    public <T> Optional<T> findByKey(Kind<T> kind, String key) {
        return kind.holds(key) ? store.get(key).map(kv -> Codec.decode(kv, kind.type())) : Optional.empty();
    }

    /** The record, or 404 naming the kind. */
    public <T> T get(Kind<T> kind, String id) {
        return find(kind, id).orElseThrow(() -> ApiException.notFound(kind.noun()));
    }

    public <T> Optional<Versioned<T>> read(Kind<T> kind, String id) {
        return store.get(kind.key(id)).map(kv -> versioned(kind, kv));
    }

    /** Every record of the kind, by id. */
    public <T> List<T> list(Kind<T> kind) {
        List<T> out = new ArrayList<>();
        for (KeyValue kv : store.list(kind.prefix())) {
            out.add(Codec.decode(kv, kind.type()));
        }
        return out;
    }

    /** Every record of the kind by its id, in id order. */
    public <T> Map<String, T> byId(Kind<T> kind) {
        Map<String, T> out = new LinkedHashMap<>();
        for (KeyValue kv : store.list(kind.prefix())) {
            out.put(URLDecoder.decode(kv.key().substring(kind.prefix().length()), StandardCharsets.UTF_8),
                    Codec.decode(kv, kind.type()));
        }
        return out;
    }

    /** Adds a record that must not exist yet; 409 when it does. */
    public <T> void create(Kind<T> kind, String id, T value) {
        if (!seed(kind, id, value)) {
            throw ApiException.duplicate(kind.noun());
        }
    }

    /** Adds a record unless one exists; whether it was added. */
    public <T> boolean seed(Kind<T> kind, String id, T value) {
        return tryCommit(new Change().require(kind, id, Txn.ABSENT).put(kind, id, value));
    }

    /** Changes an existing record: 404 when there is none, 409 when it changed since it was read. */
    public <T> T update(Kind<T> kind, String id, UnaryOperator<T> change) {
        Versioned<T> current = load(kind, id);
        T updated = change.apply(current.value());
        replace(kind, id, current, updated);
        return updated;
    }

    /** The record with its revision, or 404 naming the kind. */
    public <T> Versioned<T> load(Kind<T> kind, String id) {
        return read(kind, id).orElseThrow(() -> ApiException.notFound(kind.noun()));
    }

    /** Replaces a record loaded earlier; 409 when it changed since. */
    public <T> void replace(Kind<T> kind, String id, Versioned<T> loaded, T updated) {
        commit(new Change().require(kind, id, loaded.revision()).put(kind, id, updated), kind);
    }

    /** Sets a record from what is stored, if anything: 409 when it changed (or appeared) since it was read. */
    public <T> T upsert(Kind<T> kind, String id, Function<Optional<T>, T> change) {
        Optional<Versioned<T>> current = read(kind, id);
        T updated = change.apply(current.map(Versioned::value));
        commit(new Change().require(kind, id, current.map(Versioned::revision).orElse(Txn.ABSENT))
                .put(kind, id, updated), kind);
        return updated;
    }

    public <T> T upsert(Kind<T> kind, Function<Optional<T>, T> change) {
        return upsert(kind, kind.id(), change);
    }

    /** Sets a record whatever is stored: for records only their owner writes (a session, a login time). */
    public <T> void put(Kind<T> kind, String id, T value) {
        commit(new Change().put(kind, id, value), kind);
    }

    /** Deletes an existing record: 404 when there is none, 409 when it changed since it was read. */
    public <T> void delete(Kind<T> kind, String id) {
        delete(kind, id, load(kind, id));
    }

    /** Deletes a record loaded earlier; 409 when it changed since. */
    public <T> void delete(Kind<T> kind, String id, Versioned<T> loaded) {
        commit(new Change().require(kind, id, loaded.revision()).delete(kind, id), kind);
    }

    /** Deletes a record if there is one. */
    public void remove(Kind<?> kind, String id) {
        commit(new Change().delete(kind, id), kind);
    }

    /** Commits a change of several records at once; 409 naming the kind when a condition failed. */
    public void commit(Change change, Kind<?> changed) {
        if (!tryCommit(change)) {
            throw new ApiException(409, ApiError.FAIL_WRITE_CLUSTER, "The %s changed meanwhile; retry"
                    .formatted(changed.noun().toLowerCase(Locale.ROOT)));
        }
    }

    /** Commits when every condition holds, and waits until the caches show it; whether it did. */
    public boolean tryCommit(Change change) {
        Txn txn = change.txn.build();
        var revision = store.commit(txn);
        revision.ifPresent(r -> caches.stream().filter(c -> c.covers(txn)).forEach(c -> c.await(r)));
        return revision.isPresent();
    }

    /** The stored bytes of every record of the kind, by key: for backups, which keep records as they are. */
    public List<KeyValue> raw(Kind<?> kind) {
        return kind.singleton().isPresent() ? store.get(kind.key()).stream().toList() : store.list(kind.prefix());
    }

    private static <T> Versioned<T> versioned(Kind<T> kind, KeyValue kv) {
        return new Versioned<>(Codec.decode(kv, kind.type()), kv.modRevision());
    }

    @Override
    public void close() {
        caches.forEach(WatchCache::close);
    }

    /** Conditions and operations on records of any kinds, applied all together or not at all. */
    public static final class Change {
        private final Txn.Builder txn = Txn.builder();

        /** The record must be at this revision ({@link Records#ABSENT}: must not exist). */
        public Change require(Kind<?> kind, String id, long revision) {
            txn.require(kind.key(id), revision);
            return this;
        }

        public <T> Change put(Kind<T> kind, String id, T value) {
            txn.put(kind.key(id), Codec.encode(value));
            return this;
        }

        public Change delete(Kind<?> kind, String id) {
            txn.delete(kind.key(id));
            return this;
        }

        /** Deletes every record of the kind. */
        public Change deleteAll(Kind<?> kind) {
            if (kind.singleton().isPresent()) {
                txn.delete(kind.key());
            } else {
                txn.deletePrefix(kind.prefix());
            }
            return this;
        }

        /** Puts a record's stored bytes as they are, under its key (a restored backup's). */
        public Change putStored(String key, byte[] value) {
            txn.put(key, value);
            return this;
        }
    }
}
