package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.PathParams;
import dev.bulwark.controller.api.ResponseCache;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * {@code /v1/policy/rule}: network rules in first-match order. {@code PATCH /v1/policy/rule} takes one action per
 * request: {@code insert} rules after an id ({@code after} absent or 0: at the top; -1: at the bottom),
 * {@code move} a rule, {@code delete} ids, or replace all user rules with {@code rules}. Every change rewrites
 * the order with compare-and-swap.
 */
public final class RuleApi implements Consumer<Routes> {

    static final int MAX_RULES = 100_000;

    private final Policy policy;
    private final InstantSource clock;
    private final ResponseCache responses = new ResponseCache();

    public RuleApi(Policy policy, InstantSource clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** {@code RESTPolicyRuleConfig}. */
    record RuleConfig(Integer id, String comment, String from, String to, String ports, String action,
            List<String> applications, Boolean disable, String cfgType, Integer priority) {}

    record RuleConfigData(RuleConfig config, Boolean replicate) {}

    /** A rule as clients send it inside insert and replace actions: {@code RESTPolicyRule}, server fields ignored. */
    record RuleInput(Integer id, String comment, String from, String to, String ports, String action,
            List<String> applications, Boolean learned, Boolean disable, Long createdTimestamp,
            Long lastModifiedTimestamp, String cfgType, Integer priority, Long matchCounter, Long lastMatchTimestamp) {}

    record Insert(Integer after, List<RuleInput> rules) {}

    record Move(Integer after, Integer id) {}

    /** {@code RESTPolicyRuleActionData}. */
    record ActionData(Move move, Insert insert, List<RuleInput> rules, List<Integer> delete) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // objects of namespaces: the handlers filter
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/policy/rule", perm, this::list);
        routes.patch("/v1/policy/rule", perm, this::action);
        routes.delete("/v1/policy/rule", perm, this::deleteAll);
        routes.get("/v1/policy/rule/{id}", perm, ctx -> ctx.json(Map.of("rule", visible(ctx, false))));
        routes.patch("/v1/policy/rule/{id}", perm, this::update);
        routes.delete("/v1/policy/rule/{id}", perm, ctx -> {
            Rule r = visible(ctx, true);
            Policy.Order order = policy.order();
            List<Integer> ids = new ArrayList<>(order.ids());
            ids.remove(Integer.valueOf(r.id()));
            commitOrder(order, ids, List.of(), List.of(r.id()));
            ctx.json(Map.of());
        });
    }

    private void list(Context ctx) {
        Principal p = Access.of(ctx);
        if (p.global(Permissions.RT_POLICY, false)) {
            responses.serve(ctx, policy.version(), () -> Map.of("rules", ListQuery.of(ctx).apply(
                    policy.orderedRules(), Bodies.JSON::valueToTree)));
            return;
        }
        List<Rule> rows = policy.orderedRules().stream().filter(r -> Policy.allowed(p, Permissions.RT_POLICY,
                false, policy.domainsOf(r))).toList();
        ctx.json(Map.of("rules", ListQuery.of(ctx).apply(rows, Bodies.JSON::valueToTree)));
    }

    private Rule visible(Context ctx, boolean write) {
        int id = PathParams.integer(ctx, "id");
        Rule r = policy.rule(id).orElseThrow(() -> ApiException.notFound("Rule"));
        Principal p = Access.of(ctx);
        if (!Policy.allowed(p, Permissions.RT_POLICY, false, policy.domainsOf(r))) {
            throw ApiException.notFound("Rule");
        }
        if (write && !Policy.allowed(p, Permissions.RT_POLICY, true, policy.domainsOf(r))) {
            throw ApiException.forbidden();
        }
        return r;
    }

    private void update(Context ctx) {
        Rule r = visible(ctx, true);
        RuleConfigData data = Bodies.read(ctx, RuleConfigData.class);
        RuleConfig c = data.config();
        if (c == null || c.id() != null && c.id() != r.id()) {
            throw ApiException.badRequest("'config' with the id of the URL is required");
        }
        Principal p = Access.of(ctx);
        policy.updateRule(r.id(), current -> checked(new Rule(current.id(), or(c.comment(), current.comment()),
                or(c.from(), current.from()), or(c.to(), current.to()), or(c.ports(), current.ports()),
                or(c.action(), current.action()), or(c.applications(), current.applications()), current.learned(),
                or(c.disable(), current.disable()), current.createdTimestamp(), now(), current.cfgType(),
                or(c.priority(), current.priority()), current.matchCounter(), current.lastMatchTimestamp()), p));
        ctx.json(Map.of());
    }

