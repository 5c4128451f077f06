package dev.bulwark.controller.auth;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code /v1/auth} (login, keep-alive, logout) and {@code /v1/selfuser}. */
public final class AuthApi implements Consumer<Routes> {

    private final Accounts accounts;
    private final Users users;

    public AuthApi(Accounts accounts, Users users) {
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public void accept(Routes routes) {
        routes.open(HandlerType.POST, "/v1/auth", this::login);
        routes.open(HandlerType.PATCH, "/v1/auth", ctx -> ctx.json(Map.of()));
        routes.open(HandlerType.DELETE, "/v1/auth", this::logout);
        routes.open(HandlerType.GET, "/v1/selfuser", this::self);
    }

    private void login(Context ctx) {
        Requests.AuthData body = Bodies.read(ctx, Requests.AuthData.class);
        if (body.token() != null) {
            throw ApiException.badRequest("Single sign-on logins are not supported; log in with a password");
        }
        if (body.password() == null) {
            throw ApiException.badRequest("'password' is required");
        }
        Accounts.Login login = accounts.login(body.password().username(), body.password().password(),
                body.password().newPassword(), ctx.ip(), ctx.header("X-Forwarded-For"));
        ctx.json(tokenData(login.token(), login.user(), login.profile()));
    }

    private void logout(Context ctx) {
        Principal p = Access.of(ctx);
        if (p.session().isEmpty()) {
            throw ApiException.badRequest("An API key has no session to log out of");
        }
        accounts.sessions().end(p.session());
        accounts.event("User.Logout", "Info", p.name(), ctx.ip(), "logged out");
        ctx.json(Map.of());
    }

    private void self(Context ctx) {
        Principal p = Access.of(ctx);
        StoredUser user = users.get(p.name());
        ctx.json(new Views.UserData(Views.User.of(user, accounts.profile(), false, accounts.clock().millis())));
    }

    Views.TokenData tokenData(String token, StoredUser u, PasswordProfile profile) {
        Role role = accounts.role(u.role());
        List<Views.PermissionView> global = role.permissions().stream()
                .map(x -> new Views.PermissionView(x.id(), x.read(), x.write())).toList();
        int days = -1;
        int hours = -1;
        if (profile.enablePasswordExpiration()) {
            long left = u.passwordChanged() + profile.passwordExpireAfterDays() * 86_400L - accounts.clock().instant().getEpochSecond();
            days = (int) Math.max(0, left / 86_400);
            hours = (int) Math.max(0, left / 3600);
        }
        Views.Token t = new Views.Token(token, u.fullname(), "", u.fullname(), "", u.email(), u.role(),
                u.timeout() > 0 ? u.timeout() : profile.sessionTimeout(), u.locale(), u.defaultPassword(), u.modifyPassword(),
                u.roleDomains(), global, List.of(), u.lastLogin(),
                u.lastLogin() == 0 ? "" : Instant.ofEpochSecond(u.lastLogin()).toString(), u.loginCount());
        return new Views.TokenData(t, days, hours, false);
    }
}
