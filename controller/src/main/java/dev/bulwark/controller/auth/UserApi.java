package dev.bulwark.controller.auth;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Versioned;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code /v1/user}: users, their settings, roles and passwords. Needs the {@code authorization} permission. */
public final class UserApi implements Consumer<Routes> {

    private final Accounts accounts;
    private final Records records;

    public UserApi(Accounts accounts, Records records) {
        this.accounts = accounts;
        this.records = records;
    }

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.AUTHORIZATION;
        routes.get("/v1/user", perm, this::list);
        routes.post("/v1/user", perm, this::create);
        routes.get("/v1/user/{fullname}", perm, ctx -> ctx.json(new Views.UserData(view(load(ctx).value(), ctx))));
        routes.patch("/v1/user/{fullname}", perm, this::update);
        routes.delete("/v1/user/{fullname}", perm, this::delete);
        routes.post("/v1/user/{fullname}/password", perm, this::password);
        routes.patch("/v1/user/{fullname}/role/{role}", perm, this::roleDomains);
    }

    private Versioned<StoredUser> load(Context ctx) {
        return records.load(StoredUser.KIND, ctx.pathParam("fullname"));
    }

    private Views.User view(StoredUser u, Context ctx) {
        return Views.User.of(u, accounts.profile(), Access.of(ctx).global(Permissions.AUTHORIZATION, true),
                accounts.clock().millis());
    }

    private void list(Context ctx) {
        Access.require(ctx, Permissions.AUTHORIZATION, false, "");
        List<Views.User> users = records.list(StoredUser.KIND).stream().map(u -> view(u, ctx))
                .toList();
        var rows = ListQuery.of(ctx).apply(users.stream().map(u -> (com.fasterxml.jackson.databind.JsonNode)
                Bodies.JSON.valueToTree(u)).toList());
        ctx.json(Map.of("users", rows, "global_roles", roleNames(), "domain_roles", roleNames().stream()
                .filter(r -> !r.equals(Role.CIOPS)).toList()));
    }

    private List<String> roleNames() {
        List<String> names = new java.util.ArrayList<>(Role.BUILT_IN.stream().map(Role::name).toList());
        records.list(Role.KIND).forEach(r -> names.add(r.name()));
        return names;
    }

    private void create(Context ctx) {
        Principal caller = Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        Requests.NewUser c = Bodies.read(ctx, Requests.NewUserData.class).user();
        if (c == null) {
            throw ApiException.badRequest("'user' is required");
        }
        if (c.fullname() == null || !Accounts.NAME.matcher(c.fullname()).matches()) {
            throw ApiException.invalidName("User name must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        if (c.password() == null) {
            throw ApiException.badRequest("'password' is required");
        }
        Map<String, List<String>> domains = c.roleDomains() == null ? Map.of() : c.roleDomains();
        accounts.checkRoles(c.role(), domains);
        accounts.grants().mayGrant(caller, c.role(), domains);
        PasswordProfile profile = accounts.profile();
        profile.checkComplexity(c.password());
        int timeout = timeout(c.timeout(), profile);
        StoredUser user = new StoredUser(c.fullname(), c.email(), c.role(), domains, timeout, c.locale(),
                PasswordHasher.hash(c.password()), List.of(), accounts.clock().millis() / 1000, 0, 0, 0, 0, false);
        records.create(StoredUser.KIND, c.fullname(), user);
        ctx.json(Map.of());
    }

    private static int timeout(Integer requested, PasswordProfile profile) {
        if (requested == null || requested == 0) {
            return profile.sessionTimeout();
        }
        if (requested < 30 || requested > 3600) {
            throw ApiException.badRequest("timeout must be 30 to 3600 seconds");
        }
        return requested;
    }

    private static Requests.UserConfig config(Context ctx) {
        Requests.UserConfigData data = Bodies.read(ctx, Requests.UserConfigData.class);
        if (data.config() == null) {
            throw ApiException.badRequest("'config' is required");
        }
        return data.config();
    }

    private void update(Context ctx) {
        Principal caller = Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        Versioned<StoredUser> loaded = load(ctx);
        Requests.UserConfig c = config(ctx);
        if (c.fullname() != null && !c.fullname().equals(loaded.value().fullname())) {
            throw ApiException.badRequest("The user name in the body differs from the one in the URL");
        }
        StoredUser u = loaded.value();
        Map<String, List<String>> domains = c.roleDomains() == null ? u.roleDomains() : c.roleDomains();
        String role = c.role() == null ? u.role() : c.role();
        accounts.checkRoles(role, domains);
        accounts.grants().mayChange(caller, u.role(), u.roleDomains());
        if (!role.equals(u.role()) || !domains.equals(u.roleDomains())) {
            accounts.grants().mayChangeRolesOf(caller, u.fullname());
            accounts.grants().mayGrant(caller, role, domains);
        }
        if (u.fullname().equals(Role.ADMIN) && !role.equals(Role.ADMIN)) {
            throw ApiException.badRequest("The admin user keeps the admin role");
        }
        StoredUser updated = u.withSettings(c.email() == null ? u.email() : c.email(), role, domains,
                c.timeout() == null ? u.timeout() : timeout(c.timeout(), accounts.profile()),
                c.locale() == null ? u.locale() : c.locale());
        if (c.newPassword() != null) {
            if (c.password() == null || !PasswordHasher.verify(c.password(), u.passwordHash())) {
                throw ApiException.badRequest("The current password is needed to set a new one");
            }
            updated = accounts.changedPassword(updated, c.newPassword(), false);
        }
        commit(loaded, updated);
        if (c.newPassword() != null || !role.equals(u.role()) || !domains.equals(u.roleDomains())) {
            accounts.sessions().endAll(u.fullname());
        }
        ctx.json(Map.of());
    }

    /** Sets the namespaces in which a user has one role, leaving the user's other roles as they are. */
    private void roleDomains(Context ctx) {
        Principal caller = Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        Versioned<StoredUser> loaded = load(ctx);
        Requests.UserRoleDomainsConfig c = Bodies.read(ctx, Requests.UserRoleDomainsConfigData.class).config();
        String role = ctx.pathParam("role");
        if (c == null || !loaded.value().fullname().equals(c.fullname()) || !role.equals(c.role())) {
            throw ApiException.badRequest("'config' with the user name and role of the URL is required");
        }
        StoredUser u = loaded.value();
        Map<String, List<String>> domains = new java.util.HashMap<>(u.roleDomains());
        if (c.domains() == null) {
            domains.remove(role);
        } else {
            domains.put(role, List.copyOf(c.domains()));
        }
        accounts.checkRoles(u.role(), domains);
        accounts.grants().mayChange(caller, u.role(), u.roleDomains());
        accounts.grants().mayChangeRolesOf(caller, u.fullname());
        accounts.grants().mayGrant(caller, "", Map.of(role, c.domains() == null ? List.of() : c.domains()));
        commit(loaded, u.withSettings(u.email(), u.role(), domains, u.timeout(), u.locale()));
        if (!domains.equals(u.roleDomains())) {
            accounts.sessions().endAll(u.fullname());
        }
        ctx.json(Map.of());
    }

    private void password(Context ctx) {
        Principal caller = Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        Versioned<StoredUser> loaded = load(ctx);
        accounts.grants().mayChange(caller, loaded.value().role(), loaded.value().roleDomains());
        Requests.UserPwdConfigData data = Bodies.read(ctx, Requests.UserPwdConfigData.class);
        Requests.UserPwdConfig c = data.config();
        if (c == null) {
            throw ApiException.badRequest("'config' is required");
        }
        StoredUser u = loaded.value();
        String by = Access.of(ctx).name();
        if (Boolean.TRUE.equals(c.clearFailedLogin())) {
            if (u.blockedUntil() > accounts.clock().millis()) {
                accounts.event("User.Login.Unblocked", "Info", by, ctx.ip(), "unblocked user " + u.fullname());
            }
            u = u.unblocked();
        }
        if (c.newPassword() != null) {
            u = accounts.changedPassword(u, c.newPassword(), Boolean.TRUE.equals(c.resetPasswordInNextLogin())
                    || Boolean.TRUE.equals(c.forceResetPassword()));
        }
        commit(loaded, u);
        if (c.newPassword() != null) {
            accounts.sessions().endAll(u.fullname());
            accounts.event("User.Password.Reset", "Info", by, ctx.ip(), "reset the password of " + u.fullname());
        }
        ctx.json(Map.of());
    }

    private void delete(Context ctx) {
        Principal p = Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        Versioned<StoredUser> loaded = load(ctx);
        accounts.grants().mayChange(p, loaded.value().role(), loaded.value().roleDomains());
        if (loaded.value().fullname().equals(Role.ADMIN) || loaded.value().fullname().equals(p.name())) {
            throw ApiException.badRequest("The admin user and the caller cannot be deleted");
        }
        records.delete(StoredUser.KIND, loaded.value().fullname(), loaded);
        accounts.sessions().endAll(loaded.value().fullname());
        ctx.json(Map.of());
    }

    private void commit(Versioned<StoredUser> loaded, StoredUser updated) {
        records.replace(StoredUser.KIND, loaded.value().fullname(), loaded, updated);
    }
}
