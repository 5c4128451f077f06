package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.policy.GroupPolicy;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.ProcessRule;
import java.util.Optional;

/**
 * How a group's policy judges one process: allowed, learned, or a violation (reported, and stopped in Protect).
 * Zero-drift allows an unchanged executable of the image; basic only what a rule allows. A deny rule always wins.
 */
record Verdict(Kind kind, String ruleId) {

    enum Kind { ALLOW, LEARN, VIOLATE, DENY }

    /** @param user the name the process runs as, empty when not known */
    static Verdict of(GroupPolicy policy, String name, String path, String user, boolean fromImage) {
        Optional<ProcessRule> rule = policy.profile().decide(name, path, user);
        if (rule.isPresent() && !rule.get().allows()) {
            return violation(policy.mode(), rule.get().name() + ":" + rule.get().path());
        }
        if (rule.isPresent() || policy.zeroDrift() && fromImage && policy.mode() != Mode.Discover) {
            return new Verdict(Kind.ALLOW, "");
        }
        return policy.mode() == Mode.Discover ? new Verdict(Kind.LEARN, "") : violation(policy.mode(), "");
    }

    private static Verdict violation(Mode mode, String ruleId) {
        return new Verdict(switch (mode) {
            case Protect -> Kind.DENY;
            case Monitor, Discover -> Kind.VIOLATE;
        }, ruleId);
    }
}
