package dev.bulwark.controller.network;

import dev.bulwark.controller.network.ConversationsVerdict.Action;
import dev.bulwark.controller.network.ConversationsVerdict.Verdict;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.link.model.Connection;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Takes the connections enforcers report into the conversation graph: each end named ({@link Endpoints}), the
 * verdict of the rules in the mode of the conversation (the least restrictive of its ends' modes, NeuVector's
 * contention rule), what Discover learns ({@link NetworkLearning}) and what Monitor and Protect log as violations
 * ({@link Violations}). A connection between two containers is reported by both nodes, the client's egress and
 * the server's ingress; it is counted once, from the egress: an ingress report counts only when its client is no
 * known container. A report that names a container of another node, or holds what no enforcer sends (an address
 * that is no IP literal, a port past 65535, an unknown action, oversized text), is dropped and counted.
 */
public final class ConversationsFeed {

    private static final Pattern APPLICATION = Pattern.compile("[A-Za-z0-9._+/-]{0,64}");
    private static final Pattern FQDN = Pattern.compile("[A-Za-z0-9._*-]{0,253}");
    private static final List<String> MODES = List.of("Discover", "Monitor", "Protect");

    private final RuntimeState state;
    private final Policy policy;
    private final Supplier<String> globalMode;
    private final Conversations conversations;
    private final Violations violations;
    private final ConversationsVerdict verdict;
    private final EndpointsGroups groups;
    private final NetworkLearning learning;
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param globalMode NeuVector's network mode for every group ({@code net_service_policy_mode} while
     *     {@code net_service_status} is on), else empty: the groups' own modes hold
     */
    public ConversationsFeed(RuntimeState state, Policy policy, GroupMemberships memberships,
            Supplier<String> globalMode, Conversations conversations, Violations violations, InstantSource clock) {
        this.state = state;
        this.policy = policy;
        this.globalMode = globalMode;
        this.conversations = conversations;
        this.violations = violations;
        this.verdict = new ConversationsVerdict(policy);
        this.groups = new EndpointsGroups(memberships);
        this.learning = new NetworkLearning(policy, verdict, clock);
    }

    /** Applies the connections an enforcer reported in one batch. */
    public void apply(RuntimeState.Agent agent, List<Connection> reported) {
        if (reported.isEmpty()) {
            return;
        }
        Endpoints endpoints = Endpoints.of(state);
        for (Connection raw : reported) {
            Optional<Connection> checked = checked(raw);
            Optional<Endpoints.Endpoint> local = checked.flatMap(c -> local(agent, endpoints, c));
            if (local.isEmpty()) {
                refused.incrementAndGet();
                continue;
            }
            Connection c = checked.get();
            Endpoints.Endpoint client = c.ingress() ? endpoints.at(c.clientIp()) : local.get();
            Endpoints.Endpoint server = c.ingress() ? local.get() : endpoints.at(c.serverIp());
            if (c.ingress() && client.isWorkload()) {
                continue; // its node reports the egress
            }
            apply(agent, client, server, c);
        }
    }

    private void apply(RuntimeState.Agent agent, Endpoints.Endpoint client, Endpoints.Endpoint server,
            Connection c) {
        Set<String> from = groups.of(client, c.clientIp(), "");
        Set<String> to = groups.of(server, c.serverIp(), c.fqdn());
        Verdict v = verdict.judge(from, to, mode(client, server), c);
        if (v.learn()) {
            String fromGroup = learnedAs(client, from);
            String toGroup = learnedAs(server, to);
            int id = fromGroup.isEmpty() || toGroup.isEmpty() ? 0
                    : learning.learn(fromGroup, toGroup, c.ipProto(), c.serverPort(), c.application());
            v = new Verdict(id == 0 ? Action.OPEN : Action.ALLOW, id, false);
        }
        conversations.add(client, server, c, v);
        if (v.violation() && c.sessions() > 0) { // a later report of the same session brings only its bytes
            violations.record(agent, client, server, c, v);
        }
    }

    /**
     * The group a learned rule names an end by: a container's learned group, {@code nodes} for a node, and for an
     * address the first address group that holds it (by IP or DNS name, as NeuVector learns to an FQDN group), else
     * {@code external} for an outside one; empty for an unknown private address in no group.
     */
    private static String learnedAs(Endpoints.Endpoint e, Set<String> groups) {
        return switch (e.kind()) {
            case CONTAINER, NODE -> e.group();
            case EXTERNAL, WORKLOAD_IP -> groups.stream().findFirst().orElse("");
        };
    }

    /** The end on the reporting node: its container (which must be one of that node's), or the node itself. */
    private static Optional<Endpoints.Endpoint> local(RuntimeState.Agent agent, Endpoints endpoints, Connection c) {
        if (c.workload().isEmpty()) {
            return Optional.of(Endpoints.node(agent));
        }
        return endpoints.workload(c.workload())
                .filter(e -> e.workload().map(r -> r.agentId().equals(agent.id())).orElse(false));
    }

    /**
     * The mode a conversation is judged in: the least restrictive of its containers' modes, NeuVector's contention
     * rule; a node's ({@code nodes}) only when no end is a container, since NeuVector's enforcers apply the
     * container's policy to its traffic with a node; empty when no end has one. The global network mode, when set,
     * is every group's.
     */
    private String mode(Endpoints.Endpoint client, Endpoints.Endpoint server) {
        boolean containers = client.isWorkload() || server.isWorkload();
        int least = Math.min(rank(client, containers), rank(server, containers));
        return least == Integer.MAX_VALUE ? "" : MODES.get(least);
    }

    private int rank(Endpoints.Endpoint e, boolean containersDecide) {
        String global = globalMode.get();
        String group = switch (e.kind()) {
            case CONTAINER -> e.group();
            case NODE -> containersDecide ? "" : GroupMembership.NODES;
            default -> "";
        };
        int i = group.isEmpty() ? -1 : MODES.indexOf(!global.isEmpty() && policy.group(group).isPresent() ? global
                : policy.group(group).map(Group::policyMode).orElse(""));
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** The report with its addresses canonical, or empty when it holds what no enforcer sends. */
    static Optional<Connection> checked(Connection c) {
        Optional<String> client = Endpoints.canonical(c.clientIp());
        Optional<String> server = Endpoints.canonical(c.serverIp());
        boolean valid = client.isPresent() && server.isPresent() && c.serverPort() >= 0 && c.serverPort() <= 65535
                && c.ipProto() >= 0 && c.ipProto() <= 255 && APPLICATION.matcher(c.application()).matches()
                && FQDN.matcher(c.fqdn()).matches() && c.workload().length() <= 128
                && List.of(Connection.OPEN, Connection.ALLOW, Connection.DENY).contains(c.action())
                && c.ruleId() >= 0 && c.sessions() >= 0 && c.bytes() >= 0 && c.firstSeen() >= 0
                && c.lastSeen() >= 0;
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new Connection(c.workload(), c.ingress(), client.get(), server.get(), c.serverPort(),
                c.ipProto(), c.application(), c.fqdn(), c.action(), c.ruleId(), c.sessions(), c.bytes(),
                c.firstSeen(), c.lastSeen()));
    }

    /** Reports dropped as malformed or as naming another node's container, since the start. */
    public long refused() {
        return refused.get();
    }

    public Conversations conversations() {
        return conversations;
    }
}
