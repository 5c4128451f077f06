package dev.bulwark.controller.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.runtime.RestTime;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.link.model.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The network violations log ({@code /v1/log/violation}): one {@code Network.Violation} record in NeuVector's
 * {@code Violation} shape per conversation no rule allowed, or a rule denied. Repeats of one pair, port, protocol
 * and action within {@link #FOLD} of the first are folded into its record (its {@code sessions} summed, its
 * {@code count} of reports raised, its time the latest), so a flood of them takes one record, not the log. Bounded
 * as NeuVector's logs are, oldest first out; in memory. Thread-safe; records are never changed once listed.
 */
public final class Violations {

    public static final int CAPACITY = 4096;
    static final Duration FOLD = Duration.ofMinutes(1);

    private record FoldKey(String client, String server, int port, int ipProto, String action) {}

    /** The record a repeat folds into, and when its window opened. */
    private record Window(String id, Instant opened) {}

    private final String clusterName;
    private final InstantSource clock;
    private final int capacity;
    /** By id, oldest first. */
    private final LinkedHashMap<String, ObjectNode> records = new LinkedHashMap<>();
    private final Map<FoldKey, Window> windows = new HashMap<>();
    /** The fold key of each record, to close its window when it leaves the log. */
    private final Map<String, FoldKey> keys = new HashMap<>();
    private long folded;
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();

    public Violations(String clusterName, InstantSource clock) {
        this(clusterName, clock, CAPACITY);
    }

    Violations(String clusterName, InstantSource clock, int capacity) {
        this.clusterName = clusterName;
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Tells {@code listener} of each new record (not of repeats folded into one) whose client is a container, as
     * a security event about that container ({@code workload_id} the client's): NeuVector's response rules act on
     * a violation's client, and on no server.
     */
    public void onViolation(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    /** Records a violation an enforcer's report shows, or folds it into the record of its window. */
    public void record(RuntimeState.Agent agent, Endpoints.Endpoint client, Endpoints.Endpoint server, Connection c,
            ConversationsVerdict.Verdict v) {
        Optional<ObjectNode> recorded = add(agent, client, server, c, v);
        if (recorded.isPresent() && client.isWorkload()) {
            ObjectNode event = recorded.get().deepCopy().put("workload_id", client.id());
            listeners.forEach(l -> l.accept(event));
        }
    }

    /** The new record, or empty when the violation folded into one. */
    private synchronized Optional<ObjectNode> add(RuntimeState.Agent agent, Endpoints.Endpoint client,
            Endpoints.Endpoint server, Connection c, ConversationsVerdict.Verdict v) {
        Instant now = clock.instant();
        FoldKey key = new FoldKey(client.id(), server.id(), c.serverPort(), c.ipProto(), v.action().rest());
        Window w = windows.get(key);
        if (w != null && now.isBefore(w.opened().plus(FOLD))) {
            ObjectNode updated = records.remove(w.id()).deepCopy();
            updated.put("sessions", Math.min(updated.path("sessions").asLong() + c.sessions(), 0xFFFF_FFFFL));
            updated.put("count", updated.path("count").asLong() + 1);
            stamp(updated, now);
            records.put(w.id(), updated);
            folded++;
            return Optional.empty();
        }
        ObjectNode r = newRecord(agent, client, server, c, v);
        stamp(r, now);
        String id = r.path("id").asText();
        records.put(id, r);
        windows.put(key, new Window(id, now));
        keys.put(id, key);
        if (records.size() > capacity) {
            var eldest = records.keySet().iterator();
            String gone = eldest.next();
            eldest.remove();
            FoldKey closed = keys.remove(gone);
            Window open = windows.get(closed);
            if (open != null && open.id().equals(gone)) {
                windows.remove(closed);
            }
        }
        return Optional.of(r);
    }

    /** Newest first. */
    public synchronized List<JsonNode> all() {
        return new ArrayList<JsonNode>(records.values()).reversed();
    }

    /**
     * The records a caller may read, newest first: all with {@code security_events} globally, else those whose
     * client or server is a container of a namespace it holds that permission in.
     */
    public List<JsonNode> readable(Principal p) {
        List<JsonNode> all = all();
        if (p.global(Permissions.SECURITY_EVENTS, false)) {
            return all;
        }
        return all.stream().filter(r -> Stream.of("client_domain", "server_domain").map(f -> r.path(f).asText(""))
                .anyMatch(d -> !d.isEmpty() && p.on(Permissions.SECURITY_EVENTS, false, d))).toList();
    }

    /** Reports folded into an earlier record since the start. */
    public synchronized long folded() {
        return folded;
    }

    private ObjectNode newRecord(RuntimeState.Agent agent, Endpoints.Endpoint client, Endpoints.Endpoint server,
            Connection c, ConversationsVerdict.Verdict v) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("name", "Network.Violation");
        r.put("level", v.action() == ConversationsVerdict.Action.DENY ? "Critical" : "Warning");
        r.put("cluster_name", clusterName);
        r.put("host_id", agent.host() == null ? "" : agent.host().id());
        r.put("host_name", agent.node());
        r.put("enforcer_id", agent.id());
        r.put("enforcer_name", agent.name());
        r.put("id", UUID.randomUUID().toString());
        end(r, "client", client);
        end(r, "server", server);
        r.put("server_port", c.serverPort());
        r.put("ip_proto", c.ipProto());
        var applications = r.putArray("applications");
        var servers = r.putArray("servers");
        if (!c.application().isEmpty()) { // none recognised: empty lists, not a blank name
            applications.add(c.application());
            servers.add(c.application());
        }
        r.put("sessions", c.sessions());
        r.put("policy_action", v.action().rest());
        r.put("policy_id", v.policyId());
        r.put("client_ip", c.clientIp());
        r.put("server_ip", c.serverIp());
        r.put("fqdn", c.fqdn());
        r.put("xff", false);
        r.put("nbe", false);
        r.put("count", 1);
        return r;
    }

    /** {@code client_id}, {@code client_name}, ... of one end. */
    private static void end(ObjectNode r, String side, Endpoints.Endpoint e) {
        r.put(side + "_id", e.id());
        r.put(side + "_name", e.name());
        r.put(side + "_domain", e.domain());
        r.put(side + "_image", e.workload().map(w -> w.workload().image()).orElse(""));
        r.put(side + "_service", e.workload().map(w -> w.workload().service()).orElse(""));
    }

    private static void stamp(ObjectNode r, Instant now) {
        r.put("reported_timestamp", now.getEpochSecond());
        r.put("reported_at", RestTime.format(now));
    }
}
