package dev.bulwark.controller.auth;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.domain.Records;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** {@code /v1/user_role}: custom roles from NeuVector's permission ids, beside the reserved built-in ones. */
public final class RoleApi implements Consumer<Routes> {

    private final Accounts accounts;
    private final Records records;

    public RoleApi(Accounts accounts, Records records) {
        this.accounts = accounts;
        this.records = records;
    }

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.AUTHORIZATION;
        routes.get("/v1/user_role", perm, this::list);
        routes.post("/v1/user_role", perm, ctx -> save(ctx, true));
        routes.get("/v1/user_role/{name}", perm, ctx -> ctx.json(new Views.RoleData(Views.RoleView.of(find(ctx)))));
        routes.patch("/v1/user_role/{name}", perm, ctx -> save(ctx, false));
        routes.delete("/v1/user_role/{name}", perm, this::delete);
        routes.get("/v1/user_role_permission/options", perm, ctx -> ctx.json(Map.of("options", Map.of(
                "global_options", Permissions.ALL.stream().map(p -> Map.of("id", p, "read_supported", true,
                        "write_supported", true)).toList(),
                "domain_options", Permissions.ALL.stream().filter(Permissions.DOMAIN_CAPABLE::contains)
                        .map(p -> Map.of("id", p, "read_supported", true, "write_supported", true)).toList()))));
    }

    private void list(Context ctx) {
        List<Views.RoleView> roles = new ArrayList<>(Role.BUILT_IN.stream().map(Views.RoleView::of).toList());
        records.list(Role.KIND).forEach(r -> roles.add(Views.RoleView.of(r)));
        ctx.json(new Views.RolesData(roles));
    }

    private Role find(Context ctx) {
        String name = ctx.pathParam("name");
        return Role.BUILT_IN.stream().filter(r -> r.name().equals(name)).findFirst()
                .or(() -> records.find(Role.KIND, name))
                .orElseThrow(() -> ApiException.notFound("Role"));
    }

    private void save(Context ctx, boolean create) {
        Principal caller = Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        Requests.RoleConfigData data = Bodies.read(ctx, Requests.RoleConfigData.class);
        Requests.RoleConfig c = data.config();
        if (c == null || c.name() == null || !Accounts.NAME.matcher(c.name()).matches()) {
            throw ApiException.invalidName("Role name must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        if (!create && !c.name().equals(ctx.pathParam("name"))) {
            throw ApiException.badRequest("The role name in the body differs from the one in the URL");
        }
        if (Role.BUILT_IN.stream().anyMatch(r -> r.name().equals(c.name()))) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Reserved roles cannot be changed");
        }
        List<Role.Permission> permissions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Views.PermissionView p : c.permissions() == null ? List.<Views.PermissionView>of() : c.permissions()) {
            if (!Permissions.ALL.contains(p.id()) || !seen.add(p.id())) {
                throw ApiException.badRequest("Unknown or repeated permission '%s'".formatted(p.id()));
            }
            permissions.add(new Role.Permission(p.id(), p.read() || p.write(), p.write()));
        }
        if (permissions.isEmpty()) {
            throw ApiException.badRequest("A role needs at least one permission");
        }
        accounts.grants().mayDefine(caller, c.name(), permissions);
        Role role = new Role(c.name(), c.comment(), false, permissions);
        if (create) {
            records.create(Role.KIND, c.name(), role);
        } else {
            records.update(Role.KIND, c.name(), current -> role);
        }
        ctx.json(Map.of());
    }

    private void delete(Context ctx) {
        Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        Role role = find(ctx);
        if (role.reserved()) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Reserved roles cannot be deleted");
        }
        boolean used = records.list(StoredUser.KIND).stream().anyMatch(u ->
                u.role().equals(role.name()) || u.roleDomains().containsKey(role.name()))
                || records.list(StoredApiKey.KIND).stream().anyMatch(k ->
                k.role().equals(role.name()) || k.roleDomains().containsKey(role.name()));
        if (used) {
            throw new ApiException(409, ApiError.OBJECT_IN_USE, "The role is given to users or API keys");
        }
        records.delete(Role.KIND, role.name());
        ctx.json(Map.of());
    }
}
