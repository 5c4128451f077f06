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
 * {@code /v1/file_monitor}: each group's {@link FileRules file rules}. {@code GET /v1/file_monitor/NAME}
 * answers {@code {"profile": {group, filters}}} as NeuVector does (the spec's RESTFileMonitorFile describes the
 * enforcer's file list instead).
 */
public final class FileMonitorApi implements Consumer<Routes> {

    private final Policy policy;
    private final FileRules files;

    public FileMonitorApi(Policy policy, FileRules files) {
        this.policy = policy;
        this.files = files;
    }

    record ConfigData(FileRules.Config config) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // objects of namespaces: the handlers filter
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/file_monitor", perm, ctx -> ctx.json(Map.of("profiles", policy.profiledGroups(
                Access.of(ctx)).stream().map(g -> files.profile(g.name())).toList())));
        routes.get("/v1/file_monitor/{name}", perm, ctx -> ctx.json(Map.of("profile",
                files.profile(group(ctx, false)))));
        routes.patch("/v1/file_monitor/{name}", perm, this::patch);
    }

    private String group(Context ctx, boolean write) {
        return policy.profiledGroup(Access.of(ctx), ctx.pathParam("name"), write, "file rules").name();
    }

    private void patch(Context ctx) {
        String group = group(ctx, true);
        FileRules.Config c = Bodies.read(ctx, ConfigData.class).config();
        if (c == null) {
            throw ApiException.badRequest("'config' is required");
        }
        files.change(group, c);
        ctx.json(Map.of());
    }
}
