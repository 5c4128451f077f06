package dev.bulwark.controller.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A bounded log of records in NeuVector's event shape ({@code name, level, reported_timestamp, reported_at,
 * cluster_name, ...}); the oldest record goes when {@link #capacity} is reached. Thread-safe.
 */
public final class EventLog {

    public static final int DEFAULT_CAPACITY = 4096;

    /** Fields every NeuVector event has; a controller-side event leaves the workload and host ones empty. */
    private static final String[] EMPTY_FIELDS = {"host_id", "host_name", "enforcer_id", "enforcer_name",
        "controller_id", "controller_name", "workload_id", "workload_name", "workload_domain", "workload_image",
        "workload_service", "category", "user", "user_addr", "user_session", "message"};

    private final int capacity;
    private final String clusterName;
    private final InstantSource clock;
    private final Deque<ObjectNode> records = new ArrayDeque<>();

    public EventLog(int capacity, String clusterName, InstantSource clock) {
        this.capacity = capacity;
        this.clusterName = clusterName;
        this.clock = clock;
    }

    /** Starts a record with the common fields; the caller adds its own and then {@link #add}s it. */
    public ObjectNode newRecord(String name, String level) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        Instant now = clock.instant();
        e.put("name", name);
        e.put("level", level);
        e.put("reported_timestamp", now.getEpochSecond());
        e.put("reported_at", now.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("cluster_name", clusterName);
        for (String field : EMPTY_FIELDS) {
            e.put(field, "");
        }
        e.putObject("user_roles");
        return e;
    }

    /** Adds an event of a user's doing: {@code User.Login}, {@code Configuration.Import}, ... */
    public void record(String name, String level, String category, String user, String userAddr, String message) {
        ObjectNode e = newRecord(name, level);
        e.put("user", user);
        e.put("user_addr", userAddr == null ? "" : userAddr);
        e.put("category", category);
        e.put("message", message);
        add(e);
    }

    public synchronized void add(ObjectNode record) {
        records.addFirst(record);
        if (records.size() > capacity) {
            records.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<JsonNode> all() {
        return new ArrayList<>(records);
    }

    public int capacity() {
        return capacity;
    }
}
