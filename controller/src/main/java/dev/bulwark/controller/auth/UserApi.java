package dev.bulwark.controller.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/user}: the {@link Users users}, their settings, roles and passwords. Any user logged in changes its own
 * password (giving the current one), email, locale and timeout, as in NeuVector, without the {@code authorization}
 * permission; its roles stay what others give it.
 */
public final class UserApi implements Consumer<Routes> {

    private final Accounts accounts;
    private final Users users;

    public UserApi(Accounts accounts, Users users) {
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.AUTHORIZATION;
        routes.get("/v1/user", perm, this::list);
        routes.post("/v1/user", perm, ctx -> {
            Requests.NewUser c = Bodies.read(ctx, Requests.NewUserData.class).user();
            if (c == null) {
                throw ApiException.badRequest("'user' is required");
            }
            users.create(Access.of(ctx), c);
            ctx.json(Map.of());
        });
        routes.get("/v1/user/{fullname}", perm, ctx -> ctx.json(new Views.UserData(view(users.get(name(ctx)), ctx))));
        routes.patchOwn("/v1/user/{fullname}", perm, ctx -> Users.isSelf(Access.of(ctx), name(ctx)), this::update);
        routes.delete("/v1/user/{fullname}", perm, ctx -> {
            users.delete(Access.of(ctx), name(ctx));
            ctx.json(Map.of());
        });
        routes.post("/v1/user/{fullname}/password", perm, ctx -> {
            Requests.UserPwdConfig c = Bodies.read(ctx, Requests.UserPwdConfigData.class).config();
            if (c == null) {
                throw ApiException.badRequest("'config' is required");
            }
            users.reset(Access.of(ctx), name(ctx), c, ctx.ip());
            ctx.json(Map.of());
        });
        routes.patch("/v1/user/{fullname}/role/{role}", perm, this::roleDomains);
    }

    private static String name(Context ctx) {
        return ctx.pathParam("fullname");
    }

    private Views.User view(StoredUser u, Context ctx) {
        return Views.User.of(u, accounts.profile(), Access.of(ctx).global(Permissions.AUTHORIZATION, true),
                accounts.clock().millis());
    }

    private void list(Context ctx) {
        List<JsonNode> rows = ListQuery.of(ctx).apply(users.list().stream()
                .map(u -> (JsonNode) Bodies.JSON.valueToTree(view(u, ctx))).toList());
        List<String> roles = users.roleNames();
        ctx.json(Map.of("users", rows, "global_roles", roles, "domain_roles", roles.stream()
                .filter(r -> !r.equals(Role.CIOPS)).toList()));
    }

    private void update(Context ctx) {
        Requests.UserConfig c = Bodies.read(ctx, Requests.UserConfigData.class).config();
        if (c == null) {
            throw ApiException.badRequest("'config' is required");
        }
        if (c.fullname() != null && !c.fullname().equals(name(ctx))) {
            throw ApiException.badRequest("The user name in the body differs from the one in the URL");
        }
        users.update(Access.of(ctx), name(ctx), c);
        ctx.json(Map.of());
    }

    private void roleDomains(Context ctx) {
        Requests.UserRoleDomainsConfig c = Bodies.read(ctx, Requests.UserRoleDomainsConfigData.class).config();
        String role = ctx.pathParam("role");
        if (c == null || !name(ctx).equals(c.fullname()) || !role.equals(c.role())) {
            throw ApiException.badRequest("'config' with the user name and role of the URL is required");
        }
        users.setRoleDomains(Access.of(ctx), name(ctx), role, c.domains());
        ctx.json(Map.of());
    }
}
