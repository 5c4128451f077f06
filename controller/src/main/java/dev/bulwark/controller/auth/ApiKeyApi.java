package dev.bulwark.controller.auth;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.domain.Records;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code /v1/api_key}: keys for automation, used as {@code X-Auth-Apikey: NAME:SECRET}; the secret shows once. */
public final class ApiKeyApi implements Consumer<Routes> {

    private final Accounts accounts;
    private final Records records;

    public ApiKeyApi(Accounts accounts, Records records) {
        this.accounts = accounts;
        this.records = records;
    }

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // keys of namespaces: shown and removed within the caller's only
        String perm = Permissions.AUTHORIZATION;
        routes.get("/v1/api_key", perm, ctx -> ctx.json(new Views.ApiKeysData(records.list(StoredApiKey.KIND).stream().filter(k -> visible(ctx, k)).map(Views.ApiKey::of).toList(),
                List.of("admin", "reader", "ciops"), List.of("admin", "reader"))));
        routes.post("/v1/api_key", perm, this::create);
        routes.get("/v1/api_key/{name}", perm, ctx -> ctx.json(new Views.ApiKeyData(Views.ApiKey.of(find(ctx)))));
        routes.delete("/v1/api_key/{name}", perm, ctx -> {
            StoredApiKey key = find(ctx);
            accounts.grants().mayChange(Access.of(ctx), key.role(), key.roleDomains());
            records.delete(StoredApiKey.KIND, key.apikeyName());
            ctx.json(Map.of());
        });
        routes.open(HandlerType.GET, "/v1/selfapikey", ctx -> {
            String name = Access.of(ctx).name();
            if (!name.startsWith("apikey:")) {
                throw ApiException.badRequest("Not called with an API key");
            }
            ctx.json(new Views.ApiKeyData(Views.ApiKey.of(records.get(StoredApiKey.KIND,
                    name.substring("apikey:".length())))));
        });
    }

    private boolean visible(Context ctx, StoredApiKey key) {
        return accounts.grants().maySee(Access.of(ctx), key.role(), key.roleDomains());
    }

    /** The key of the path, if the caller may see it (else 404, as if it did not exist). */
    private StoredApiKey find(Context ctx) {
        return records.find(StoredApiKey.KIND, ctx.pathParam("name"))
                .filter(k -> visible(ctx, k)).orElseThrow(() -> ApiException.notFound("API key"));
    }

    private void create(Context ctx) {
        Principal p = Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        Requests.ApiKeyCreation c = Bodies.read(ctx, Requests.ApiKeyCreationData.class).apikey();
        if (c == null || c.apikeyName() == null || !Accounts.NAME.matcher(c.apikeyName()).matches()) {
            throw ApiException.invalidName("API key name must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        Map<String, List<String>> domains = c.roleDomains() == null ? Map.of() : c.roleDomains();
        accounts.checkRoles(c.role(), domains);
        accounts.grants().mayGrant(p, c.role() == null ? "" : c.role(), domains);
        Accounts.NewKey key = accounts.newApiKey(c.apikeyName(), c.description(), c.role() == null ? "" : c.role(),
                domains, c.expirationType() == null ? "" : c.expirationType(),
                c.expirationHours() == null ? 0 : c.expirationHours(), p.name());
        records.create(StoredApiKey.KIND, c.apikeyName(), key.key());
        ctx.json(new Views.ApiKeyGeneratedData(new Views.ApiKeyGenerated(c.apikeyName(), key.secret())));
    }
}
