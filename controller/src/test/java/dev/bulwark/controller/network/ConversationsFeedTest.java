package dev.bulwark.controller.network;

import static dev.bulwark.controller.network.NetworkFixture.egress;
import static dev.bulwark.controller.network.NetworkFixture.ingress;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.policy.Criterion;
import dev.bulwark.controller.policy.Rule;
import dev.bulwark.link.model.Connection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection reports through {@link ConversationsFeed} over a real store and policy: both ends' reports counted
 * once, Discover learning (idempotent, merged per pair, only in Discover and by the least restrictive mode),
 * Monitor's and Protect's violations, address groups by name, and hostile reports refused.
 */
class ConversationsFeedTest {

    static final String WEB_IP = "10.1.0.10";
    static final String DB_IP = "10.1.0.20";

    @TempDir
    Path dir;
    NetworkFixture f;

    @BeforeEach
    void start() {
        f = new NetworkFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private List<Rule> learned() {
        return f.policy.orderedRules().stream().filter(r -> r.cfgType().equals("learned")).toList();
    }

    @Test
    void aConnectionBetweenTwoContainersIsCountedOnceFromItsEgress() {
        f.workload("w1", "web", "shop", WEB_IP, "Monitor");
        f.workload("d1", "db", "shop", DB_IP, "Monitor");
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""), ingress("d1", WEB_IP, DB_IP, 5432, ""));
        assertThat(f.conversations.all()).singleElement().satisfies(c -> {
            assertThat(c.from().id()).isEqualTo("w1");
            assertThat(c.to().id()).isEqualTo("d1");
            assertThat(c.sessions()).isEqualTo(1);
            assertThat(c.bytes()).isEqualTo(100);
        });
        assertThat(f.violations.all()).hasSize(1);
    }

    @Test
    void anIngressFromOutsideIsCountedAndItsClientIsExternal() {
        f.workload("w1", "web", "shop", WEB_IP, "Monitor");
        f.report(ingress("w1", "93.184.216.34", WEB_IP, 443, "SSL"), ingress("w1", "10.9.9.9", WEB_IP, 80, ""),
                ingress("w1", NetworkFixture.NODE_IP, WEB_IP, 8080, ""));
        assertThat(f.conversations.all()).extracting(c -> c.from().id() + ">" + c.to().id())
                .containsExactlyInAnyOrder("external>w1", "Workload:10.9.9.9>w1", "Host:node-1:m1>w1");
        assertThat(f.conversations.between("external", "w1").orElseThrow().entries().getFirst().key().application())
                .isEqualTo("SSL");
    }

    @Test
    void discoverLearnsOneRulePerPairAndApplicationAndTheSameConversationAgainChangesNothing() {
        f.workload("w1", "web", "shop", WEB_IP, "Discover");
        f.workload("d1", "db", "shop", DB_IP, "Discover");
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""));
        assertThat(learned()).singleElement().satisfies(r -> {
            assertThat(r.id()).isGreaterThanOrEqualTo(10_000);
            assertThat(r.from()).isEqualTo("nv.web.shop");
            assertThat(r.to()).isEqualTo("nv.db.shop");
            assertThat(r.ports()).isEqualTo("tcp/5432");
            assertThat(r.applications()).containsExactly("any");
            assertThat(r.action()).isEqualTo("allow");
            assertThat(r.learned()).isTrue();
        });
        long version = f.policy.version();
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""), egress("w1", WEB_IP, DB_IP, 5432, ""));
        assertThat(f.policy.version()).as("learning what is allowed writes nothing").isEqualTo(version);

        f.report(egress("w1", WEB_IP, DB_IP, 5433, ""));
        assertThat(learned()).singleElement().extracting(Rule::ports).isEqualTo("tcp/5432,tcp/5433");
        f.report(egress("w1", WEB_IP, DB_IP, 80, "HTTP"));
        assertThat(learned()).hasSize(2).last().satisfies(r -> {
            assertThat(r.ports()).isEqualTo("tcp/80");
            assertThat(r.applications()).containsExactly("HTTP");
        });
        f.report(egress("w1", WEB_IP, DB_IP, 9000, "Invented"), egress("w1", WEB_IP, DB_IP, 9001, "Made-Up"));
        assertThat(learned()).as("names NeuVector does not know learn port rules").hasSize(2).first()
                .extracting(Rule::ports).isEqualTo("tcp/5432,tcp/5433,tcp/9000,tcp/9001");
        Connection udp = new Connection("w1", false, WEB_IP, DB_IP, 53, 17, "", "", "open", 0, 1, 60, 1, 1);
        f.report(udp);
        assertThat(learned()).extracting(Rule::ports).contains("tcp/5432,tcp/5433,tcp/9000,tcp/9001,udp/53");

        var entry = f.conversations.between("w1", "d1").orElseThrow().entries().getFirst();
        assertThat(entry.policyId()).isEqualTo(learned().getFirst().id());
        assertThat(entry.key().action()).isEqualTo(ConversationsVerdict.Action.ALLOW);
        assertThat(f.violations.all()).isEmpty();
    }

    @Test
    void theLeastRestrictiveModeDecides_aMonitorClientOfADiscoverServerLearns() {
        f.workload("w1", "web", "shop", WEB_IP, "Monitor");
        f.workload("d1", "db", "shop", DB_IP, "Discover");
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""));
        assertThat(learned()).hasSize(1);
        assertThat(f.violations.all()).isEmpty();
    }

    @Test
    void theGlobalNetworkModeIsEveryGroupsMode() {
        f.workload("w1", "web", "shop", WEB_IP, "Discover");
        f.workload("d1", "db", "shop", DB_IP, "Discover");
        f.globalMode.set("Monitor");
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""));
        assertThat(learned()).isEmpty();
        assertThat(f.violations.all()).hasSize(1);
        f.globalMode.set("");
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""));
        assertThat(learned()).hasSize(1);
    }

    @Test
    void monitorLearnsNothingAndLogsWhatNoRuleAllows() {
        f.workload("w1", "web", "shop", WEB_IP, "Monitor");
        f.workload("d1", "db", "shop", DB_IP, "Protect");
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""));
        assertThat(learned()).isEmpty();
        JsonNode v = f.violations.all().getFirst();
        assertThat(v.path("name").asText()).isEqualTo("Network.Violation");
        assertThat(v.path("level").asText()).isEqualTo("Warning");
        assertThat(v.path("policy_action").asText()).isEqualTo("violate");
        assertThat(v.path("policy_id").asInt()).isZero();
        assertThat(v.path("client_id").asText()).isEqualTo("w1");
        assertThat(v.path("client_name").asText()).isEqualTo("web-w1");
        assertThat(v.path("client_domain").asText()).isEqualTo("shop");
        assertThat(v.path("client_image").asText()).isEqualTo("img/web");
        assertThat(v.path("client_service").asText()).isEqualTo("web");
        assertThat(v.path("server_id").asText()).isEqualTo("d1");
        assertThat(v.path("server_port").asInt()).isEqualTo(5432);
        assertThat(v.path("ip_proto").asInt()).isEqualTo(6);
        assertThat(v.path("client_ip").asText()).isEqualTo(WEB_IP);
        assertThat(v.path("server_ip").asText()).isEqualTo(DB_IP);
        assertThat(v.path("host_name").asText()).isEqualTo("node-1");
        assertThat(v.path("enforcer_id").asText()).isEqualTo(NetworkFixture.AGENT);
        assertThat(v.path("reported_at").asText()).isEqualTo("2026-12-04T12:00:00Z");

        f.report(new Connection("w1", false, WEB_IP, DB_IP, 5432, 6, "", "", "open", 0, 0, 4096, 1_000, 1_060));
        assertThat(f.violations.all()).as("the bytes of a session already logged").hasSize(1);
        assertThat(f.violations.all().getFirst().path("count").asInt()).isEqualTo(1);
        assertThat(f.conversations.between("w1", "d1").orElseThrow().bytes()).isEqualTo(4196);

        f.rule("nv.web.shop", "nv.db.shop", "tcp/5432", "allow", List.of("any"));
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""));
        assertThat(f.violations.all()).hasSize(1);
        assertThat(f.conversations.between("w1", "d1").orElseThrow().entries())
                .extracting(e -> e.key().action()).contains(ConversationsVerdict.Action.ALLOW);
    }

    @Test
    void aDenyRuleIsAViolationInDiscoverAndNothingIsLearned() {
        f.workload("w1", "web", "shop", WEB_IP, "Discover");
        f.workload("d1", "db", "shop", DB_IP, "Discover");
        f.rule("nv.web.shop", "nv.db.shop", "any", "deny", List.of("any"));
        int deny = f.policy.orderedRules().getFirst().id();
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""));
        assertThat(learned()).isEmpty();
        assertThat(f.violations.all()).singleElement().satisfies(v -> {
            assertThat(v.path("policy_action").asText()).isEqualTo("violate");
            assertThat(v.path("policy_id").asInt()).isEqualTo(deny);
        });
    }

    @Test
    void protectLogsWhatTheEnforcerDeniedOnly() {
        f.workload("w1", "web", "shop", WEB_IP, "Protect");
        f.workload("d1", "db", "shop", DB_IP, "Protect");
        f.report(egress("w1", WEB_IP, DB_IP, 5432, ""));
        assertThat(f.violations.all()).isEmpty();
        f.report(new Connection("w1", false, WEB_IP, DB_IP, 22, 6, "", "", "deny", 0, 1, 0, 1, 1));
        assertThat(f.violations.all()).singleElement().satisfies(v -> {
            assertThat(v.path("policy_action").asText()).isEqualTo("deny");
            assertThat(v.path("level").asText()).isEqualTo("Critical");
        });
        assertThat(f.conversations.between("w1", "d1").orElseThrow().action())
                .isEqualTo(ConversationsVerdict.Action.DENY);
    }

    @Test
    void anAddressGroupMatchesTheNameADnsAnswerGaveTheServer() {
        f.workload("w1", "web", "shop", WEB_IP, "Monitor");
        f.policy.createGroup(NetworkFixture.ADMIN, "example", "", List.of(new Criterion("address", "*.example.com",
                "=")), null);
        f.rule("nv.web.shop", "example", "tcp/443", "allow", List.of("any"));
        Connection named = new Connection("w1", false, WEB_IP, "93.184.216.34", 443, 6, "SSL", "www.example.com",
                "open", 0, 1, 10, 1, 1);
        f.report(named);
        assertThat(f.violations.all()).isEmpty();
        assertThat(f.conversations.between("w1", "external").orElseThrow().entries().getFirst().fqdn())
                .isEqualTo("www.example.com");
        f.report(egress("w1", WEB_IP, "93.184.216.34", 443, "SSL"));
        assertThat(f.violations.all()).singleElement().extracting(v -> v.path("server_id").asText())
                .isEqualTo("external");
    }

    @Test
    void discoverLearnsToTheAddressGroupThatHoldsTheServerElseToExternal() {
        f.workload("w1", "web", "shop", WEB_IP, "Discover");
        f.policy.createGroup(NetworkFixture.ADMIN, "example", "", List.of(new Criterion("address", "*.example.com",
                "=")), null);
        f.policy.createGroup(NetworkFixture.ADMIN, "lab", "", List.of(new Criterion("address", "10.9.0.0/16",
                "=")), null);
        f.report(new Connection("w1", false, WEB_IP, "93.184.216.34", 443, 6, "SSL", "www.example.com", "open", 0,
                1, 10, 1, 1), egress("w1", WEB_IP, "8.8.8.8", 53, "DNS"), egress("w1", WEB_IP, "10.9.9.9", 22, ""),
                egress("w1", WEB_IP, "10.8.8.8", 22, ""));
        assertThat(learned()).extracting(r -> r.to() + " " + r.ports()).containsExactly("example tcp/443",
                "external tcp/53", "lab tcp/22");
        assertThat(f.conversations.between("w1", "Workload:10.8.8.8").orElseThrow().action())
                .as("an address in no group is not learned").isEqualTo(ConversationsVerdict.Action.OPEN);
    }

    @Test
    void aContainersModeDecidesItsTrafficWithANodeWhateverTheNodesMode() {
        f.workload("w1", "web", "shop", WEB_IP, "Monitor");
        f.report(egress("w1", WEB_IP, NetworkFixture.NODE_IP, 9100, ""),
                ingress("w1", NetworkFixture.NODE_IP, WEB_IP, 8080, ""));
        assertThat(f.policy.group("nodes").orElseThrow().policyMode()).isEqualTo("Discover");
        assertThat(learned()).isEmpty();
        assertThat(f.violations.all()).extracting(v -> v.path("server_id").asText()).containsExactlyInAnyOrder(
                "Host:node-1:m1", "w1");
    }

    @Test
    void aNodesOwnConnectionIsItsHostsAndNodesLearnInDiscover() {
        f.report(egress("", NetworkFixture.NODE_IP, "93.184.216.34", 443, ""));
        assertThat(f.conversations.all()).singleElement().satisfies(c -> {
            assertThat(c.from().id()).isEqualTo("Host:node-1:m1");
            assertThat(c.from().kind()).isEqualTo(Endpoints.Kind.NODE);
            assertThat(c.to().id()).isEqualTo("external");
        });
        assertThat(learned()).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo("nodes");
            assertThat(r.to()).isEqualTo("external");
        });
    }

    @Test
    void hostileReportsAreRefusedAndCounted() {
        f.workload("w1", "web", "shop", WEB_IP, "Monitor");
        f.report(egress("w1", "999.1.1.1", DB_IP, 80, ""), egress("w1", WEB_IP, "db.example.com", 80, ""),
                egress("w1", WEB_IP, "", 80, ""), egress("w1", WEB_IP, DB_IP, 70_000, ""),
                egress("w1", WEB_IP, DB_IP, -1, ""), egress("w1", WEB_IP, DB_IP, 80, "HTTP 1.1"),
                egress("w1", WEB_IP, DB_IP, 80, "A".repeat(65)), egress("w1", WEB_IP, DB_IP + "x".repeat(100_000), 80,
                        ""),
                egress("not-running-here", WEB_IP, DB_IP, 80, ""),
                new Connection("w1", false, WEB_IP, DB_IP, 80, 6, "", "", "drop", 0, 1, 1, 1, 1),
                new Connection("w1", false, WEB_IP, DB_IP, 80, 300, "", "", "open", 0, 1, 1, 1, 1),
                new Connection("w1", false, WEB_IP, DB_IP, 80, 6, "", "bad name!", "open", 0, 1, 1, 1, 1),
                new Connection("w1", false, WEB_IP, DB_IP, 80, 6, "", "", "open", 0, -1, 1, 1, 1));
        assertThat(f.feed.refused()).isEqualTo(13);
        assertThat(f.conversations.all()).isEmpty();
        assertThat(f.violations.all()).isEmpty();
    }

    @Test
    void aContainerOfAnotherNodeCannotBeClaimed() {
        f.workload("w1", "web", "shop", WEB_IP, "Monitor");
        f.state.connected("enforcer-2", "node-2", null, "1", java.time.Instant.EPOCH, java.time.Instant.EPOCH,
                java.time.Instant.EPOCH);
        f.feed.apply(f.state.agent("enforcer-2").orElseThrow(), List.of(egress("w1", WEB_IP, DB_IP, 80, "")));
        assertThat(f.feed.refused()).isEqualTo(1);
        assertThat(f.conversations.all()).isEmpty();
    }

    @Test
    void anIpv4MappedAddressIsTheContainersAddress() {
        f.workload("w1", "web", "shop", WEB_IP, "Monitor");
        f.workload("d1", "db", "shop", DB_IP, "Monitor");
        f.report(egress("w1", WEB_IP, "::ffff:" + DB_IP, 5432, ""));
        assertThat(f.conversations.between("w1", "d1")).isPresent();
    }
}
