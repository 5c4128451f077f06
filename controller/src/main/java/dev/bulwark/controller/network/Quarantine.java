package dev.bulwark.controller.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.controller.runtime.Telemetry;
import dev.bulwark.controller.store.WatchCache;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The containers cut off the network: quarantined by a user ({@code PATCH /v1/workload/{id}}) or by a response
 * rule, released by a user. Kept in the store, so a quarantine outlives the controller; an enforcer drops all
 * traffic of a quarantined container whatever its mode. Each change is an event, {@code Container.Quarantined}
 * or {@code Container.Unquarantined}, as NeuVector's. Thread-safe.
 */
public final class Quarantine {

    /** The quarantined containers by id; not backed up, as container ids do not outlive their containers. */
    public static final Kind<Quarantined> KIND = Kind.internal("object/runtime/quarantine/", Quarantined.class,
            "Quarantine");

    /** NeuVector's reason for a quarantine a user asked for. */
    public static final String BY_USER = "user-configured";

    /**
     * A quarantined container.
     *
     * @param reason {@link #BY_USER}, or {@code <event> (rule <id>)} for a response rule
     * @param since epoch seconds
     */
    public record Quarantined(String workload, String reason, long since) {}

    private final Records records;
    private final WatchCache<Quarantined> current;
    private final EventLog events;
    private final InstantSource clock;

    public Quarantine(Records records, EventLog events, InstantSource clock) {
        this.records = records;
        this.current = records.cache(KIND);
        this.events = events;
        this.clock = clock;
    }

    /** Why a container is quarantined; empty when it is not. */
    public Optional<String> reason(String workloadId) {
        return current.get(KIND.key(workloadId)).map(Quarantined::reason);
    }

    public boolean quarantined(String workloadId) {
        return current.get(KIND.key(workloadId)).isPresent();
    }

    /**
     * Quarantines a container, by {@code user} (empty for a response rule); true when it was not already (a
     * second quarantine keeps the first reason and records no event).
     */
    public boolean quarantine(RuntimeState.Running r, String reason, String user) {
        Quarantined q = new Quarantined(r.workload().id(), reason, clock.instant().getEpochSecond());
        if (!records.seed(KIND, q.workload(), q)) {
            return false;
        }
        record(r, "Container.Quarantined", "Container quarantined: " + reason, user);
        return true;
    }

    /** Releases a container; true when it was quarantined. */
    public boolean release(RuntimeState.Running r, String user) {
        String id = r.workload().id();
        var q = records.read(KIND, id);
        if (q.isEmpty() || !records.tryCommit(new Records.Change().require(KIND, id, q.get().revision())
                .delete(KIND, id))) {
            return false;
        }
        record(r, "Container.Unquarantined", "Container released from quarantine", user);
        return true;
    }

    private void record(RuntimeState.Running r, String name, String message, String user) {
        ObjectNode e = Telemetry.workloadFields(events.newRecord(name, "Info"), r.workload());
        e.put("enforcer_id", r.agentId());
        e.put("enforcer_name", "enforcer-" + r.hostName());
        e.put("host_id", r.hostId());
        e.put("host_name", r.hostName());
        e.put("user", user);
        e.put("category", "WORKLOAD");
        e.put("message", message);
        events.add(e);
    }
}
