package dev.bulwark.controller.auth;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/api_key}: the {@link ApiKeys API keys}; the secret shows once, when the key is made. The list takes
 * NeuVector's list query.
 */
public final class ApiKeyApi implements Consumer<Routes> {

    private final ApiKeys keys;

    public ApiKeyApi(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // keys of namespaces: shown and removed within the caller's only
        String perm = Permissions.AUTHORIZATION;
        routes.get("/v1/api_key", perm, ctx -> ctx.json(new Views.ApiKeysData(ListQuery.of(ctx).select(
                keys.visible(Access.of(ctx)).stream().map(Views.ApiKey::of).toList(), Bodies.JSON::valueToTree),
                List.of("admin", "reader", "ciops"), List.of("admin", "reader"))));
        routes.post("/v1/api_key", perm, ctx -> {
            Requests.ApiKeyCreation c = Bodies.read(ctx, Requests.ApiKeyCreationData.class).apikey();
            if (c == null) {
                throw ApiException.badRequest("'apikey' is required");
            }
            Accounts.NewKey key = keys.create(Access.of(ctx), c);
            ctx.json(new Views.ApiKeyGeneratedData(new Views.ApiKeyGenerated(c.apikeyName(), key.secret())));
        });
        routes.get("/v1/api_key/{name}", perm, ctx -> ctx.json(new Views.ApiKeyData(Views.ApiKey.of(
                keys.get(Access.of(ctx), ctx.pathParam("name"))))));
        routes.delete("/v1/api_key/{name}", perm, ctx -> {
            keys.delete(Access.of(ctx), ctx.pathParam("name"));
            ctx.json(Map.of());
        });
        routes.open(HandlerType.GET, "/v1/selfapikey", ctx -> ctx.json(new Views.ApiKeyData(Views.ApiKey.of(
                keys.own(Access.of(ctx))))));
    }
}
