package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.policy.GroupPolicy;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.ProcessRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static GroupPolicy policy(Mode mode, String baseline) {
        return new GroupPolicy("nv.web", mode, baseline, List.of(
                new ProcessRule("nginx", "/usr/sbin/nginx", "www-data", "allow", null),
                new ProcessRule("curl", "*", null, "deny", null)), List.of());
    }

    private static Verdict.Kind kind(Mode mode, String baseline, String name, String path, boolean fromImage) {
        return Verdict.of(policy(mode, baseline), name, path, "www-data", fromImage).kind();
    }

    @Test
    void eachModeAndBaselineJudgesAsNeuVectorDoes() {
        for (String baseline : new String[] {GroupPolicy.BASIC, GroupPolicy.ZERO_DRIFT}) {
            assertThat(kind(Mode.Discover, baseline, "sh", "/bin/sh", true)).isEqualTo(Verdict.Kind.LEARN);
            assertThat(kind(Mode.Monitor, baseline, "nginx", "/usr/sbin/nginx", false)).isEqualTo(Verdict.Kind.ALLOW);
            assertThat(kind(Mode.Protect, baseline, "curl", "/usr/bin/curl", true)).as("a deny rule always wins")
                    .isEqualTo(Verdict.Kind.DENY);
            assertThat(kind(Mode.Monitor, baseline, "curl", "/usr/bin/curl", true)).isEqualTo(Verdict.Kind.VIOLATE);
            assertThat(kind(Mode.Discover, baseline, "curl", "/usr/bin/curl", true)).isEqualTo(Verdict.Kind.VIOLATE);
            assertThat(kind(Mode.Protect, baseline, "miner", "/tmp/miner", false)).isEqualTo(Verdict.Kind.DENY);
        }
        assertThat(kind(Mode.Protect, GroupPolicy.ZERO_DRIFT, "sh", "/bin/sh", true)).as("from the image")
                .isEqualTo(Verdict.Kind.ALLOW);
        assertThat(kind(Mode.Protect, GroupPolicy.BASIC, "sh", "/bin/sh", true)).as("basic: rules only")
                .isEqualTo(Verdict.Kind.DENY);
        assertThat(kind(Mode.Monitor, GroupPolicy.ZERO_DRIFT, "sh", "/bin/sh", false)).as("drifted")
                .isEqualTo(Verdict.Kind.VIOLATE);
    }

    @Test
    void aRuleForOneUserDoesNotAllowAnother() {
        GroupPolicy monitor = policy(Mode.Monitor, GroupPolicy.BASIC);
        assertThat(Verdict.of(monitor, "nginx", "/usr/sbin/nginx", "root", false).kind()).as("nginx as root")
                .isEqualTo(Verdict.Kind.VIOLATE);
        assertThat(Verdict.of(monitor, "nginx", "/usr/sbin/nginx", "", false).kind())
                .as("a process gone before its user was read").isEqualTo(Verdict.Kind.ALLOW);
        assertThat(Verdict.of(monitor, "curl", "/usr/bin/curl", "root", false).kind()).as("a rule for any user")
                .isEqualTo(Verdict.Kind.VIOLATE);
        assertThat(Verdict.of(policy(Mode.Discover, GroupPolicy.BASIC), "nginx", "/usr/sbin/nginx", "root", false)
                .kind()).as("a new (name, path, user) is learned").isEqualTo(Verdict.Kind.LEARN);
    }
}
