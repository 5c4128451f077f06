package dev.bulwark.controller.store;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * One stored entry. The value array is not copied: callers must not modify it.
 *
 * @param createRevision the store revision that created the key
 * @param modRevision the store revision of its last change, the one compare-and-swap checks
 * @param lease the lease the key lives with, 0 for none
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long lease) {

    public KeyValue {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
    }

    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
