package dev.bulwark.controller.policy;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.domain.Inputs;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Network rules in first-match order, as a caller may see and change them: rules are checked (groups exist,
 * action, ports, applications), user rules get ids 1 to {@link Rule#MAX_USER_ID}, and every change rewrites the
 * order with compare-and-swap. A namespace user sees and changes only the rules between groups of its namespaces.
 */
public final class NetworkRules {

    static final int MAX_RULES = 100_000;

    private final Policy policy;
    private final InstantSource clock;

    public NetworkRules(Policy policy, InstantSource clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** What a rule change may set ({@code RESTPolicyRuleConfig}); null leaves a field as it is. */
    public record Change(String comment, String from, String to, String ports, String action,
            List<String> applications, Boolean disable, Integer priority) {}

    /** A new rule; id null or 0 for the next free one. */
    public record NewRule(Integer id, String comment, String from, String to, String ports, String action,
            List<String> applications, Boolean disable, Integer priority) {}

    /** The rules the caller may see, in order. */
    public List<Rule> visible(Principal p) {
        if (p.global(Permissions.RT_POLICY, false)) {
            return policy.orderedRules();
        }
        return policy.orderedRules().stream().filter(r -> Policy.allowed(p, Permissions.RT_POLICY, false,
                policy.domainsOf(r))).toList();
    }

    /** A rule the caller may see (else 404, as if it did not exist) and, for a write, change (else 403). */
    public Rule visible(Principal p, int id, boolean write) {
        Rule r = policy.rule(id).orElseThrow(() -> ApiException.notFound("Rule"));
        Policy.requireVisible(p, policy.domainsOf(r), write, "Rule");
        return r;
    }

    public void update(Principal p, int id, Change c) {
        visible(p, id, true);
        policy.updateRule(id, current -> checked(new Rule(current.id(), or(c.comment(), current.comment()),
                or(c.from(), current.from()), or(c.to(), current.to()), or(c.ports(), current.ports()),
                or(c.action(), current.action()), or(c.applications(), current.applications()), current.learned(),
                or(c.disable(), current.disable()), current.createdTimestamp(), now(), current.cfgType(),
                or(c.priority(), current.priority()), current.matchCounter(), current.lastMatchTimestamp()), p));
    }

    public void delete(Principal p, List<Integer> ids) {
        Policy.Order order = policy.order();
        List<Integer> kept = new ArrayList<>(order.ids());
        for (int id : Inputs.list(ids, "delete")) {
            requireWrite(p, policy.rule(id).orElseThrow(() -> ApiException.notFound("Rule " + id)));
            kept.remove(Integer.valueOf(id));
        }
        policy.changeRules(order, kept, List.of(), List.of(), ids);
    }

    /** Moves a rule after another ({@code after}: null or 0 first, -1 last). */
    public void move(Principal p, int id, Integer after) {
        Rule r = policy.rule(id).orElseThrow(() -> ApiException.notFound("Rule " + id));
        requireWrite(p, r);
        if (after != null && after == id) {
            throw ApiException.badRequest("A rule cannot be moved after itself");
        }
        Policy.Order order = policy.order();
        List<Integer> ids = new ArrayList<>(order.ids());
        ids.remove(Integer.valueOf(id));
        ids.add(InsertPosition.of(ids, after), id);
        policy.changeRules(order, ids, List.of(), List.of(), List.of());
    }

    /** Inserts rules after a rule ({@code after}: null or 0 first, -1 last). */
    public void insert(Principal p, Integer after, List<NewRule> rules) {
        Policy.Order order = policy.order();
        List<Integer> ids = new ArrayList<>(order.ids());
        List<Rule> added = newRules(p, rules, Set.copyOf(ids));
        ids.addAll(InsertPosition.of(ids, after), added.stream().map(Rule::id).toList());
        policy.changeRules(order, ids, List.of(), added, List.of());
    }

    /** Replaces every user and learned rule with these; the others (federal, CRD) stay first. */
    public void replace(Principal p, List<NewRule> rules) {
        requireGlobalWrite(p);
        Policy.Order order = policy.order();
        List<Integer> replaced = userRules(order);
        Set<Integer> kept = new HashSet<>(order.ids());
        kept.removeAll(replaced);
        List<Rule> added = newRules(p, rules, kept);
        List<Integer> ids = new ArrayList<>(order.ids().stream().filter(kept::contains).toList());
        ids.addAll(added.stream().map(Rule::id).toList());
        policy.changeRules(order, ids, List.of(), added, replaced.stream()
                .filter(id -> added.stream().noneMatch(r -> r.id() == id)).toList());
    }

    /** Deletes every user and learned rule. */
    public void deleteUserRules(Principal p) {
        requireGlobalWrite(p);
        Policy.Order order = policy.order();
        List<Integer> removed = userRules(order);
        policy.changeRules(order, order.ids().stream().filter(id -> !removed.contains(id)).toList(), List.of(),
                List.of(), removed);
    }

    private List<Integer> userRules(Policy.Order order) {
        return order.ids().stream().filter(id -> policy.rule(id).map(r -> r.cfgType().equals("user_created")
                || r.cfgType().equals("learned")).orElse(true)).toList();
    }

    private List<Rule> newRules(Principal p, List<NewRule> inputs, Set<Integer> taken) {
        if (inputs == null) {
            throw ApiException.badRequest("rules are required");
        }
        if (taken.size() + inputs.size() > MAX_RULES) {
            throw ApiException.badRequest("At most %d rules".formatted(MAX_RULES));
        }
        Set<Integer> used = new HashSet<>(taken);
        int next = used.stream().filter(i -> i <= Rule.MAX_USER_ID).mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<Rule> out = new ArrayList<>();
        long now = now();
        for (NewRule in : inputs) {
            if (in == null || in.from() == null || in.to() == null) {
                throw ApiException.badRequest("Rules need from and to");
            }
            int id;
            if (in.id() == null || in.id() == 0) {
                while (used.contains(next)) {
                    next++;
                }
                id = next;
            } else {
                id = in.id();
            }
            if (id < 1 || id > Rule.MAX_USER_ID) {
                throw ApiException.badRequest("Rule ids are 1 to %d (larger ids are learned, federal and CRD rules)"
                        .formatted(Rule.MAX_USER_ID));
            }
            if (!used.add(id)) {
                throw ApiException.duplicate("Rule " + id);
            }
            out.add(checked(new Rule(id, in.comment(), in.from(), in.to(), in.ports(), in.action(), in.applications(),
                    false, Boolean.TRUE.equals(in.disable()), now, now, "user_created",
                    or(in.priority(), 0), 0, 0), p));
        }
        return out;
    }

    private Rule checked(Rule r, Principal p) {
        for (String g : List.of(r.from(), r.to())) {
            if (policy.group(g).isEmpty()) {
                throw ApiException.badRequest("Group '%s' does not exist".formatted(g));
            }
        }
        if (!r.action().equals("allow") && !r.action().equals("deny")) {
            throw ApiException.badRequest("action is allow or deny");
        }
        Ports.check(r.ports());
        if (r.applications().size() > 64 || r.applications().stream().anyMatch(x -> x == null || x.isBlank()
                || x.length() > 64)) {
            throw ApiException.badRequest("applications are up to 64 names");
        }
        if (r.comment().length() > 1024) {
            throw ApiException.badRequest("Comments are at most 1024 characters");
        }
        requireWrite(p, r);
        return r;
    }

    private void requireWrite(Principal p, Rule r) {
        Policy.requireWrite(p, policy.domainsOf(r));
    }

    private static void requireGlobalWrite(Principal p) {
        if (!p.global(Permissions.RT_POLICY, true)) {
            throw ApiException.forbidden();
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

}
