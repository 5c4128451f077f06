package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.policy.Rule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learned rules as stored: ids, merging of ports, the collapse to any, what cannot be learned. */
class NetworkLearningTest {

    @TempDir
    Path dir;
    NetworkFixture f;
    NetworkLearning learning;

    @BeforeEach
    void start() {
        f = new NetworkFixture(dir);
        f.workload("w1", "web", "shop", "10.1.0.10", "Discover");
        f.workload("d1", "db", "shop", "10.1.0.20", "Discover");
        learning = new NetworkLearning(f.policy, new ConversationsVerdict(f.policy), f.store.clock());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void portsJoinTheRuleOfTheirPairUntilThereAreTooManyThenAnyPortIsAllowed() {
        int first = learning.learn("nv.web.shop", "nv.db.shop", 6, 1, "");
        for (int port = 2; port <= NetworkLearning.MAX_PORTS; port++) {
            assertThat(learning.learn("nv.web.shop", "nv.db.shop", 6, port, "")).isEqualTo(first);
        }
        Rule r = f.policy.rule(first).orElseThrow();
        assertThat(r.ports().split(",")).hasSize(NetworkLearning.MAX_PORTS);
        assertThat(learning.learn("nv.web.shop", "nv.db.shop", 17, 9, "")).isEqualTo(first);
        assertThat(f.policy.rule(first).orElseThrow().ports()).isEqualTo("any");
        assertThat(learning.learn("nv.web.shop", "nv.db.shop", 6, 40_000, "")).as("allowed now").isEqualTo(first);
        assertThat(f.policy.ruleCount()).isEqualTo(1);
    }

    @Test
    void idsStartAtTenThousandAfterUserRulesAndEachPairHasItsRule() {
        f.rule("nv.web.shop", "nv.db.shop", "tcp/1", "allow", List.of("any"));
        int a = learning.learn("nv.web.shop", "nv.db.shop", 6, 2, "");
        int b = learning.learn("nv.db.shop", "nv.web.shop", 6, 2, "");
        int c = learning.learn("nv.web.shop", "nv.db.shop", 6, 3, "HTTP");
        assertThat(List.of(a, b, c)).containsExactly(10_000, 10_001, 10_002);
        assertThat(learning.learn("nv.web.shop", "nv.db.shop", 6, 1, "")).as("the user rule allows it").isEqualTo(1);
        assertThat(f.policy.orderedRules()).extracting(Rule::id).containsExactly(1, 10_000, 10_001, 10_002);
    }

    @Test
    void nothingIsLearnedForAGroupThatIsGoneOrForOtherProtocols() {
        assertThat(learning.learn("nv.web.shop", "nv.gone.shop", 6, 80, "")).isZero();
        assertThat(learning.learn("nv.web.shop", "nv.db.shop", 1, 0, "")).isZero();
        assertThat(learning.learn("nv.web.shop", "nv.db.shop", 132, 80, "")).isZero();
        assertThat(f.policy.ruleCount()).isZero();
    }

    @Test
    void aPortJoinsARuleOnce() {
        assertThat(NetworkLearning.withPort("tcp/80", "tcp/80")).isEqualTo("tcp/80");
        assertThat(NetworkLearning.withPort("udp/53, tcp/80", "tcp/443")).isEqualTo("tcp/443,tcp/80,udp/53");
        assertThat(NetworkLearning.withPort("any", "tcp/1")).isEqualTo("any");
    }
}
