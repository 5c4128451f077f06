package dev.bulwark.controller.auth;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code /v1/password_profile}: the one active profile, {@code default}. */
public final class ProfileApi implements Consumer<Routes> {

    private final Accounts accounts;

    public ProfileApi(Accounts accounts) {
        this.accounts = accounts;
    }

    /** NeuVector's name for whichever profile is active, for reading only. */
    static final String ACTIVE = "nvsyspwdprofile";

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.AUTHENTICATION;
        routes.get("/v1/password_profile", perm, ctx -> ctx.json(new Views.ProfilesData(List.of(Views.Profile.of(accounts.profile())),
                PasswordProfile.DEFAULT)));
        routes.get("/v1/password_profile/{name}", perm, ctx -> {
            if (!ctx.pathParam("name").equals(ACTIVE)) {
                check(ctx.pathParam("name"));
            }
            ctx.json(new Views.ProfileData(Views.Profile.of(accounts.profile())));
        });
        routes.patch("/v1/password_profile/{name}", perm, this::update);
    }

    private static void check(String name) {
        if (!name.equals(PasswordProfile.DEFAULT)) {
            throw ApiException.notFound("Password profile");
        }
    }

    private void update(Context ctx) {
        Access.require(ctx, Permissions.AUTHENTICATION, true, "");
        check(ctx.pathParam("name"));
        Requests.ProfileConfig c = Bodies.read(ctx, Requests.ProfileConfigData.class).config();
        if (c == null || c.name() != null && !c.name().equals(PasswordProfile.DEFAULT)) {
            throw ApiException.badRequest("'config' with name 'default' is required");
        }
        PasswordProfile p = accounts.profile();
        accounts.setProfile(new PasswordProfile(p.name(), or(c.comment(), p.comment()), or(c.minLen(), p.minLen()),
                or(c.minUppercaseCount(), p.minUppercaseCount()), or(c.minLowercaseCount(), p.minLowercaseCount()),
                or(c.minDigitCount(), p.minDigitCount()), or(c.minSpecialCount(), p.minSpecialCount()),
                or(c.enablePasswordExpiration(), p.enablePasswordExpiration()),
                or(c.passwordExpireAfterDays(), p.passwordExpireAfterDays()),
                or(c.enablePasswordHistory(), p.enablePasswordHistory()),
                or(c.passwordKeepHistoryCount(), p.passwordKeepHistoryCount()),
                or(c.enableBlockAfterFailedLogin(), p.enableBlockAfterFailedLogin()),
                or(c.blockAfterFailedLoginCount(), p.blockAfterFailedLoginCount()),
                or(c.blockMinutes(), p.blockMinutes()), or(c.sessionTimeout(), p.sessionTimeout())));
        ctx.json(Map.of());
    }

}
