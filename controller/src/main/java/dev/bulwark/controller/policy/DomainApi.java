package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.auth.StoredUser;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Section;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code /v1/domain}: the namespaces the configuration names (in group criteria and namespace roles), with
 * runtime counts zero until enforcers report workloads, and their tags. A namespace user sees its own.
 */
public final class DomainApi implements Consumer<Routes> {

    private final Policy policy;
    private final Records records;

    public DomainApi(Policy policy, Records records) {
        this.policy = policy;
        this.records = records;
    }

    /** A namespace's tags ({@code RESTDomainEntryConfig}). */
    public static final Kind<Entry> KIND = Kind.of("domain", Entry.class, "Namespace", Section.SYSTEM);
    /** Whether tags are kept per namespace. */
    public static final Kind<Setting> SETTING = Kind.single("domain_setting", "tag_per_domain", Setting.class,
            "Namespace setting", Section.SYSTEM);
    private static final int MAX_TAGS = 64;

    /** {@code RESTDomain}. */
    record Domain(String name, int workloads, int runningWorkloads, int runningPods, int services, List<String> tags,
            Map<String, String> labels) {}

    public record Entry(String name, List<String> tags) {}

    record EntryData(Entry config) {}

    /** {@code RESTDomainConfig}: whether tags are kept per namespace. */
    public record Setting(Boolean tagPerDomain) {}

    record SettingData(Setting config) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // objects of namespaces: the handlers filter
        routes.get("/v1/domain", Permissions.RT_POLICY, ctx -> {
            Principal p = Access.of(ctx);
            List<Domain> domains = names().stream().filter(d -> p.on(Permissions.RT_POLICY, false, d))
                    .map(d -> new Domain(d, 0, 0, 0, 0, tags(d), Map.of())).toList();
            ctx.json(Map.of("domains", domains, "tag_per_domain", tagPerDomain()));
        });
        routes.patch("/v1/domain", Permissions.RT_POLICY, ctx -> {
            Access.require(ctx, Permissions.RT_POLICY, true, "");
            Setting s = Bodies.read(ctx, SettingData.class).config();
            if (s == null || s.tagPerDomain() == null) {
                throw ApiException.badRequest("'config' with tag_per_domain is required");
            }
            records.put(SETTING, SETTING.singleton().orElseThrow(), s);
            ctx.json(Map.of());
        });
        routes.patch("/v1/domain/{name}", Permissions.RT_POLICY, ctx -> {
            String name = ctx.pathParam("name");
            Access.require(ctx, Permissions.RT_POLICY, true, name);
            Entry e = Bodies.read(ctx, EntryData.class).config();
            if (e == null || !name.equals(e.name())) {
                throw ApiException.badRequest("'config' with the namespace of the URL is required");
            }
            if (!names().contains(name)) {
                throw ApiException.notFound("Namespace");
            }
            List<String> tags = e.tags() == null ? tags(name) : e.tags();
            if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 256)) {
                throw ApiException.badRequest("At most %d tags of 1 to 256 characters".formatted(MAX_TAGS));
            }
            records.put(KIND, name, new Entry(name, tags));
            ctx.json(Map.of());
        });
    }

    /** How many namespaces the configuration names. */
    public int count() {
        return names().size();
    }

    private TreeSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        policy.groups().forEach(g -> names.addAll(g.createrDomains()));
        records.list(StoredUser.KIND).forEach(u -> u.roleDomains().values()
                .forEach(names::addAll));
        return names;
    }

    private List<String> tags(String domain) {
        return records.find(KIND, domain).map(Entry::tags).orElse(List.of());
    }

    private boolean tagPerDomain() {
        return records.find(SETTING).map(Setting::tagPerDomain).orElse(false);
    }
}
