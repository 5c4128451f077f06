package dev.bulwark.controller.network;

import static dev.bulwark.controller.network.GroupMembershipTest.c;
import static dev.bulwark.controller.network.GroupMembershipTest.custom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Rule;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.NodePolicy;
import dev.bulwark.link.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each container's network policy from rules, groups, containers and nodes: directions, peers, modes, scale. */
class NetworkPoliciesTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            dev.bulwark.core.json.Json.compactSnakeCase();

    static Group learned(String name, String mode) {
        return new Group(name, "", true, false, mode, mode, "", List.of(), "container", "", true, List.of(),
                "learned", null);
    }

    static Rule rule(int id, String from, String to, String ports, String action, boolean disabled,
            String... apps) {
        return new Rule(id, "", from, to, ports, action, List.of(apps), false, disabled, 0, 0, "user_created", 0, 0,
                0);
    }

    static RuntimeState.Running running(String agent, String id, String service, String domain, String ip,
            boolean running) {
        Workload w = new Workload(id, id, id, id + "-pod", domain, "img/" + service, "", service,
                "nv." + service + (domain.isEmpty() ? "" : "." + domain), "", Map.of(), running ? "running" : "exit",
                "", "", "", 0, false, false, "default", Map.of("eth0", List.of(new Host.IpAddress(ip, 16, ""))),
                List.of(), 0, "", "");
        return new RuntimeState.Running(w, agent, agent + ":m", agent);
    }

    static RuntimeState.Agent agent(String id, String... ips) {
        Host h = new Host(id + ":m", id, "", "", "", 1, 0, "", "", 2, Map.of("eth0", Stream.of(ips)
                .map(ip -> new Host.IpAddress(ip, 24, "")).toList()), Map.of());
        return new RuntimeState.Agent(id, id, h, "", null, null, RuntimeState.CONNECTED, null, 0, 0, 0);
    }

    static final List<Group> GROUPS = List.of(learned("nv.web.shop", "Protect"), learned("nv.db.vault", "Monitor"),
            learned("nv.api", "Discover"), custom("frontends", c("service", "=", "web")),
            custom("google", c("address", "=", "*.google.com")), custom("dns", c("address", "=", "8.8.8.8")),
            custom("range", c("address", "=", "10.9.0.1-10.9.0.3")));

    static final List<RuntimeState.Running> WORKLOADS = List.of(
            running("a", "web-1", "web", "shop", "10.1.0.1", true),
            running("b", "web-2", "web", "shop", "10.1.0.2", true),
            running("a", "db-1", "db", "vault", "10.1.0.3", true),
            running("b", "api-1", "api", "", "fd00::4", true),
            running("a", "old-1", "web", "shop", "10.1.0.9", false));

    static final List<RuntimeState.Agent> AGENTS = List.of(agent("a", "192.168.1.10", "127.0.0.1"),
            agent("b", "192.168.1.11"));

    static Map<String, List<NodePolicy.Network>> compute(List<Group> groups, List<Rule> rules,
            List<RuntimeState.Running> workloads, Predicate<String> quarantined) {
        return compute(groups, rules, workloads, quarantined, "");
    }

    static Map<String, List<NodePolicy.Network>> compute(List<Group> groups, List<Rule> rules,
            List<RuntimeState.Running> workloads, Predicate<String> quarantined, String globalMode) {
        Map<String, Group> byName = new HashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        return NetworkPolicies.compute(new NetworkPolicies.Inputs(rules, byName, GroupMembership.of(groups),
                workloads, AGENTS, quarantined, globalMode));
    }

    static NodePolicy.Network of(Map<String, List<NodePolicy.Network>> policies, String workload) {
        return policies.values().stream().flatMap(List::stream).filter(n -> n.workload().equals(workload))
                .findFirst().orElseThrow(() -> new AssertionError(workload + " not in " + policies));
    }

    @Test
    void rulesBecomeEgressAndIngressRulesWithTheOtherSidesAddresses() {
        var p = compute(GROUPS, List.of(
                rule(1, "nv.web.shop", "nv.db.vault", "tcp/5432", "allow", false, "PostgreSQL"),
                rule(2, "nv.api", "external", "any", "allow", false),
                rule(3, "containers", "dns", "udp/53", "allow", false),
                rule(4, "nodes", "containers", "tcp/9100", "allow", false),
                rule(5, "frontends", "google", "tcp/443", "allow", false),
                rule(6, "nv.db.vault", "nv.web.shop", "any", "deny", true),
                rule(7, "nv.api", "nodes", "tcp/10250", "deny", false),
                rule(8, "frontends", "nv.ghost", "any", "allow", false),
                rule(9, "nv.web.shop", "range", "any", "deny", false)), WORKLOADS, id -> false);

        assertThat(p.keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(p.get("a")).extracting(NodePolicy.Network::workload).containsExactly("db-1", "web-1");
        assertThat(p.get("b")).extracting(NodePolicy.Network::workload).containsExactly("api-1", "web-2");

        List<String> nodes = List.of("192.168.1.10/31");
        assertThat(of(p, "web-1").rules()).containsExactly(
                new NodePolicy.NetworkRule(1, false, List.of("10.1.0.3/32"), "tcp/5432", List.of("PostgreSQL"),
                        "allow"),
                new NodePolicy.NetworkRule(3, false, List.of("8.8.8.8/32"), "udp/53", List.of("any"), "allow"),
                new NodePolicy.NetworkRule(4, true, nodes, "tcp/9100", List.of("any"), "allow"),
                new NodePolicy.NetworkRule(5, false, List.of("fqdn:*.google.com"), "tcp/443", List.of("any"),
                        "allow"),
                new NodePolicy.NetworkRule(9, false, List.of("10.9.0.1/32", "10.9.0.2/31"), "any", List.of("any"),
                        "deny"));
        assertThat(of(p, "db-1").rules()).containsExactly(
                new NodePolicy.NetworkRule(1, true, List.of("10.1.0.1/32", "10.1.0.2/32"), "tcp/5432",
                        List.of("PostgreSQL"), "allow"),
                new NodePolicy.NetworkRule(3, false, List.of("8.8.8.8/32"), "udp/53", List.of("any"), "allow"),
                new NodePolicy.NetworkRule(4, true, nodes, "tcp/9100", List.of("any"), "allow"));
        assertThat(of(p, "api-1").rules()).extracting(r -> r.id() + (r.ingress() ? " in " : " out ") + r.peers())
                .containsExactly("2 out [external]", "3 out [8.8.8.8/32]", "4 in " + nodes, "7 out " + nodes);
        // the fewest CIDRs that hold every container's and node's address, loopback and stopped containers left out
        assertThat(of(p, "web-1").internal()).containsExactly("10.1.0.1/32", "10.1.0.2/31", "192.168.1.10/31",
                "fd00:0:0:0:0:0:0:4/128");
    }

    @Test
    void aRuleWithinOneGroupIsBothDirectionsForEachMember() {
        var p = compute(GROUPS, List.of(rule(1, "nv.web.shop", "nv.web.shop", "tcp/80", "allow", false)), WORKLOADS,
                id -> false);
        assertThat(of(p, "web-2").rules()).extracting(NodePolicy.NetworkRule::ingress).containsExactly(false, true);
        assertThat(of(p, "web-2").rules().getFirst().peers()).containsExactly("10.1.0.1/32", "10.1.0.2/32");
        assertThat(of(p, "db-1").rules()).isEmpty();
    }

    @Test
    void theModeIsTheStrictestOfTheContainersGroupsAndQuarantineIsPerContainer() {
        List<Group> groups = new ArrayList<>(GROUPS);
        groups.add(new Group("locked", "", false, false, "Protect", "", "", List.of(), "container", "", false,
                List.of(c("container", "=", "db-*")), "user_created", null));
        var p = compute(groups, List.of(), WORKLOADS, Set.of("api-1")::contains);
        assertThat(of(p, "web-1").mode()).isEqualTo("Protect");
        assertThat(of(p, "db-1").mode()).isEqualTo("Protect");
        assertThat(of(p, "api-1").mode()).isEqualTo("Discover");
        assertThat(of(p, "api-1").quarantine()).isTrue();
        assertThat(of(p, "web-1").quarantine()).isFalse();
        var unstored = compute(List.of(), List.of(), WORKLOADS, id -> false);
        assertThat(of(unstored, "db-1").mode()).isEqualTo("Discover");
        var monitor = compute(GROUPS, List.of(), WORKLOADS, id -> false);
        assertThat(of(monitor, "db-1").mode()).isEqualTo("Monitor");
        var global = compute(groups, List.of(), WORKLOADS, id -> false, "Monitor");
        assertThat(global.values().stream().flatMap(List::stream).map(NodePolicy.Network::mode)).containsOnly(
                "Monitor");
    }

    @Test
    void stoppedContainersHaveNoPolicyAndAreNoPeers() {
        var p = compute(GROUPS, List.of(rule(1, "nv.db.vault", "nv.web.shop", "any", "allow", false)), WORKLOADS,
                id -> false);
        assertThat(p.values().stream().flatMap(List::stream).map(NodePolicy.Network::workload))
                .doesNotContain("old-1");
        assertThat(of(p, "db-1").rules().getFirst().peers()).doesNotContain("10.1.0.9/32");
    }

    @Test
    void aContainerOnTheHostsNetworkHasNoPolicyOfItsOwnButIsAPeer() {
        Workload w = running("a", "agent-1", "agent", "", "192.168.1.10", true).workload();
        RuntimeState.Running onHost = new RuntimeState.Running(new Workload(w.id(), w.name(), w.displayName(),
                w.podName(), w.domain(), w.image(), w.imageId(), w.service(), w.group(), w.platformRole(), w.labels(),
                w.state(), "", "", "", 0, false, true, "host", w.interfaces(), List.of(), 0, "", ""), "a", "a:m", "a");
        List<RuntimeState.Running> workloads = new ArrayList<>(WORKLOADS);
        workloads.add(onHost);
        var p = compute(GROUPS, List.of(rule(1, "nv.web.shop", "nv.agent", "any", "allow", false)), workloads,
                id -> false);
        assertThat(p.get("a")).extracting(NodePolicy.Network::workload).containsExactly("db-1", "web-1");
        assertThat(of(p, "web-1").rules().getFirst().peers()).containsExactly("192.168.1.10/32");
    }

    @Test
    void tenThousandRulesOverHundredsOfContainers() throws Exception {
        Random random = new Random(7);
        List<Group> groups = new ArrayList<>();
        for (int s = 0; s < 150; s++) {
            groups.add(learned("nv.svc" + s + ".ns" + (s % 10), List.of("Discover", "Monitor", "Protect").get(s % 3)));
        }
        for (int g = 0; g < 50; g++) {
            groups.add(custom("custom" + g, c("namespace", "=", "ns" + (g % 10)), c("service", "prefix",
                    "svc" + g)));
            groups.add(custom("addr" + g, c("address", "=", "10.200." + g + ".0/24")));
        }
        List<RuntimeState.Running> workloads = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int s = i % 150;
            // each node numbers its containers from its own pod network, as Kubernetes does
            workloads.add(running("agent" + (i % 20), "c" + i, "svc" + s, "ns" + (s % 10),
                    "10.244." + (i % 20) + "." + (2 + i / 20), true));
        }
        List<String> names = groups.stream().map(Group::name).toList();
        List<Rule> rules = new ArrayList<>();
        for (int id = 1; id <= 10_000; id++) {
            rules.add(rule(id, names.get(random.nextInt(names.size())), names.get(random.nextInt(names.size())),
                    "tcp/" + (1000 + id), id % 7 == 0 ? "deny" : "allow", id % 50 == 0));
        }
        rules.add(rule(10_001, "containers", "external", "tcp/443", "allow", false));

        compute(groups, rules, workloads, id -> false); // warm up
        long start = System.nanoTime();
        var p = compute(groups, rules, workloads, id -> false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long pairs = p.values().stream().flatMap(List::stream).mapToLong(n -> n.rules().size()).sum();
        start = System.nanoTime();
        long bytes = 0;
        long largest = 0;
        for (List<NodePolicy.Network> node : p.values()) {
            int size = JSON.writeValueAsBytes(new NodePolicy(List.of(), node)).length;
            bytes += size;
            largest = Math.max(largest, size);
        }
        long jsonMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("network policies: 10,001 rules, %d groups, 600 containers on 20 nodes: computed in %d ms,"
                + " %d rule-container pairs; JSON for the 20 nodes %d KiB in %d ms, the largest node's %d KiB%n",
                groups.size(), millis, pairs, bytes / 1024, jsonMillis, largest / 1024);
        // each node's containers, .2 to .31, are 4 aligned blocks; the two nodes' addresses one more
        assertThat(of(p, "c0").internal()).hasSize(81);

        assertThat(p.values().stream().mapToInt(List::size).sum()).isEqualTo(600);
        assertThat(of(p, "c0").rules().getLast().id()).isEqualTo(10_001);
        assertThat(of(p, "c0").mode()).isEqualTo("Discover");
        assertThat(of(p, "c2").mode()).isEqualTo("Protect");
        assertThat(pairs).isGreaterThan(600);
    }
}
