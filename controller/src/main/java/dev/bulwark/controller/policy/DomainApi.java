package dev.bulwark.controller.policy;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/domain}: the {@link Domains namespaces}, with runtime counts zero until enforcers report workloads,
 * and their tags. A namespace user sees its own.
 */
public final class DomainApi implements Consumer<Routes> {

    private final Domains domains;

    public DomainApi(Domains domains) {
        this.domains = domains;
    }

    /** {@code RESTDomain}. */
    record Domain(String name, int workloads, int runningWorkloads, int runningPods, int services, List<String> tags,
            Map<String, String> labels) {}

    record EntryData(Domains.Entry config) {}

    record SettingData(Domains.Setting config) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // objects of namespaces: the handlers filter
        routes.get("/v1/domain", Permissions.RT_POLICY, ctx -> {
            Principal p = Access.of(ctx);
            List<Domain> shown = domains.names().stream().filter(d -> p.on(Permissions.RT_POLICY, false, d))
                    .map(d -> new Domain(d, 0, 0, 0, 0, domains.tags(d), Map.of())).toList();
            ctx.json(Map.of("domains", shown, "tag_per_domain", domains.tagPerDomain()));
        });
        routes.patch("/v1/domain", Permissions.RT_POLICY, ctx -> {
            Access.require(ctx, Permissions.RT_POLICY, true, "");
            Domains.Setting s = Bodies.read(ctx, SettingData.class).config();
            if (s == null || s.tagPerDomain() == null) {
                throw ApiException.badRequest("'config' with tag_per_domain is required");
            }
            domains.setTagPerDomain(s.tagPerDomain());
            ctx.json(Map.of());
        });
        routes.patch("/v1/domain/{name}", Permissions.RT_POLICY, ctx -> {
            String name = ctx.pathParam("name");
            Access.require(ctx, Permissions.RT_POLICY, true, name);
            Domains.Entry e = Bodies.read(ctx, EntryData.class).config();
            if (e == null || !name.equals(e.name())) {
                throw ApiException.badRequest("'config' with the namespace of the URL is required");
            }
            domains.setTags(name, or(e.tags(), domains.tags(name)));
            ctx.json(Map.of());
        });
    }
}
