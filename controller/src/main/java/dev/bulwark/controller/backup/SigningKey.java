package dev.bulwark.controller.backup;

import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.store.Txn;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The cluster's key for signing backups: 32 random bytes, made on first use and kept in the store under a key no
 * backup section holds, so that no backup carries it.
 */
final class SigningKey {

    static final String KEY = "secret/backup-signing-key";

    private final ClusterStore store;

    SigningKey(ClusterStore store) {
        this.store = store;
    }

    byte[] get() {
        Optional<byte[]> kept = store.get(KEY).map(kv -> kv.value());
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        store.commit(Txn.builder().require(KEY, Txn.ABSENT).put(KEY, key).build());
        return store.get(KEY).orElseThrow().value(); // another request may have made it first
    }
}
