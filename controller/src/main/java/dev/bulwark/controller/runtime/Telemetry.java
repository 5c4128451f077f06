package dev.bulwark.controller.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.Learned;
import dev.bulwark.link.model.Workload;
import dev.bulwark.link.proto.Batch;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies what an enforcer reports: its host, its containers ({@code Container.Start}, {@code Container.Stop}),
 * incidents, events, what it learned and the connections it saw (handed to the network's listener). A batch an enforcer
 * sends again after a reconnect (its sequence number applied already) is acknowledged and skipped. A body that does not
 * decode is an {@link IllegalArgumentException}: the session that sent it is cut.
 */
public final class Telemetry {

    static final int MAX_ITEMS = 50_000;
    private static final List<String> REPORTED_EVENT_FIELDS = List.of("message", "reported_timestamp",
            "reported_at", "workload_id", "workload_name", "workload_domain", "workload_image", "workload_service");
    private static final ObjectMapper JSON = Json.storedSnakeCase();

    private final RuntimeState state;
    private final Learning learning;
    private final PolicyPush push;
    private final EventLog events;
    private final EventLog incidents;
    private final List<java.util.function.Consumer<ObjectNode>> incidentListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<RuntimeState.Agent, List<Connection>>> connectionListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<String>> leftListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final InstantSource clock;

    public Telemetry(RuntimeState state, Learning learning, PolicyPush push, EventLog events, EventLog incidents,
            InstantSource clock) {
        this.state = state;
        this.learning = learning;
        this.push = push;
        this.events = events;
        this.incidents = incidents;
        this.clock = clock;
    }

    static <T> T decode(ByteString json, Class<T> type) {
        try {
            T value = JSON.readValue(json.toByteArray(), type);
            if (value == null) {
                throw new IllegalArgumentException("an empty " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("a malformed " + type.getSimpleName() + ": " + e.getMessage()
                    .lines().findFirst().orElse(""), e);
        }
    }

    /** Tells {@code listener} of each incident an enforcer reports, once it is recorded. */
    public void onIncident(java.util.function.Consumer<ObjectNode> listener) {
        incidentListeners.add(listener);
    }

    /** Tells {@code listener} of the connections each batch reports, once its containers are applied. */
    public void onConnections(java.util.function.BiConsumer<RuntimeState.Agent, List<Connection>> listener) {
        connectionListeners.add(listener);
    }

    /** Tells {@code listener} the id of each container that left (stopped and no longer reported). */
    public void onLeft(java.util.function.Consumer<String> listener) {
        leftListeners.add(listener);
    }

    /** Applies a batch of an enforcer; whether it was new (not one applied before). */
    public boolean apply(String agentId, Batch batch) {
        int items = batch.getWorkloadsCount() + batch.getStoppedCount() + batch.getIncidentsCount()
                + batch.getEventsCount() + batch.getLearnedCount() + batch.getConnectionsCount();
        if (items > MAX_ITEMS) {
            throw new IllegalArgumentException("a batch of " + items + " items; at most " + MAX_ITEMS);
        }
        RuntimeState.Agent agent = state.agent(agentId).orElseThrow(() ->
                new IllegalArgumentException("a batch before hello"));
        if (batch.getSeq() > 0 && batch.getSeq() <= agent.appliedSeq()) {
            return false;
        }
        List<Workload> workloads = new ArrayList<>();
        batch.getWorkloadsList().forEach(w -> workloads.add(decode(w, Workload.class)));
        List<ObjectNode> incidentRecords = new ArrayList<>();
        batch.getIncidentsList().forEach(i -> incidentRecords.add(decode(i, ObjectNode.class)));
        List<ObjectNode> eventRecords = new ArrayList<>();
        batch.getEventsList().forEach(e -> eventRecords.add(decode(e, ObjectNode.class)));
        List<Learned> learned = new ArrayList<>();
        batch.getLearnedList().forEach(l -> learned.add(decode(l, Learned.class)));
        List<Connection> connections = new ArrayList<>();
        batch.getConnectionsList().forEach(c -> connections.add(decode(c, Connection.class)));
        if (!batch.getHost().isEmpty()) {
            state.hostChanged(agentId, decode(batch.getHost(), Host.class));
            push.changed(); // the node's addresses are in its containers' network policies
        }

        // a container is listed only once its learned group exists, so that it never shows without its mode
        learning.seen(workloads.stream().filter(w -> state.workload(w.id()).isEmpty()).toList());
        RuntimeState.Changes changes = state.report(agentId, batch.getFull(), workloads, batch.getStoppedList());
        changes.started().forEach(w -> events.add(about(agent, w, "Container.Start", "Container started")));
        changes.stopped().forEach(r -> events.add(about(agent, r.workload(), "Container.Stop", "Container stopped")));
        changes.stopped().forEach(r -> leftListeners.forEach(l -> l.accept(r.workload().id())));
        incidentRecords.forEach(i -> incidents.add(stamped(agent, i)));
        incidentRecords.forEach(i -> incidentListeners.forEach(l -> l.accept(i)));
        eventRecords.forEach(e -> events.add(stamped(agent, event(e))));
        learning.learned(learned);
        RuntimeState.Agent reporter = state.agent(agentId).orElse(agent); // with the host this batch may have set
        connectionListeners.forEach(l -> l.accept(reporter, connections));
        if (!workloads.isEmpty() || !changes.stopped().isEmpty()) {
            push.changed(); // a container that started, left, exited or got new addresses changes the peers
        }
        if (batch.getSeq() > 0) {
            state.applied(agentId, batch.getSeq());
        }
        return true;
    }

    /**
     * An event an enforcer reported ({@code Agent.Start}, {@code Agent.Stop}), in the controller's event shape: its
     * name, level, message and time, and the container it is about, if any; nothing else it sent is kept.
     */
    private ObjectNode event(ObjectNode reported) {
        ObjectNode e = events.newRecord(reported.path("name").asText("Agent.Event"), reported.path("level")
                .asText("Info"));
        for (String field : REPORTED_EVENT_FIELDS) {
            if (reported.hasNonNull(field)) {
                e.set(field, reported.get(field));
            }
        }
        return e;
    }

    /** An event about a container of an enforcer's node. */
    private ObjectNode about(RuntimeState.Agent agent, Workload w, String name, String message) {
        ObjectNode e = workloadFields(events.newRecord(name, "Info"), w);
        e.put("message", message);
        return stamped(agent, e);
    }

    /** An event's fields that name its container ({@code workload_id}, {@code _name}, ...). */
    public static ObjectNode workloadFields(ObjectNode e, Workload w) {
        e.put("workload_id", w.id());
        e.put("workload_name", w.displayName());
        e.put("workload_domain", w.domain());
        e.put("workload_image", w.image());
        e.put("workload_service", w.service());
        return e;
    }

    /** The enforcer's and its host's names on a record it reported, whatever it said they were. */
    private ObjectNode stamped(RuntimeState.Agent agent, ObjectNode record) {
        record.put("enforcer_id", agent.id());
        record.put("enforcer_name", agent.name());
        record.put("host_id", agent.host() == null ? "" : agent.host().id());
        record.put("host_name", agent.node());
        if (!record.has("reported_timestamp")) {
            record.put("reported_timestamp", clock.instant().getEpochSecond());
        }
        if (!record.has("reported_at")) {
            record.put("reported_at", RestTime.format(record.path("reported_timestamp").asLong()));
        }
        return record;
    }

    /** Records an enforcer event of the controller's own making ({@code Agent.Connect}, ...). */
    public void agentEvent(RuntimeState.Agent agent, String name, String level, String message) {
        ObjectNode e = events.newRecord(name, level);
        e.put("message", message);
        events.add(stamped(agent, e));
    }
}
