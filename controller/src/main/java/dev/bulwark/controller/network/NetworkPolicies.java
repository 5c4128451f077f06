package dev.bulwark.controller.network;

import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.Rule;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.NodePolicy;
import dev.bulwark.link.model.Workload;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The network policy of every running container, per enforcer ({@link NodePolicy.Network}): its mode, whether it
 * is quarantined, and the enabled rules that concern it in rule order. A rule whose {@code from} group holds the
 * container is one of its egress rules, towards the addresses of {@code to}; one whose {@code to} holds it an
 * ingress rule, from the addresses of {@code from}. A group's addresses: its running containers' for a container
 * group, {@code containers} every container's, {@code nodes} every node's, an address group its CIDRs and
 * {@code fqdn:NAME}s, {@code external} the word {@code external}; addresses go as the fewest CIDRs that hold
 * exactly them ({@link IpRange#covering}), which keeps the policy of a large node small. A rule without addresses
 * on the other side matches nothing and is left out. A container on the host's network has no policy of its own
 * (it would be the node's), though it is a member of its groups as a peer. Each push cycle computes every group's
 * members and addresses once, so the work grows with the rules plus the rule-to-container pairs, not with rules
 * times containers.
 *
 * <p>The mode is the strictest policy mode of the container's groups (Protect, then Monitor, then Discover); only
 * learned groups have one in NeuVector, and a container whose group is not stored yet is in Discover. With
 * NeuVector's global network mode on ({@code net_service_status}), every container is in that mode instead.
 */
public final class NetworkPolicies {

    private static final List<String> STRICTEST_FIRST = List.of("Protect", "Monitor", "Discover");
    private static final String HOST_NETWORK = "host";

    private final Policy policy;
    private final GroupMemberships memberships;
    private final RuntimeState state;
    private final Quarantine quarantine;
    private final Supplier<String> globalMode;

    /** @param globalMode the network mode of every container, empty when each is in its groups' */
    public NetworkPolicies(Policy policy, GroupMemberships memberships, RuntimeState state, Quarantine quarantine,
            Supplier<String> globalMode) {
        this.policy = policy;
        this.memberships = memberships;
        this.state = state;
        this.quarantine = quarantine;
        this.globalMode = globalMode;
    }

    /**
     * What the policy is computed from: a snapshot of the rules, groups, containers, nodes and quarantines.
     *
     * @param globalMode the network mode of every container, empty when each is in its groups'
     */
    public record Inputs(List<Rule> rules, Map<String, Group> groups, GroupMembership membership,
            Collection<RuntimeState.Running> workloads, Collection<RuntimeState.Agent> agents,
            Predicate<String> quarantined, String globalMode) {}

    /** The network policy of each enforcer's running containers, by enforcer id, as things are now. */
    public Map<String, List<NodePolicy.Network>> byAgent() {
        Map<String, Group> groups = policy.groups().stream().collect(Collectors.toMap(Group::name, g -> g,
                (a, b) -> a));
        return compute(new Inputs(policy.orderedRules(), groups, memberships.current(), state.workloads(),
                state.agents(), quarantine::quarantined, globalMode.get()));
    }

    /** The network policy of each enforcer's running containers, by enforcer id, with containers by id. */
    public static Map<String, List<NodePolicy.Network>> compute(Inputs in) {
        List<RuntimeState.Running> running = in.workloads().stream().filter(r -> r.workload().running())
                .sorted(Comparator.comparing(r -> r.workload().id())).toList();
        Map<String, List<String>> groupsOf = new HashMap<>();
        Map<String, List<RuntimeState.Running>> members = new HashMap<>();
        for (RuntimeState.Running r : running) {
            List<String> groups = in.membership().groupsOf(r.workload(), r.hostName());
            groupsOf.put(r.workload().id(), groups);
            groups.forEach(g -> members.computeIfAbsent(g, k -> new ArrayList<>()).add(r));
        }
        List<InetAddress> nodes = addresses(in.agents().stream().filter(a -> a.host() != null)
                .flatMap(a -> a.host().interfaces().values().stream()).flatMap(List::stream));
        List<String> internal = IpRange.covering(Stream.concat(nodes.stream(),
                addresses(running.stream().flatMap(r -> interfaces(r.workload()))).stream()).toList());
        Map<String, List<NodePolicy.NetworkRule>> rules = rulesByContainer(in.rules(), members,
                new Peers(in.membership(), members, IpRange.covering(nodes)));

        Map<String, List<NodePolicy.Network>> out = new HashMap<>();
        Map<String, String> modes = new HashMap<>();
        for (RuntimeState.Running r : running) {
            if (r.workload().networkMode().equals(HOST_NETWORK)) {
                continue; // its rules would be the whole node's: NeuVector enforces nothing on such containers
            }
            String id = r.workload().id();
            String mode = in.globalMode().isEmpty() ? mode(groupsOf.get(id), in.groups(), modes) : in.globalMode();
            out.computeIfAbsent(r.agentId(), k -> new ArrayList<>()).add(new NodePolicy.Network(id, mode,
                    in.quarantined().test(id), rules.getOrDefault(id, List.of()), internal));
        }
        return out;
    }

    /** Each container's rules in rule order, by container id; one rule object shared by all it applies to. */
    private static Map<String, List<NodePolicy.NetworkRule>> rulesByContainer(List<Rule> ordered,
            Map<String, List<RuntimeState.Running>> members, Peers peers) {
        Map<String, List<NodePolicy.NetworkRule>> rules = new HashMap<>();
        for (Rule rule : ordered) {
            if (rule.disable()) {
                continue;
            }
            List<RuntimeState.Running> from = members.getOrDefault(rule.from(), List.of());
            List<RuntimeState.Running> to = members.getOrDefault(rule.to(), List.of());
            if (!from.isEmpty()) {
                addRule(rules, from, rule, false, peers.of(rule.to()));
            }
            if (!to.isEmpty()) {
                addRule(rules, to, rule, true, peers.of(rule.from()));
            }
        }
        return rules;
    }

    private static void addRule(Map<String, List<NodePolicy.NetworkRule>> rules,
            List<RuntimeState.Running> subjects, Rule rule, boolean ingress, List<String> peers) {
        if (peers.isEmpty()) {
            return;
        }
        NodePolicy.NetworkRule r = new NodePolicy.NetworkRule(rule.id(), ingress, peers, rule.ports(),
                rule.applications(), rule.action());
        subjects.forEach(s -> rules.computeIfAbsent(s.workload().id(), k -> new ArrayList<>()).add(r));
    }

    private static String mode(List<String> groups, Map<String, Group> stored, Map<String, String> modes) {
        String key = String.join("\n", groups);
        return modes.computeIfAbsent(key, k -> {
            Set<String> found = groups.stream().map(stored::get).filter(java.util.Objects::nonNull)
                    .map(Group::policyMode).collect(Collectors.toSet());
            return STRICTEST_FIRST.stream().filter(found::contains).findFirst().orElse("Discover");
        });
    }

    /** Each group's addresses, computed once per cycle. */
    private static final class Peers {

        private final GroupMembership membership;
        private final Map<String, List<RuntimeState.Running>> members;
        private final List<String> nodes;
        private final Map<String, List<String>> computed = new HashMap<>();

        Peers(GroupMembership membership, Map<String, List<RuntimeState.Running>> members, List<String> nodes) {
            this.membership = membership;
            this.members = members;
            this.nodes = nodes;
        }

        List<String> of(String group) {
            return computed.computeIfAbsent(group, this::compute);
        }

        private List<String> compute(String group) {
            return switch (group) {
                case GroupMembership.EXTERNAL -> List.of(GroupMembership.EXTERNAL);
                case GroupMembership.NODES -> nodes;
                default -> {
                    Optional<List<String>> address = membership.addressPeers(group);
                    yield address.isPresent() ? List.copyOf(address.get()) : IpRange.covering(addresses(members
                            .getOrDefault(group, List.of()).stream().flatMap(r -> interfaces(r.workload()))));
                }
            };
        }
    }

    private static Stream<Host.IpAddress> interfaces(Workload w) {
        return w.interfaces().values().stream().flatMap(List::stream);
    }

    /** The addresses of interfaces, loopback and what is no address literal left out. */
    private static List<InetAddress> addresses(Stream<Host.IpAddress> interfaces) {
        return interfaces.flatMap(a -> IpRange.address(a.ip()).stream()).filter(ip -> !ip.isLoopbackAddress())
                .toList();
    }
}
