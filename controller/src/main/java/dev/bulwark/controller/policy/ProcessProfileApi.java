package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/process_profile}: each group's {@link ProcessProfiles process rules}, changed by
 * {@code process_change_list} and {@code process_delete_list}; namespace users see their groups' only.
 */
public final class ProcessProfileApi implements Consumer<Routes> {

    private final Policy policy;
    private final ProcessProfiles profiles;

    public ProcessProfileApi(Policy policy, ProcessProfiles profiles) {
        this.policy = policy;
        this.profiles = profiles;
    }

    record ConfigData(ProcessProfiles.Config processProfileConfig) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // objects of namespaces: the handlers filter
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/process_profile", perm, ctx -> ctx.json(Map.of("process_profiles", policy.profiledGroups(
                Access.of(ctx)).stream().map(profiles::profile).toList())));
        routes.get("/v1/process_profile/{name}", perm, ctx -> ctx.json(Map.of("process_profile",
                profiles.profile(group(ctx, false)))));
        routes.patch("/v1/process_profile/{name}", perm, this::patch);
    }

    private Group group(Context ctx, boolean write) {
        return policy.profiledGroup(Access.of(ctx), ctx.pathParam("name"), write, "process profile");
    }

    private void patch(Context ctx) {
        Group g = group(ctx, true);
        ProcessProfiles.Config c = Bodies.read(ctx, ConfigData.class).processProfileConfig();
        if (c == null || c.group() != null && !c.group().equals(g.name())) {
            throw ApiException.badRequest("'process_profile_config' for the group of the URL is required");
        }
        profiles.change(g, c);
        ctx.json(Map.of());
    }
}
