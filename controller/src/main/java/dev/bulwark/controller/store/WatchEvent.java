package dev.bulwark.controller.store;

import static java.util.Objects.requireNonNull;

/**
 * A change seen by a watch: a key was put (with its new entry) or deleted (with its last entry).
 *
 * @param revision the store revision of the transaction that made the change
 */
public record WatchEvent(Type type, KeyValue entry, long revision) {

    public enum Type { PUT, DELETE }

    public WatchEvent {
        requireNonNull(type, "type");
        requireNonNull(entry, "entry");
    }
}
