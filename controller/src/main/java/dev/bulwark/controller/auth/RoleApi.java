package dev.bulwark.controller.auth;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/user_role}: custom roles from NeuVector's permission ids, beside the reserved built-in ones; the list
 * takes NeuVector's list query.
 */
public final class RoleApi implements Consumer<Routes> {

    private final Roles roles;

    public RoleApi(Roles roles) {
        this.roles = roles;
    }

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.AUTHORIZATION;
        routes.get("/v1/user_role", perm, ctx -> ctx.json(new Views.RolesData(ListQuery.of(ctx).select(roles.list()
                .stream().map(Views.RoleView::of).toList(), Bodies.JSON::valueToTree))));
        routes.post("/v1/user_role", perm, ctx -> save(ctx, true));
        routes.get("/v1/user_role/{name}", perm, ctx -> ctx.json(new Views.RoleData(Views.RoleView.of(
                roles.get(ctx.pathParam("name"))))));
        routes.patch("/v1/user_role/{name}", perm, ctx -> save(ctx, false));
        routes.delete("/v1/user_role/{name}", perm, ctx -> {
            roles.delete(ctx.pathParam("name"));
            ctx.json(Map.of());
        });
        routes.get("/v1/user_role_permission/options", perm, ctx -> ctx.json(Map.of("options", Map.of(
                "global_options", Permissions.ALL.stream().map(p -> Map.of("id", p, "read_supported", true,
                        "write_supported", true)).toList(),
                "domain_options", Permissions.ALL.stream().filter(Permissions.DOMAIN_CAPABLE::contains)
                        .map(p -> Map.of("id", p, "read_supported", true, "write_supported", true)).toList()))));
    }

    private void save(Context ctx, boolean create) {
        Requests.RoleConfig c = Bodies.read(ctx, Requests.RoleConfigData.class).config();
        if (c == null) {
            throw ApiException.badRequest("'config' is required");
        }
        if (!create && !ctx.pathParam("name").equals(c.name())) {
            throw ApiException.badRequest("The role name in the body differs from the one in the URL");
        }
        roles.save(Access.of(ctx), c, create);
        ctx.json(Map.of());
    }
}
