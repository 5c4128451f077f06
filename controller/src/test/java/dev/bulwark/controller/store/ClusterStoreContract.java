package dev.bulwark.controller.store;

import dev.bulwark.core.testing.Patience;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClusterStore} must do; the embedded store runs it now and the etcd store will run the same.
 * Implementations give a fresh, empty store per test.
 */
public abstract class ClusterStoreContract {

    protected ClusterStore store;

    protected abstract ClusterStore openEmpty();

    @BeforeEach
    void open() {
        store = openEmpty();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void putGetAndListByPrefixSorted() {
        long r1 = store.put("object/group/b", "B");
        long r2 = store.put("object/group/a", "A");
        store.put("object/groupx", "X");
        assertThat(r2).isGreaterThan(r1);
        assertThat(store.revision()).isEqualTo(r2 + 1);
        assertThat(store.get("object/group/a")).get().extracting(KeyValue::text).isEqualTo("A");
        assertThat(store.list("object/group/")).extracting(KeyValue::key)
                .containsExactly("object/group/a", "object/group/b");
        assertThat(store.get("missing")).isEmpty();
    }

    @Test
    void compareAndSwapOnRevisions() {
        assertThat(store.commit(Txn.builder().require("k", Txn.ABSENT).put("k", "1").build())).isPresent();
        assertThat(store.commit(Txn.builder().require("k", Txn.ABSENT).put("k", "2").build())).isEmpty();
        long rev = store.get("k").orElseThrow().modRevision();
        assertThat(store.commit(Txn.builder().require("k", rev + 7).put("k", "3").build())).isEmpty();
        assertThat(store.commit(Txn.builder().require("k", rev).put("k", "4").build())).isPresent();
        KeyValue kv = store.get("k").orElseThrow();
        assertThat(kv.text()).isEqualTo("4");
        assertThat(kv.createRevision()).isEqualTo(rev);
        assertThat(kv.modRevision()).isGreaterThan(rev);
    }

    @Test
    void aTransactionIsAllOrNothing() {
        store.put("a", "1");
        long before = store.revision();
        assertThat(store.commit(Txn.builder().require("a", Txn.ABSENT).put("b", "2").delete("a").build())).isEmpty();
        assertThat(store.get("b")).isEmpty();
        assertThat(store.get("a")).isPresent();
        assertThat(store.revision()).isEqualTo(before);
        store.commit(Txn.builder().put("p/1", "x").put("p/2", "y").put("q", "z").build());
        store.commit(Txn.builder().deletePrefix("p/").build());
        assertThat(store.list("p/")).isEmpty();
        assertThat(store.get("q")).isPresent();
    }

    @Test
    void badKeysAndValuesChangeNothing() {
        long before = store.revision();
        assertThatThrownBy(() -> store.put("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("k".repeat(5000), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.commit(Txn.builder().put("ok", "1").put("bad", new byte[17 << 20]).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get("ok")).isEmpty();
        assertThat(store.revision()).isEqualTo(before);
        String odd = "obj/../../etc/passwd'; DROP TABLE x;--\u0000\n";
        store.put(odd, "(uid=*)(|(cn=*))");
        assertThat(store.get(odd).orElseThrow().text()).isEqualTo("(uid=*)(|(cn=*))");
    }

    @Test
    void watchesSeeChangesUnderTheirPrefixInOrder() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        store.put("w/old", "0");
        long from = store.revision();
        try (ClusterStore.Watch w = store.watch("w/", from, txn -> seen.add(txn.stream()
                .map(e -> e.type() + " " + e.entry().key()).toList().toString()))) {
            store.put("w/a", "1");
            store.put("other", "1");
            store.delete("w/a");
            store.commit(Txn.builder().put("w/b", "2").put("other2", "x").put("w/c", "3").build());
            eventually(() -> seen.size() == 3);
        }
        assertThat(seen).as("one call per transaction, with only the keys under the prefix")
                .containsExactly("[PUT w/a]", "[DELETE w/a]", "[PUT w/b, PUT w/c]");
        List<String> replay = new CopyOnWriteArrayList<>();
        try (ClusterStore.Watch w = store.watch("w/", from - 1, txn -> replay.add(txn.stream()
                .map(e -> e.entry().key()).toList().toString()))) {
            eventually(() -> replay.size() == 4);
        }
        assertThat(replay).containsExactly("[w/old]", "[w/a]", "[w/a]", "[w/b, w/c]");
    }

    @Test
    void leasedKeysGoWhenTheLeaseEnds() throws InterruptedException {
        long lease = store.grantLease(Duration.ofSeconds(1));
        store.commit(Txn.builder().put("session/1", "x".getBytes(StandardCharsets.UTF_8), lease).build());
        for (int i = 0; i < 15; i++) { // kept alive past its first second
            assertThat(store.keepAlive(lease)).isTrue();
            sleep(100);
        }
        assertThat(store.get("session/1")).isPresent();
        eventually(() -> store.get("session/1").isEmpty());
        assertThat(store.keepAlive(lease)).isFalse();
        assertThatThrownBy(() -> store.commit(Txn.builder().put("s", "x".getBytes(StandardCharsets.UTF_8), lease)
                .build())).isInstanceOf(IllegalArgumentException.class);

        long other = store.grantLease(Duration.ofMinutes(5));
        store.commit(Txn.builder().put("session/2", "y".getBytes(StandardCharsets.UTF_8), other).build());
        store.revokeLease(other);
        assertThat(store.get("session/2")).isEmpty();
    }

    @Test
    void oneLeaderAtATime() {
        LeaderElection election = new LeaderElection(store, "controller");
        long a = store.grantLease(Duration.ofMinutes(1));
        long b = store.grantLease(Duration.ofMinutes(1));
        assertThat(election.campaign("a", a)).isTrue();
        assertThat(election.campaign("b", b)).isFalse();
        assertThat(election.leader()).contains("a");
        store.revokeLease(a);
        assertThat(election.campaign("b", b)).isTrue();
        election.resign("b");
        assertThat(election.leader()).isEmpty();
    }

    /** Waits for the condition; fails after {@link Patience#HANG}. */
    protected static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Patience.await(condition, () -> "the condition");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
