package dev.bulwark.enforcer.network.flow;

import dev.bulwark.link.model.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections summed per conversation (workload, direction, client, server and port, protocol, application, name,
 * action and rule) until drained, at most {@code capacity} conversations: past it, what a new one counted is dropped
 * and counted. Not thread-safe.
 */
final class ConnectionTotals {

    private final int capacity;
    private final AtomicLong dropped;

    ConnectionTotals(int capacity, AtomicLong dropped) {
        this.capacity = capacity;
        this.dropped = dropped;
    }

    private record Conversation(String workload, boolean ingress, String clientIp, String serverIp, int serverPort,
            int ipProto, String application, String fqdn, String action, int ruleId) {

        static Conversation of(Connection c) {
            return new Conversation(c.workload(), c.ingress(), c.clientIp(), c.serverIp(), c.serverPort(),
                    c.ipProto(), c.application(), c.fqdn(), c.action(), c.ruleId());
        }
    }

    private final Map<Conversation, Connection> totals = new LinkedHashMap<>();

    /** Adds what {@code seen} counts to the sum of its conversation. */
    void add(Connection seen) {
        Conversation conversation = Conversation.of(seen);
        if (totals.size() >= capacity && !totals.containsKey(conversation)) {
            dropped.incrementAndGet();
            return;
        }
        totals.merge(conversation, seen, ConnectionTotals::sum);
    }

    private static Connection sum(Connection a, Connection b) {
        return new Connection(a.workload(), a.ingress(), a.clientIp(), a.serverIp(), a.serverPort(), a.ipProto(),
                a.application(), a.fqdn(), a.action(), a.ruleId(), a.sessions() + b.sessions(), a.bytes() + b.bytes(),
                Math.min(a.firstSeen(), b.firstSeen()), Math.max(a.lastSeen(), b.lastSeen()));
    }

    /** The sums since the last drain; empties them. */
    List<Connection> drain() {
        List<Connection> drained = new ArrayList<>(totals.values());
        totals.clear();
        return drained;
    }
}
