package dev.bulwark.controller.network;

import dev.bulwark.controller.network.ConversationsVerdict.Action;
import dev.bulwark.link.model.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The conversation graph, kept in memory as NeuVector keeps it: per ordered pair of endpoints, one entry per
 * port, protocol, application and policy action with its sessions, bytes and times. Bounded: at most
 * {@value #MAX_ENTRIES} entries per conversation, {@value #MAX_CONVERSATIONS} conversations and
 * {@value #MAX_TOTAL_ENTRIES} entries in all; past any, the least recently seen goes and is counted
 * ({@link #dropped}). Thread-safe; what it returns are snapshots.
 */
public final class Conversations {

    static final int MAX_CONVERSATIONS = 20_000;
    static final int MAX_ENTRIES = 256;
    /** Some tens of megabytes: what the graph may take of the controller's heap. */
    static final int MAX_TOTAL_ENTRIES = 200_000;

    /** What tells entries of a conversation apart. */
    public record EntryKey(int port, int ipProto, String application, Action action) {}

    /**
     * An entry's counters and what it last saw.
     *
     * @param firstSeen epoch seconds
     * @param lastSeen epoch seconds
     * @param policyId the rule that decided (0: none)
     */
    public record Entry(EntryKey key, long sessions, long bytes, long firstSeen, long lastSeen, String clientIp,
            String serverIp, String fqdn, int policyId) {

        Entry plus(Connection c, int newPolicyId) {
            return new Entry(key, sum(sessions, c.sessions()), sum(bytes, c.bytes()),
                    Math.min(firstSeen, c.firstSeen()), Math.max(lastSeen, c.lastSeen()), c.clientIp(),
                    c.serverIp(), c.fqdn().isEmpty() ? fqdn : c.fqdn(), newPolicyId);
        }

        /** A sum of counters that stops at {@code Long.MAX_VALUE} instead of wrapping. */
        static long sum(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }

    /** A conversation as it is now: its ends as last seen and its entries, least recently seen first. */
    public record Conversation(Endpoints.Endpoint from, Endpoints.Endpoint to, List<Entry> entries) {

        public long sessions() {
            return entries.stream().mapToLong(Entry::sessions).reduce(0, Entry::sum);
        }

        public long bytes() {
            return entries.stream().mapToLong(Entry::bytes).reduce(0, Entry::sum);
        }

        /**
         * NeuVector's conversation action: per port, protocol and application the latest entry's action, and of
         * those the most severe.
         */
        public Action action() {
            Map<List<Object>, Entry> latest = new HashMap<>();
            for (Entry e : entries) {
                latest.merge(List.of(e.key().port(), e.key().ipProto(), e.key().application()), e,
                        (a, b) -> b.lastSeen() >= a.lastSeen() ? b : a);
            }
            return latest.values().stream().map(e -> e.key().action()).max(Comparator.naturalOrder())
                    .orElse(Action.OPEN);
        }
    }

    private record Pair(String from, String to) {}

    /** A conversation being kept: its ends and its entries in access order (least recently seen first). */
    private static final class Kept {
        Endpoints.Endpoint from;
        Endpoints.Endpoint to;
        final LinkedHashMap<EntryKey, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

        Conversation snapshot() {
            return new Conversation(from, to, List.copyOf(entries.values()));
        }
    }

    private final LinkedHashMap<Pair, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
    /** Names users gave endpoints ({@code PATCH /v1/conversation_endpoint}), while they are in the graph. */
    private final Map<String, String> aliases = new HashMap<>();
    /** By server: the applications recognised on its ports; rebuilt on the first read after a change. */
    private Map<String, Map<String, String>> applications;
    private final int maxConversations;
    private final int maxEntries;
    private final int maxTotal;
    private int total;
    private long dropped;

    public Conversations() {
        this(MAX_CONVERSATIONS, MAX_ENTRIES, MAX_TOTAL_ENTRIES);
    }

    /** @param maxTotal at least {@code maxEntries} */
    Conversations(int maxConversations, int maxEntries, int maxTotal) {
        this.maxConversations = maxConversations;
        this.maxEntries = maxEntries;
        this.maxTotal = maxTotal;
    }

    /** Counts a report of connections from {@code from} to {@code to} under the verdict on them. */
    public synchronized void add(Endpoints.Endpoint from, Endpoints.Endpoint to, Connection c,
            ConversationsVerdict.Verdict v) {
        applications = null;
        Kept k = kept.computeIfAbsent(new Pair(from.id(), to.id()), p -> new Kept());
        k.from = from;
        k.to = to;
        EntryKey key = new EntryKey(c.serverPort(), c.ipProto(), c.application(), v.action());
        Entry old = k.entries.get(key);
        if (old == null) {
            total++;
        }
        k.entries.put(key, old == null ? new Entry(key, c.sessions(), c.bytes(), c.firstSeen(), c.lastSeen(),
                c.clientIp(), c.serverIp(), c.fqdn(), v.policyId()) : old.plus(c, v.policyId()));
        if (k.entries.size() > maxEntries) {
            var eldest = k.entries.keySet().iterator();
            eldest.next();
            eldest.remove();
            total--;
            dropped++;
        }
        while (kept.size() > maxConversations || total > maxTotal) {
            var eldest = kept.entrySet().iterator();
            int size = eldest.next().getValue().entries.size();
            eldest.remove();
            total -= size;
            dropped += size;
        }
    }

    /**
     * The applications recognised on an endpoint's ports as a server, NeuVector's {@code app_ports}: {@code tcp/80}
     * to {@code HTTP}; the latest seen when a port showed several.
     */
    public synchronized Map<String, String> applicationPorts(String server) {
        if (applications == null) {
            Map<String, Map<String, Entry>> latest = new HashMap<>();
            for (Kept k : kept.values()) {
                for (Entry e : k.entries.values()) {
                    if (!e.key().application().isEmpty()) {
                        latest.computeIfAbsent(k.to.id(), id -> new TreeMap<>()).merge(
                                ConversationsPorts.of(e.key().ipProto(), e.key().port()), e,
                                (a, b) -> b.lastSeen() >= a.lastSeen() ? b : a);
                    }
                }
            }
            applications = new HashMap<>();
            latest.forEach((id, ports) -> {
                Map<String, String> names = new TreeMap<>();
                ports.forEach((port, e) -> names.put(port, e.key().application()));
                applications.put(id, Collections.unmodifiableMap(names));
            });
        }
        return applications.getOrDefault(server, Map.of());
    }

    /** Every conversation, most recently seen last. */
    public synchronized List<Conversation> all() {
        List<Conversation> out = new ArrayList<>(kept.size());
        kept.values().forEach(k -> out.add(k.snapshot()));
        return out;
    }

    /** The conversation from one endpoint to another, if there is one. */
    public synchronized Optional<Conversation> between(String from, String to) {
        Kept k = kept.get(new Pair(from, to));
        return Optional.ofNullable(k).map(Kept::snapshot);
    }

    /** Forgets the conversation from one endpoint to another; whether there was one. */
    public synchronized boolean delete(String from, String to) {
        applications = null;
        Kept k = kept.remove(new Pair(from, to));
        if (k != null) {
            total -= k.entries.size();
        }
        return k != null;
    }

    /** Forgets every conversation of an endpoint; whether it had any. */
    public synchronized boolean deleteEndpoint(String id) {
        applications = null;
        aliases.remove(id);
        return kept.entrySet().removeIf(e -> {
            boolean of = e.getKey().from().equals(id) || e.getKey().to().equals(id);
            if (of) {
                total -= e.getValue().entries.size();
            }
            return of;
        });
    }

    public synchronized void clear() {
        applications = null;
        aliases.clear();
        kept.clear();
        total = 0;
    }

    /** Whether an endpoint has a conversation now. */
    public synchronized boolean has(String id) {
        return kept.keySet().stream().anyMatch(p -> p.from().equals(id) || p.to().equals(id));
    }

    /**
     * Names an endpoint that has a conversation, as NeuVector's alias; an empty name takes the alias away. Whether
     * the endpoint was there.
     */
    public synchronized boolean alias(String id, String name) {
        if (!has(id)) {
            return false;
        }
        if (name.isEmpty()) {
            aliases.remove(id);
        } else {
            aliases.put(id, name);
        }
        return true;
    }

    /** The name a user gave an endpoint, if any. */
    public synchronized Optional<String> alias(String id) {
        return Optional.ofNullable(aliases.get(id));
    }

    /** Entries dropped to keep within the bounds, since the start. */
    public synchronized long dropped() {
        return dropped;
    }
}