    private void action(Context ctx) {
        ActionData a = Bodies.read(ctx, ActionData.class);
        int actions = (a.move() == null ? 0 : 1) + (a.insert() == null ? 0 : 1) + (a.rules() == null ? 0 : 1)
                + (a.delete() == null ? 0 : 1);
        if (actions != 1) {
            throw ApiException.badRequest("Give exactly one of move, insert, rules or delete");
        }
        Principal p = Access.of(ctx);
        Policy.Order order = policy.order();
        List<Integer> ids = new ArrayList<>(order.ids());
        if (a.delete() != null) {
            for (int id : a.delete()) {
                Rule r = policy.rule(id).orElseThrow(() -> ApiException.notFound("Rule " + id));
                requireWrite(p, r);
                ids.remove(Integer.valueOf(id));
            }
            commitOrder(order, ids, List.of(), a.delete());
        } else if (a.move() != null) {
            move(p, ids, a.move());
            commitOrder(order, ids, List.of(), List.of());
        } else if (a.insert() != null) {
            List<Rule> added = newRules(p, a.insert().rules(), Set.copyOf(ids));
            int at = InsertPosition.of(ids, a.insert().after());
            ids.addAll(at, added.stream().map(Rule::id).toList());
            commitOrder(order, ids, added, List.of());
        } else {
            if (!p.global(Permissions.RT_POLICY, true)) {
                throw ApiException.forbidden();
            }
            List<Integer> replaced = ids.stream().filter(id -> policy.rule(id).map(r -> r.cfgType().equals(
                    "user_created") || r.cfgType().equals("learned")).orElse(true)).toList();
            Set<Integer> kept = new HashSet<>(ids);
            kept.removeAll(replaced);
            List<Rule> added = newRules(p, a.rules(), kept);
            List<Integer> newIds = new ArrayList<>(ids.stream().filter(kept::contains).toList());
            newIds.addAll(added.stream().map(Rule::id).toList());
            commitOrder(order, newIds, added, replaced.stream().filter(id -> added.stream().noneMatch(r ->
                    r.id() == id)).toList());
        }
        ctx.json(Map.of());
    }

    private void move(Principal p, List<Integer> ids, Move m) {
        if (m.id() == null) {
            throw ApiException.badRequest("move needs the id of the rule to move");
        }
        int id = m.id();
        Rule r = policy.rule(id).orElseThrow(() -> ApiException.notFound("Rule " + id));
        requireWrite(p, r);
        if (m.after() != null && m.after() == id) {
            throw ApiException.badRequest("A rule cannot be moved after itself");
        }
        ids.remove(Integer.valueOf(id));
        ids.add(InsertPosition.of(ids, m.after()), id);
    }

    private List<Rule> newRules(Principal p, List<RuleInput> inputs, Set<Integer> taken) {
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
        for (RuleInput in : inputs) {
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
                    in.priority() == null ? 0 : in.priority(), 0, 0), p));
        }
        return out;
    }

    private Rule checked(Rule r, Principal p) {
        if (r.from() == null || r.to() == null) {
            throw ApiException.badRequest("Rules need from and to");
        }
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
        if (!Policy.allowed(p, Permissions.RT_POLICY, true, policy.domainsOf(r))) {
            throw ApiException.forbidden();
        }
    }

    private void commitOrder(Policy.Order order, List<Integer> ids, List<Rule> put, List<Integer> deleted) {
        policy.changeRules(order, ids, List.of(), put, deleted);
    }

    private void deleteAll(Context ctx) {
        Principal p = Access.of(ctx);
        if (!p.global(Permissions.RT_POLICY, true)) {
            throw ApiException.forbidden();
        }
        Policy.Order order = policy.order();
        List<Integer> removed = order.ids().stream().filter(id -> policy.rule(id).map(r ->
                r.cfgType().equals("user_created") || r.cfgType().equals("learned")).orElse(true)).toList();
        List<Integer> kept = order.ids().stream().filter(id -> !removed.contains(id)).toList();
        commitOrder(order, kept, List.of(), removed);
        ctx.json(Map.of());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static <T> T or(T value, T current) {
        return value == null ? current : value;
    }
}
