package dev.bulwark.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.SystemConfigs.PatchData;
import dev.bulwark.controller.SystemConfigs.Webhook;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code /v1/system/config} and {@code /v2/system/config}: the {@link SystemConfigs system settings}, the v2 API
 * holding the same settings in sections; {@code /v1/system/config/webhook} their webhooks.
 */
public final class SystemConfigApi implements Consumer<Routes> {

    private static final Set<String> V2_SECTIONS = Set.of("svc_cfg", "syslog_cfg", "auth_cfg", "proxy_cfg",
            "webhooks", "ibmsa_cfg", "scanner_autoscale_cfg", "remote_repositories", "misc_cfg");

    private final SystemConfigs configs;

    SystemConfigApi(SystemConfigs configs) {
        this.configs = configs;
    }

    /** {@code RESTSystemWebhookConfigData}. */
    private record WebhookData(Webhook config) {}

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.CONFIG;
        routes.get("/v1/system/config", perm, ctx -> {
            ObjectNode config = Bodies.JSON.valueToTree(configs.current().redacted());
            config.putArray("remote_repositories"); // none: exporting to remote repositories is not supported
            ctx.json(Map.of("config", config));
        });
        routes.patch("/v1/system/config", perm, ctx -> {
            configs.apply(Bodies.read(ctx, PatchData.class));
            ctx.json(Map.of());
        });
        routes.post("/v1/system/config/webhook", perm, ctx -> {
            configs.addWebhook(Bodies.read(ctx, WebhookData.class).config());
            ctx.json(Map.of());
        });
        routes.patch("/v1/system/config/webhook/{name}", perm, ctx -> {
            Webhook hook = Bodies.read(ctx, WebhookData.class).config();
            if (hook != null && !ctx.pathParam("name").equals(hook.name())) {
                throw ApiException.badRequest("The webhook name in the body differs from the one in the URL");
            }
            configs.updateWebhook(hook);
            ctx.json(Map.of());
        });
        routes.delete("/v1/system/config/webhook/{name}", perm, ctx -> {
            configs.deleteWebhook(ctx.pathParam("name"));
            ctx.json(Map.of());
        });
        routes.get("/v2/system/config", perm, ctx -> ctx.json(Map.of("config", configs.current().v2())));
        routes.patch("/v2/system/config", perm, ctx -> {
            configs.apply(v2ToV1(Bodies.read(ctx, JsonNode.class)));
            ctx.json(Map.of());
        });
    }

    /**
     * {@code RESTSystemConfigConfigDataV2}: its sections hold the v1 field names, so they merge into one patch.
     * Sections and top-level fields this controller does not know are skipped, like any unknown field (Bodies).
     */
    private static PatchData v2ToV1(JsonNode body) {
        ObjectNode v1 = JsonNodeFactory.instance.objectNode();
        ObjectNode config = v1.putObject("config");
        for (var e : body.properties()) {
            switch (e.getKey()) {
                case "config_v2" -> e.getValue().properties().forEach(section -> {
                    switch (section.getKey()) {
                        case "webhooks", "remote_repositories" -> config.set(section.getKey(), section.getValue());
                        case "scanner_autoscale_cfg" -> config.set("scanner_autoscale", section.getValue());
                        default -> {
                            if (V2_SECTIONS.contains(section.getKey())) {
                                section.getValue().properties().forEach(f -> config.set(f.getKey(), f.getValue()));
                            }
                        }
                    }
                });
                case "fed_config", "net_config", "atmo_config" -> v1.set(e.getKey(), e.getValue());
                default -> { }
            }
        }
        return Bodies.parse(Bodies.write(v1), PatchData.class);
    }
}
