package dev.bulwark.controller.store;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction: conditions on current revisions, then operations applied all together or not at all.
 *
 * @param conditions each key's expected modification revision ({@link #ABSENT} for a key that must not exist)
 */
public record Txn(List<Condition> conditions, List<Op> ops) {

    /** The revision of a key that does not exist. */
    public static final long ABSENT = 0;

    public Txn {
        conditions = List.copyOf(conditions);
        ops = List.copyOf(ops);
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs an operation");
        }
    }

    public record Condition(String key, long modRevision) {
        public Condition {
            requireNonNull(key, "key");
        }
    }

    /** An operation of a transaction. */
    public sealed interface Op permits Put, Delete, DeletePrefix {
        String key();
    }

    /** Sets a key; {@code lease} 0 for none. */
    public record Put(String key, byte[] value, long lease) implements Op {
        public Put {
            requireNonNull(key, "key");
            requireNonNull(value, "value");
        }
    }

    public record Delete(String key) implements Op {
        public Delete {
            requireNonNull(key, "key");
        }
    }

    /** Deletes every key that starts with the prefix. */
    public record DeletePrefix(String key) implements Op {
        public DeletePrefix {
            requireNonNull(key, "key");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects conditions and operations. */
    public static final class Builder {
        private final List<Condition> conditions = new ArrayList<>();
        private final List<Op> ops = new ArrayList<>();

        public Builder require(String key, long modRevision) {
            conditions.add(new Condition(key, modRevision));
            return this;
        }

        public Builder put(String key, byte[] value) {
            ops.add(new Put(key, value, 0));
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, value.getBytes(StandardCharsets.UTF_8));
        }

        public Builder put(String key, byte[] value, long lease) {
            ops.add(new Put(key, value, lease));
            return this;
        }

        public Builder delete(String key) {
            ops.add(new Delete(key));
            return this;
        }

        public Builder deletePrefix(String prefix) {
            ops.add(new DeletePrefix(prefix));
            return this;
        }

        public boolean isEmpty() {
            return ops.isEmpty();
        }

        public Txn build() {
            return new Txn(conditions, ops);
        }
    }
}
