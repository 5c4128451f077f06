package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.PathParams;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.policy.ResponseRules.ResponseRule;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code /v1/response/rule}: the {@link ResponseRules response rules}; {@code /v1/response/options} tells which
 * conditions and actions each event type takes, and which webhooks there are.
 */
public final class ResponseRuleApi implements Consumer<Routes> {

    private final ResponseRules rules;
    private final Supplier<List<String>> webhookNames;

    /** @param webhookNames the webhooks configured in the system settings, offered in the options */
    public ResponseRuleApi(ResponseRules rules, Supplier<List<String>> webhookNames) {
        this.rules = rules;
        this.webhookNames = webhookNames;
    }

    record Insert(Integer after, List<ResponseRule> rules) {}

    record Move(Integer id, Integer after) {}

    /** {@code RESTResponseRuleActionData}: one of insert or move (NeuVector's CLI moves with {@code --after}). */
    record ActionData(Insert insert, Move move) {}

    record ConfigData(ResponseRule config) {}

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/response/rule", perm, ctx -> ctx.json(Map.of("rules", ListQuery.of(ctx).apply(rules.list(),
                Bodies.JSON::valueToTree))));
        routes.get("/v1/response/rule/{id}", perm, ctx -> ctx.json(Map.of("rule",
                rules.get(PathParams.integer(ctx, "id")))));
        routes.get("/v1/response/options", perm, ctx -> ctx.json(Map.of("response_rule_options", rules.options(),
                "webhooks", webhookNames.get())));
        routes.patch("/v1/response/rule", perm, this::action);
        routes.patch("/v1/response/rule/{id}", perm, this::update);
        routes.delete("/v1/response/rule/{id}", perm, ctx -> {
            rules.delete(PathParams.integer(ctx, "id"));
            ctx.json(Map.of());
        });
        routes.delete("/v1/response/rule", perm, ctx -> {
            rules.deleteAll();
            ctx.json(Map.of());
        });
    }

    private void action(Context ctx) {
        ActionData a = Bodies.read(ctx, ActionData.class);
        if ((a.insert() == null) == (a.move() == null)) {
            throw ApiException.badRequest("Give one of insert and move");
        }
        if (a.move() != null) {
            if (a.move().id() == null) {
                throw ApiException.badRequest("move needs the id of the rule to move");
            }
            rules.move(a.move().id(), a.move().after());
        } else if (a.insert().rules() == null) {
            throw ApiException.badRequest("'insert' with rules is required");
        } else {
            rules.insert(a.insert().after(), a.insert().rules());
        }
        ctx.json(Map.of());
    }

    private void update(Context ctx) {
        int id = PathParams.integer(ctx, "id");
        rules.get(id);
        ResponseRule in = Bodies.read(ctx, ConfigData.class).config();
        if (in == null || in.id() != null && in.id() != id) {
            throw ApiException.badRequest("'config' with the id of the URL is required");
        }
        rules.update(id, in);
        ctx.json(Map.of());
    }
}
