package dev.bulwark.controller.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The store every controller keeps its configuration in: keys with values and revisions, compare-and-swap
 * transactions, watches by prefix, leases and leader election. A committed transaction is durable before its
 * call returns. The embedded implementation serves one controller; the etcd one, several.
 */
public interface ClusterStore extends AutoCloseable {

    Optional<KeyValue> get(String key);

    /** Every key with the prefix, sorted by key. */
    List<KeyValue> list(String prefix);

    /** The current store revision: the revision of the latest committed transaction. */
    long revision();

    /**
     * Applies a transaction when all its conditions hold, durably.
     *
     * @return the new store revision, or empty when a condition failed and nothing changed
     * @throws StoreException when the store cannot write
     */
    OptionalLong commit(Txn txn);

    /**
     * Calls the listener with every change under the prefix committed after {@code afterRevision}, in order, on a
     * thread of the watch's own. The changes of one transaction (one revision) arrive together in one call, so a
     * listener never sees half a transaction. Changes older than the store's retained history are not replayed: the listener
     * gets them only from the revision it may start at, which {@link Watch#startRevision()} tells.
     */
    Watch watch(String prefix, long afterRevision, Consumer<List<WatchEvent>> listener);

    /** A lease that ends {@code ttl} after its last keep-alive; its keys are deleted when it ends. */
    long grantLease(Duration ttl);

    /** Extends a lease; false when it already ended. */
    boolean keepAlive(long lease);

    /** Ends a lease now, deleting its keys. */
    void revokeLease(long lease);

    @Override
    void close();

    /** A registered watch; closing it stops its deliveries. */
    interface Watch extends AutoCloseable {
        long startRevision();

        @Override
        void close();
    }

    /** Puts unconditionally; the new revision. */
    default long put(String key, String value) {
        return commit(Txn.builder().put(key, value).build()).orElseThrow();
    }

    /** Deletes unconditionally. */
    default void delete(String key) {
        commit(Txn.builder().delete(key).build());
    }
}
