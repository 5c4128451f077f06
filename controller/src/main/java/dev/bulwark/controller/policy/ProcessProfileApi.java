package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
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
        routes.get("/v1/process_profile", perm, ctx -> {
            Principal p = Access.of(ctx);
            List<ProcessProfile> all = new ArrayList<>();
            for (Group g : policy.groups()) {
                if (g.kind().equals("container") || g.kind().equals("node")) {
                    if (Policy.allowed(p, perm, false, g.createrDomains())) {
                        all.add(profiles.profile(g));
                    }
                }
            }
            ctx.json(Map.of("process_profiles", all));
        });
        routes.get("/v1/process_profile/{name}", perm, ctx -> ctx.json(Map.of("process_profile",
                profiles.profile(group(ctx, false)))));
        routes.patch("/v1/process_profile/{name}", perm, this::patch);
    }

    private Group group(Context ctx, boolean write) {
        Group g = policy.visibleGroup(Access.of(ctx), ctx.pathParam("name"), write);
        if (g.kind().equals("address")) {
            throw ApiException.badRequest("Address groups have no process profile");
        }
        return g;
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
