package dev.bulwark.controller.network;

import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.Rule;
import dev.bulwark.controller.runtime.Learning;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Discover mode's network learning, as NeuVector's controller learns rules: a conversation no rule allows between a
 * group in Discover and another becomes an allow rule from the client's group to the server's, {@code cfg_type}
 * learned, with an id of {@value #FIRST_ID} or more, on {@code tcp/PORT} or {@code udp/PORT} and the application
 * recognised (else {@code any}; a name that is none of NeuVector's applications is learned as {@code any} too, so that
 * an enforcer cannot grow the policy by inventing names). A new port of a pair joins the enabled learned rule of that
 * pair and application; past {@value #MAX_PORTS} ports that rule takes {@code any} port, as NeuVector collapses one.
 * Learning what a rule allows already changes nothing. Written through {@link Policy}'s rule operations with
 * compare-and-swap, tried again when a concurrent change wins.
 */
public final class NetworkLearning {

    static final int FIRST_ID = 10_000;
    /** Federal rules start at 100000. */
    static final int LAST_ID = 99_999;
    static final int MAX_PORTS = 64;
    /** NeuVector's DPI applications ({@code /v1/list/application}). */
    static final Set<String> APPLICATIONS = Set.of("HTTP", "SSL", "SSH", "DNS", "DHCP", "NTP", "TFTP", "Echo",
            "RTSP", "SIP", "MySQL", "Redis", "ZooKeeper", "Cassandra", "MongoDB", "PostgreSQL", "Kafka", "Couchbase",
            "WordPress", "ActiveMQ", "CouchDB", "ElasticSearch", "Memcached", "RabbitMQ", "Radius", "VoltDB",
            "Consul", "Syslog", "etcd", "Spark", "Apache", "Nginx", "Jetty", "NodeJS", "Oracle", "MSSQL", "gRPC");

    private final Policy policy;
    private final ConversationsVerdict verdict;
    private final InstantSource clock;

    NetworkLearning(Policy policy, ConversationsVerdict verdict, InstantSource clock) {
        this.policy = policy;
        this.verdict = verdict;
        this.clock = clock;
    }

    /**
     * Makes traffic from group {@code from} to group {@code to} on this port and application allowed; the rule
     * that allows it now, or 0 when nothing can be learned (a group gone, TCP and UDP only, no id left).
     */
    int learn(String from, String to, int ipProto, int port, String application) {
        if (ipProto != ConversationsPorts.TCP && ipProto != ConversationsPorts.UDP
                || policy.group(from).isEmpty() || policy.group(to).isEmpty()) {
            return 0;
        }
        return Learning.retried(() -> learnOnce(from, to, ipProto, port, application));
    }

    private int learnOnce(String from, String to, int ipProto, int port, String application) {
        Optional<Rule> allowing = verdict.firstMatch(Set.of(from), Set.of(to), ipProto, port, application)
                .filter(r -> r.action().equals("allow"));
        if (allowing.isPresent()) {
            return allowing.get().id();
        }
        List<String> applications = List.of(APPLICATIONS.contains(application) ? application : "any");
        String item = ConversationsPorts.of(ipProto, port);
        long now = clock.instant().getEpochSecond();
        Optional<Rule> sibling = policy.orderedRules().stream().filter(r -> r.cfgType().equals("learned")
                && !r.disable() && r.from().equals(from) && r.to().equals(to)
                && r.applications().equals(applications)).findFirst();
        if (sibling.isPresent()) {
            int id = sibling.get().id();
            policy.updateRule(id, r -> new Rule(r.id(), r.comment(), r.from(), r.to(), withPort(r.ports(), item),
                    r.action(), r.applications(), r.learned(), r.disable(), r.createdTimestamp(), now, r.cfgType(),
                    r.priority(), r.matchCounter(), r.lastMatchTimestamp()));
            return id;
        }
        Policy.Order order = policy.order();
        int id = freeId(order.ids());
        if (id == 0) {
            return 0;
        }
        Rule learned = new Rule(id, "", from, to, item, "allow", applications, true, false, now, now, "learned", 0,
                0, 0);
        List<Integer> ids = new ArrayList<>(order.ids());
        ids.add(id);
        policy.changeRules(order, ids, List.of(), List.of(learned), List.of());
        return id;
    }

    /** A rule's ports with one more, sorted; {@code any} once there are too many. */
    static String withPort(String ports, String item) {
        if (ports.equals("any")) {
            return ports;
        }
        TreeSet<String> items = new TreeSet<>();
        for (String p : ports.split(",")) {
            items.add(p.strip());
        }
        items.add(item);
        return items.size() > MAX_PORTS ? "any" : String.join(",", items);
    }

    private static int freeId(List<Integer> taken) {
        int highest = taken.stream().filter(i -> i >= FIRST_ID && i <= LAST_ID).mapToInt(Integer::intValue).max()
                .orElse(FIRST_ID - 1);
        if (highest < LAST_ID) {
            return highest + 1;
        }
        Set<Integer> used = new java.util.HashSet<>(taken);
        for (int id = FIRST_ID; id <= LAST_ID; id++) {
            if (!used.contains(id)) {
                return id;
            }
        }
        return 0;
    }
}
