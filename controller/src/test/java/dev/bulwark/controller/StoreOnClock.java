package dev.bulwark.controller;

import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.store.EmbeddedStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store in a test's directory, an event log, and a clock the test moves: for domain services tested beneath the
 * API, whose expiry and lockout a test reaches by moving the clock, never by sleeping.
 */
public final class StoreOnClock implements AutoCloseable {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T12:00:00Z"));
    private final EmbeddedStore store;
    private final Records records;
    private final EventLog events;

    public StoreOnClock(Path dir) {
        store = EmbeddedStore.open(dir.resolve("store"));
        records = new Records(store);
        events = new EventLog(EventLog.DEFAULT_CAPACITY, "test", clock());
    }

    public InstantSource clock() {
        return now::get;
    }

    /** Moves the clock on. */
    public void pass(Duration time) {
        now.updateAndGet(t -> t.plus(time));
    }

    public Records records() {
        return records;
    }

    public EventLog events() {
        return events;
    }

    @Override
    public void close() {
        records.close();
        store.close();
    }
}
