package dev.bulwark.controller.network;

import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.runtime.TestNode;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.link.model.NodePolicy;
import dev.bulwark.link.model.Workload;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network half of the policy a controller pushes to real link clients: rules made through the REST API reach
 * the nodes of the containers they concern with the other side's addresses, containers starting and stopping change
 * the peers, and a node whose policy did not change is not sent another.
 */
class NetworkPoliciesPushTest extends ControllerTest {

    static final Workload WEB = TestNode.workload("aa01", "web-1", "shop", "web", true);
    static final Workload DB = TestNode.workload("bb01", "db-1", "vault", "db", true);
    static final Workload DB_2 = TestNode.workload("bb02", "db-2", "vault", "db", true);
    static final Workload API = TestNode.workload("cc01", "api-1", "", "api", true);

    TestNode one;
    TestNode two;

    @BeforeEach
    void nodes() throws Exception {
        one = TestNode.join(c, admin, "node-1");
        one.report(true, WEB, DB);
        two = TestNode.join(c, admin, "node-2");
        two.report(true, API);
    }

    @AfterEach
    void closeNodes() {
        one.close();
        two.close();
    }

    /** The CIDRs a controller names these containers' addresses by. */
    static List<String> cidrs(Workload... workloads) {
        return IpRange.covering(java.util.Arrays.stream(workloads).map(w -> IpRange.address(w.interfaces()
                .get("eth0").getFirst().ip()).orElseThrow()).toList());
    }

    static boolean covers(List<String> cidrs, Workload w) {
        var ip = IpRange.address(w.interfaces().get("eth0").getFirst().ip()).orElseThrow();
        return cidrs.stream().anyMatch(c -> IpRange.parse(c).orElseThrow().contains(ip));
    }

    private void addRule(int id, String from, String to, String ports, String action) {
        assertOk(c.as(admin, "PATCH", "/v1/policy/rule", ("{\"insert\": {\"after\": -1, \"rules\": [{\"id\": %d, "
                + "\"from\": \"%s\", \"to\": \"%s\", \"ports\": \"%s\", \"action\": \"%s\"}]}}")
                .formatted(id, from, to, ports, action)));
    }

    static Optional<NodePolicy.Network> network(NodePolicy p, String workload) {
        return p.network().stream().filter(n -> n.workload().equals(workload)).findFirst();
    }

    /** Waits until the last policy pushed to the node is as wanted. */
    static NodePolicy awaitLast(TestNode node, Predicate<NodePolicy> wanted) throws InterruptedException {
        Patience.await(() -> !node.policies().isEmpty() && wanted.test(node.policies().getLast()),
                () -> "the last policy pushed to " + node.node() + " as wanted: " + node.policies());
        return node.policies().getLast();
    }

    static boolean hasRule(NodePolicy p, String workload, int id, boolean ingress, List<String> peers) {
        return network(p, workload).map(n -> n.rules().stream().anyMatch(r -> r.id() == id
                && r.ingress() == ingress && r.peers().equals(peers))).orElse(false);
    }

    @Test
    void rulesReachTheNodesOfTheirContainersWithThePeersAddresses() throws Exception {
        awaitLast(two, p -> network(p, "cc01").isPresent());
        addRule(1, "nv.web.shop", "nv.db.vault", "tcp/5432", "allow");
        NodePolicy p = awaitLast(one, x -> hasRule(x, "aa01", 1, false, cidrs(DB))
                && hasRule(x, "bb01", 1, true, cidrs(WEB)));
        NodePolicy.Network web = network(p, "aa01").orElseThrow();
        assertThat(web.mode()).isEqualTo("Discover");
        assertThat(web.quarantine()).isFalse();
        assertThat(web.rules().getFirst().ports()).isEqualTo("tcp/5432");
        assertThat(List.of(WEB, DB, API)).allMatch(w -> covers(web.internal(), w));
        assertThat(web.internal()).contains("10.0.0.7/32"); // the nodes'
        assertThat(web.internal()).noneMatch(c -> c.startsWith("127."));

        addRule(2, "nv.api", "external", "tcp/443", "allow");
        awaitLast(two, x -> hasRule(x, "cc01", 2, false, List.of("external")));

        // a Protect group's containers are pushed in Protect
        assertOk(c.as(admin, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"db.vault\"],"
                + " \"policy_mode\": \"Protect\"}}"));
        awaitLast(one, x -> network(x, "bb01").map(n -> n.mode().equals("Protect")).orElse(false));

        // a disabled rule is no longer pushed
        assertOk(c.as(admin, "PATCH", "/v1/policy/rule/1", "{\"config\": {\"id\": 1, \"disable\": true}}"));
        awaitLast(one, x -> network(x, "aa01").map(n -> n.rules().isEmpty()).orElse(false));
    }

    @Test
    void containersStartingAndStoppingChangeThePeers() throws Exception {
        addRule(1, "nv.web.shop", "nv.db.vault", "any", "allow");
        awaitLast(one, x -> hasRule(x, "aa01", 1, false, cidrs(DB)));
        two.report(false, DB_2);
        awaitLast(one, x -> hasRule(x, "aa01", 1, false, cidrs(DB, DB_2)));
        awaitLast(two, x -> hasRule(x, "bb02", 1, true, cidrs(WEB)));
        one.stop("bb01");
        awaitLast(one, x -> hasRule(x, "aa01", 1, false, cidrs(DB_2)) && network(x, "bb01").isEmpty());
        // the last db container exits: the rule has no one to reach and is left out
        two.report(false, TestNode.workload("bb02", "db-2", "vault", "db", false));
        awaitLast(one, x -> network(x, "aa01").map(n -> n.rules().isEmpty()).orElse(false));
        awaitLast(two, x -> network(x, "bb02").isEmpty());
    }

    @Test
    void aNodeWhosePolicyDidNotChangeIsNotSentAnother() throws Exception {
        awaitLast(two, p -> network(p, "cc01").isPresent() && p.groups().stream()
                .anyMatch(g -> g.name().equals("nv.api")));
        int before = two.policies().size();
        // concerns node-1's containers only
        addRule(1, "nv.web.shop", "nv.db.vault", "tcp/5432", "allow");
        awaitLast(one, x -> hasRule(x, "aa01", 1, false, cidrs(DB)));
        // then one that concerns node-2: it is sent exactly one more policy, with that rule
        addRule(2, "nv.api", "external", "tcp/443", "allow");
        awaitLast(two, x -> hasRule(x, "cc01", 2, false, List.of("external")));
        assertThat(two.policies()).hasSize(before + 1);
    }
}
