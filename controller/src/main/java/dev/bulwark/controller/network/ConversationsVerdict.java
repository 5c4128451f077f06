package dev.bulwark.controller.network;

import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.Rule;
import dev.bulwark.link.model.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the policy says of a conversation, as NeuVector's enforcers decide it: the first enabled network rule in
 * order whose {@code from} names a group of the client, {@code to} a group of the server, whose ports hold the
 * port and whose applications are {@code any} or name the application recognised. Then the mode decides: an allow
 * rule allows; a deny rule is a violation in Discover and Monitor; no rule is learned in Discover and a violation
 * in Monitor. In Protect the enforcer enforces, so what it reports stands: {@code deny} when it dropped. The rules
 * are compiled once per policy version, indexed by their {@code from} group, so that a lookup reads only the rules
 * of the client's few groups.
 */
final class ConversationsVerdict {

    /** NeuVector's {@code policy_action}s, least severe first (a conversation shows its most severe). */
    enum Action {
        OPEN, ALLOW, VIOLATE, DENY;

        String rest() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param policyId the rule that decided, 0 for none
     * @param learn no rule matched in Discover: a rule is to be learned
     */
    record Verdict(Action action, int policyId, boolean learn) {

        boolean violation() {
            return action == Action.VIOLATE || action == Action.DENY;
        }
    }

    /**
     * A rule with its place in the order, its ports parsed and its applications in lower case (empty for
     * {@code any}).
     */
    private record Compiled(int order, Rule rule, ConversationsPorts ports, Set<String> applications) {

        boolean matches(Set<String> to, int proto, int port, String application) {
            return to.contains(rule.to()) && ports.holds(proto, port)
                    && (applications.isEmpty() || applications.contains(application.toLowerCase(Locale.ROOT)));
        }
    }

    /** The enabled rules by {@code from} group, each list in rule order. */
    private record Rules(long version, Map<String, List<Compiled>> byFrom) {}

    private final Policy policy;
    private volatile Rules rules = new Rules(-1, Map.of());

    ConversationsVerdict(Policy policy) {
        this.policy = policy;
    }

    /** The rule that decides traffic from groups {@code from} to groups {@code to}, if any. */
    Optional<Rule> firstMatch(Set<String> from, Set<String> to, int proto, int port, String application) {
        Map<String, List<Compiled>> byFrom = rules().byFrom();
        Compiled first = null;
        for (String group : from) {
            for (Compiled c : byFrom.getOrDefault(group, List.of())) {
                if (first != null && c.order() > first.order()) {
                    break;
                }
                if (c.matches(to, proto, port, application)) {
                    first = c;
                    break;
                }
            }
        }
        return Optional.ofNullable(first).map(Compiled::rule);
    }

    /**
     * The verdict on a conversation between these groups, in {@code mode} (the least restrictive of its two ends'
     * modes, NeuVector's contention rule; empty when neither end has one).
     */
    Verdict judge(Set<String> from, Set<String> to, String mode, Connection c) {
        if (c.action().equals(Connection.DENY)) {
            return new Verdict(Action.DENY, c.ruleId(), false);
        }
        Action reported = c.action().equals(Connection.ALLOW) ? Action.ALLOW : Action.OPEN;
        if (mode.isEmpty() || mode.equals("Protect")) {
            return new Verdict(reported, c.ruleId(), false);
        }
        Optional<Rule> match = firstMatch(from, to, c.ipProto(), c.serverPort(), c.application());
        if (match.isPresent()) {
            Rule r = match.get();
            return new Verdict(r.action().equals("deny") ? Action.VIOLATE : Action.ALLOW, r.id(), false);
        }
        return mode.equals("Discover") ? new Verdict(Action.ALLOW, 0, true) : new Verdict(Action.VIOLATE, 0, false);
    }

    private static Set<String> applications(Rule r) {
        Set<String> names = r.applications().stream().map(a -> a.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return names.contains("any") ? Set.of() : names;
    }

    private Rules rules() {
        long version = policy.version();
        Rules current = rules;
        if (current.version() != version) {
            Map<String, List<Compiled>> byFrom = new HashMap<>();
            List<Rule> ordered = policy.orderedRules();
            for (int i = 0; i < ordered.size(); i++) {
                Rule r = ordered.get(i);
                if (!r.disable()) {
                    byFrom.computeIfAbsent(r.from(), g -> new ArrayList<>()).add(new Compiled(i, r,
                            ConversationsPorts.parse(r.ports()), applications(r)));
                }
            }
            current = new Rules(version, byFrom);
            rules = current;
        }
        return current;
    }
}
