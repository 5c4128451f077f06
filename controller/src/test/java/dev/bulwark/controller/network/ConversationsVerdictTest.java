package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.network.ConversationsVerdict.Action;
import dev.bulwark.controller.policy.NetworkRules;
import dev.bulwark.controller.policy.Rule;
import dev.bulwark.link.model.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First-match rule lookup over stored rules, and the verdict of each mode. */
class ConversationsVerdictTest {

    static final Set<String> WEB = Set.of("nv.web.shop", "containers");
    static final Set<String> DB = Set.of("nv.db.shop", "containers");

    @TempDir
    Path dir;
    NetworkFixture f;
    ConversationsVerdict verdict;

    @BeforeEach
    void start() {
        f = new NetworkFixture(dir);
        f.workload("w1", "web", "shop", "10.1.0.10", "Monitor");
        f.workload("d1", "db", "shop", "10.1.0.20", "Monitor");
        verdict = new ConversationsVerdict(f.policy);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Optional<Integer> match(Set<String> from, Set<String> to, int proto, int port, String app) {
        return verdict.firstMatch(from, to, proto, port, app).map(Rule::id);
    }

    @Test
    void theFirstMatchingRuleInOrderDecides() {
        f.rule("nv.web.shop", "nv.db.shop", "tcp/5432", "deny", List.of("any"));
        f.rule("containers", "containers", "any", "allow", List.of("any"));
        assertThat(match(WEB, DB, 6, 5432, "")).contains(1);
        assertThat(match(WEB, DB, 6, 80, "")).contains(2);
        assertThat(match(DB, WEB, 6, 5432, "")).as("rules have a direction").contains(2);
        assertThat(match(Set.of("external"), DB, 6, 80, "")).isEmpty();
    }

    @Test
    void disabledRulesAreSkippedAndAChangeIsSeenAtOnce() {
        f.rule("nv.web.shop", "nv.db.shop", "any", "deny", List.of("any"));
        f.rule("nv.web.shop", "nv.db.shop", "any", "allow", List.of("any"));
        assertThat(match(WEB, DB, 6, 80, "")).contains(1);
        f.rules.update(NetworkFixture.ADMIN, 1, new NetworkRules.Change(null, null, null, null, null, null, true,
                null));
        assertThat(match(WEB, DB, 6, 80, "")).contains(2);
        f.rules.delete(NetworkFixture.ADMIN, List.of(2));
        assertThat(match(WEB, DB, 6, 80, "")).isEmpty();
    }

    @Test
    void applicationsAreAnyOrTheOneRecognised() {
        f.rule("nv.web.shop", "nv.db.shop", "any", "allow", List.of("HTTP", "SSL"));
        f.rule("nv.web.shop", "nv.db.shop", "tcp/5432", "allow", List.of("PostgreSQL", "any"));
        assertThat(match(WEB, DB, 6, 8080, "HTTP")).contains(1);
        assertThat(match(WEB, DB, 6, 8080, "http")).as("names compare without case").contains(1);
        assertThat(match(WEB, DB, 6, 8080, "")).as("nothing recognised is no named application").isEmpty();
        assertThat(match(WEB, DB, 6, 8080, "Redis")).isEmpty();
        assertThat(match(WEB, DB, 6, 5432, "Redis")).as("any among the names").contains(2);
    }

    private static Connection reported(String action, int ruleId) {
        return new Connection("w1", false, "10.1.0.10", "10.1.0.20", 80, 6, "", "", action, ruleId, 1, 1, 1, 1);
    }

    @Test
    void eachModeJudgesWhatNoRuleAllows() {
        assertThat(verdict.judge(WEB, DB, "Discover", reported("open", 0)))
                .isEqualTo(new ConversationsVerdict.Verdict(Action.ALLOW, 0, true));
        assertThat(verdict.judge(WEB, DB, "Monitor", reported("open", 0)))
                .isEqualTo(new ConversationsVerdict.Verdict(Action.VIOLATE, 0, false));
        assertThat(verdict.judge(WEB, DB, "Protect", reported("allow", 0)).action()).isEqualTo(Action.ALLOW);
        assertThat(verdict.judge(WEB, DB, "Protect", reported("open", 0)).violation()).isFalse();
        assertThat(verdict.judge(WEB, DB, "Protect", reported("deny", 0)))
                .isEqualTo(new ConversationsVerdict.Verdict(Action.DENY, 0, false));
        assertThat(verdict.judge(WEB, DB, "", reported("open", 0)).action()).isEqualTo(Action.OPEN);
    }

    @Test
    void rulesDecideInDiscoverAndMonitor() {
        f.rule("nv.web.shop", "nv.db.shop", "tcp/80", "allow", List.of("any"));
        f.rule("nv.web.shop", "nv.db.shop", "tcp/81", "deny", List.of("any"));
        for (String mode : List.of("Discover", "Monitor")) {
            assertThat(verdict.judge(WEB, DB, mode, reported("open", 0)))
                    .isEqualTo(new ConversationsVerdict.Verdict(Action.ALLOW, 1, false));
            Connection to81 = new Connection("w1", false, "10.1.0.10", "10.1.0.20", 81, 6, "", "", "open", 0, 1, 1,
                    1, 1);
            assertThat(verdict.judge(WEB, DB, mode, to81))
                    .isEqualTo(new ConversationsVerdict.Verdict(Action.VIOLATE, 2, false));
        }
        assertThat(verdict.judge(WEB, DB, "Monitor", reported("deny", 7)))
                .as("what an enforcer dropped stays dropped").isEqualTo(new ConversationsVerdict.Verdict(Action.DENY,
                        7, false));
    }
}
