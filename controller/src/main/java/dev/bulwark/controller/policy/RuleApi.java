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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/policy/rule}: network rules in first-match order. {@code PATCH /v1/policy/rule} takes one action per
 * request: {@code insert} rules after an id ({@code after} absent or 0: at the top; -1: at the bottom),
 * {@code move} a rule, {@code delete} ids, or replace all user rules with {@code rules}. Every change rewrites
 * the order with compare-and-swap.
 */
public final class RuleApi implements Consumer<Routes> {

    private final Policy policy;
    private final NetworkRules rules;
    private final ResponseCache responses = new ResponseCache();

    public RuleApi(Policy policy, NetworkRules rules) {
        this.policy = policy;
        this.rules = rules;
    }

    /** {@code RESTPolicyRuleConfigData}: the id sits in the config, beside the fields a change may set. */
    record RuleConfig(Integer id, String comment, String from, String to, String ports, String action,
            List<String> applications, Boolean disable, String cfgType, Integer priority) {

        NetworkRules.Change change() {
            return new NetworkRules.Change(comment, from, to, ports, action, applications, disable, priority);
        }
    }

    record ConfigData(RuleConfig config, Boolean replicate) {}

    /** A rule as clients send it inside insert and replace actions: {@code RESTPolicyRule}, server fields ignored. */
    record RuleInput(Integer id, String comment, String from, String to, String ports, String action,
            List<String> applications, Boolean learned, Boolean disable, Long createdTimestamp,
            Long lastModifiedTimestamp, String cfgType, Integer priority, Long matchCounter, Long lastMatchTimestamp) {

        NetworkRules.NewRule rule() {
            return new NetworkRules.NewRule(id, comment, from, to, ports, action, applications, disable, priority);
        }
    }

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
        routes.delete("/v1/policy/rule", perm, ctx -> {
            rules.deleteUserRules(Access.of(ctx));
            ctx.json(Map.of());
        });
        routes.get("/v1/policy/rule/{id}", perm, ctx -> ctx.json(Map.of("rule", rules.visible(Access.of(ctx),
                PathParams.integer(ctx, "id"), false))));
        routes.patch("/v1/policy/rule/{id}", perm, this::update);
        routes.delete("/v1/policy/rule/{id}", perm, ctx -> {
            int id = PathParams.integer(ctx, "id");
            rules.visible(Access.of(ctx), id, true);
            rules.delete(Access.of(ctx), List.of(id));
            ctx.json(Map.of());
        });
    }

    private void list(Context ctx) {
        Principal p = Access.of(ctx);
        if (p.global(Permissions.RT_POLICY, false)) {
            responses.serve(ctx, policy.version(), () -> Map.of("rules", ListQuery.of(ctx).apply(
                    rules.visible(p), Bodies.JSON::valueToTree)));
        } else {
            ctx.json(Map.of("rules", ListQuery.of(ctx).apply(rules.visible(p), Bodies.JSON::valueToTree)));
        }
    }

    private void update(Context ctx) {
        int id = PathParams.integer(ctx, "id");
        RuleConfig c = Bodies.read(ctx, ConfigData.class).config();
        if (c == null || c.id() != null && c.id() != id) {
            throw ApiException.badRequest("'config' with the id of the URL is required");
        }
        rules.update(Access.of(ctx), id, c.change());
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
        if (a.delete() != null) {
            rules.delete(p, a.delete());
        } else if (a.move() != null) {
            if (a.move().id() == null) {
                throw ApiException.badRequest("move needs the id of the rule to move");
            }
            rules.move(p, a.move().id(), a.move().after());
        } else if (a.insert() != null) {
            rules.insert(p, a.insert().after(), newRules(a.insert().rules()));
        } else {
            rules.replace(p, newRules(a.rules()));
        }
        ctx.json(Map.of());
    }

    private static List<NetworkRules.NewRule> newRules(List<RuleInput> inputs) {
        return inputs == null ? null : inputs.stream().map(r -> r == null ? null : r.rule()).toList();
    }
}
