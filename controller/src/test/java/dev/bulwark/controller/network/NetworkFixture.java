package dev.bulwark.controller.network;

import dev.bulwark.controller.StoreOnClock;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.auth.Role;
import dev.bulwark.controller.policy.NetworkRules;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.Workload;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real store, policy and runtime state for the network's domain classes: one node ({@code node-1}, address
 * 10.0.0.7) whose enforcer is connected, containers added to it with a learned group in a given mode, rules
 * inserted as an administrator inserts them, and connection reports as an enforcer makes them.
 */
final class NetworkFixture implements AutoCloseable {

    static final String AGENT = "enforcer-1";
    static final String NODE_IP = "10.0.0.7";
    static final Principal ADMIN = new Principal("admin", "s", Role.BUILT_IN.getFirst(), Map.of());

    final StoreOnClock store;
    final Policy policy;
    final NetworkRules rules;
    final RuntimeState state = new RuntimeState();
    final Violations violations;
    final Conversations conversations = new Conversations();
    final ConversationsFeed feed;
    /** NeuVector's global network mode; empty: each group's own. */
    final AtomicReference<String> globalMode = new AtomicReference<>("");

    NetworkFixture(Path dir) {
        store = new StoreOnClock(dir);
        policy = new Policy(store.records(), List.of());
        rules = new NetworkRules(policy, store.clock());
        violations = new Violations("test", store.clock());
        feed = new ConversationsFeed(state, policy, new GroupMemberships(policy), globalMode::get, conversations,
                violations, store.clock());
        Host host = new Host("node-1:m1", "node-1", "", "", "", 1, 1, "", "", 2,
                Map.of("eth0", List.of(new Host.IpAddress(NODE_IP, 24, ""))), Map.of());
        state.connected(AGENT, "node-1", host, "1", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
    }

    RuntimeState.Agent agent() {
        return state.agent(AGENT).orElseThrow();
    }

    /** A running container of node-1 at {@code ip}, service {@code service} in {@code domain}, in {@code mode}. */
    Workload workload(String id, String service, String domain, String ip, String mode) {
        String group = "nv." + service + "." + domain;
        Workload w = new Workload(id, service + "-" + id, service + "-" + id, "", domain, "img/" + service, "", service,
                group, "", Map.of(), "running", "", "", "", 0, false, false, "default",
                Map.of("eth0", List.of(new Host.IpAddress(ip, 16, ""))), List.of(), 0, "", "");
        state.report(AGENT, false, List.of(w), List.of());
        policy.ensureLearnedGroup(group, domain, mode);
        policy.setModes(List.of(group), mode, null);
        return w;
    }

    void mode(String group, String mode) {
        policy.setModes(List.of(group), mode, null);
    }

    void rule(String from, String to, String ports, String action, List<String> applications) {
        rules.insert(ADMIN, -1, List.of(new NetworkRules.NewRule(null, "", from, to, ports, action, applications,
                false, 0)));
    }

    /** The egress a client container's node reports: open, one session, 100 bytes. */
    static Connection egress(String workload, String clientIp, String serverIp, int port, String application) {
        return new Connection(workload, false, clientIp, serverIp, port, 6, application, "", "open", 0, 1, 100,
                1_000, 1_001);
    }

    /** The ingress a server container's node reports. */
    static Connection ingress(String workload, String clientIp, String serverIp, int port, String application) {
        return new Connection(workload, true, clientIp, serverIp, port, 6, application, "", "open", 0, 1, 100,
                1_000, 1_001);
    }

    void report(Connection... connections) {
        feed.apply(agent(), List.of(connections));
    }

    @Override
    public void close() {
        store.close();
    }
}
