package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/dlp/...} or {@code /v1/waf/...} (the two APIs have one shape): {@link Sensors sensors} and their
 * bindings to groups; the lists of sensors and rules take NeuVector's list query. Sensors live in no namespace: only
 * global policy users see and change them.
 */
public final class SensorApi implements Consumer<Routes> {

    private final Policy policy;
    private final Sensors sensors;
    private final String kind;

    /** @param kind {@code dlp} or {@code waf}: the paths and the names of the listings */
    public SensorApi(Policy policy, Sensors sensors, String kind) {
        this.policy = policy;
        this.sensors = sensors;
        this.kind = kind;
    }

    record SensorConfigData(Sensors.SensorConfig config) {}

    record BindingConfigData(Sensors.BindingConfig config) {}

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.RT_POLICY;
        String base = "/v1/" + kind;
        routes.get(base + "/sensor", perm, ctx -> ctx.json(Map.of("sensors", ListQuery.of(ctx).apply(sensors.list(),
                Bodies.JSON::valueToTree))));
        routes.get(base + "/sensor/{name}", perm, ctx -> ctx.json(Map.of("sensor", sensors.get(ctx.pathParam("name")))));
        routes.post(base + "/sensor", perm, ctx -> save(ctx, true));
        routes.patch(base + "/sensor/{name}", perm, ctx -> save(ctx, false));
        routes.delete(base + "/sensor/{name}", perm, ctx -> {
            sensors.delete(ctx.pathParam("name"));
            ctx.json(Map.of());
        });
        routes.get(base + "/rule", perm, ctx -> ctx.json(Map.of("rules", ListQuery.of(ctx).apply(sensors.rules(),
                Bodies.JSON::valueToTree))));
        routes.get(base + "/rule/{name}", perm, ctx -> ctx.json(Map.of("rule",
                sensors.ruleDetail(ctx.pathParam("name")))));
        routes.get(base + "/group", perm, ctx -> ctx.json(Map.of(kind + "_groups", sensors.bindings())));
        routes.get(base + "/group/{name}", perm, ctx -> ctx.json(Map.of(kind + "_group",
                sensors.binding(group(ctx).name()))));
        routes.patch(base + "/group/{name}", perm, this::bind);
    }

    private void save(Context ctx, boolean create) {
        Sensors.SensorConfig c = Bodies.read(ctx, SensorConfigData.class).config();
        if (c == null) {
            throw ApiException.badRequest("'config' is required");
        }
        if (!create && !ctx.pathParam("name").equals(c.name())) {
            throw ApiException.badRequest("The sensor name in the body differs from the one in the URL");
        }
        sensors.save(c, create);
        ctx.json(Map.of());
    }

    private Group group(Context ctx) {
        return policy.group(ctx.pathParam("name")).orElseThrow(() -> ApiException.notFound("Group"));
    }

    private void bind(Context ctx) {
        Group g = group(ctx);
        Sensors.BindingConfig c = Bodies.read(ctx, BindingConfigData.class).config();
        if (c == null || c.name() != null && !c.name().equals(g.name())) {
            throw ApiException.badRequest("'config' for the group of the URL is required");
        }
        sensors.bind(g, c);
        ctx.json(Map.of());
    }
}
