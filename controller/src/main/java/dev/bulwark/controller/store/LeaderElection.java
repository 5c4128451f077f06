package dev.bulwark.controller.store;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Leader election over any {@link ClusterStore}: the leader is whoever holds the election key, which lives with
 * the candidate's lease, so a leader that stops renewing its lease loses the office for the next candidate.
 */
public final class LeaderElection {

    private static final String PREFIX = "election/";

    private final ClusterStore store;
    private final String key;

    public LeaderElection(ClusterStore store, String name) {
        this.store = store;
        this.key = PREFIX + name;
    }

    /** Becomes leader when nobody is; true when this candidate (by id) leads after the call. */
    public boolean campaign(String candidate, long lease) {
        store.commit(Txn.builder().require(key, Txn.ABSENT)
                .put(key, candidate.getBytes(StandardCharsets.UTF_8), lease).build());
        return leader().filter(candidate::equals).isPresent();
    }

    public Optional<String> leader() {
        return store.get(key).map(KeyValue::text);
    }

    /** Steps down, if this candidate leads. */
    public void resign(String candidate) {
        store.get(key).filter(kv -> kv.text().equals(candidate)).ifPresent(kv ->
                store.commit(Txn.builder().require(key, kv.modRevision()).delete(key).build()));
    }
}
