package dev.bulwark.controller.registry;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.registry.Registries.AwsKeyConfig;
import dev.bulwark.controller.registry.Registries.Config;
import dev.bulwark.controller.registry.Registries.GcrKeyConfig;
import dev.bulwark.controller.registry.Registries.ScheduleConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/scan/registry}: the {@link Registries registries} to scan, made and changed through NeuVector's v1 body
 * ({@code RESTRegistryConfigData}) or its v2 body ({@code RESTRegistryConfigDataV2}, whose {@code auth}, {@code scan}
 * and {@code integrations} sections are read as the v1 fields, as NeuVector does); {@code /v1/list/registry_type}
 * the types; {@code POST /v1|v2/scan/registry/{name}/test} and {@code DELETE /v1/scan/registry/{name}/test} test a
 * registry's settings ({@link RegistryTests}), long-polled by the {@code X-Transaction-ID} header: 304 while no step
 * came, 206 with the steps so far, 200 with all once it ended. Registries live in namespaces: a namespace user sees
 * and changes those of its own.
 */
public final class RegistryApi implements Consumer<Routes> {

    static final String TRANSACTION = "X-Transaction-ID";

    private final Registries registries;
    private final RegistryTests tests;

    public RegistryApi(Registries registries, RegistryTests tests) {
        this.registries = registries;
        this.tests = tests;
    }

    record ConfigData(Config config) {}

    /** {@code RESTRegistryConfigAuth}. */
    record AuthV2(String username, String password, String authToken, Boolean authWithToken, AwsKeyConfig awsKey,
            GcrKeyConfig gcrKey) {

        @Override
        public String toString() {
            return "AuthV2[username=%s]".formatted(username);
        }
    }

    /** {@code RESTRegistryConfigScan}. */
    record ScanV2(Boolean rescanAfterDbUpdate, Boolean scanLayers, Integer repoLimit, Integer tagLimit,
            ScheduleConfig schedule, Boolean ignoreProxy) {}

    /** {@code RESTRegistryConfigIntegrations}. */
    record IntegrationsV2(String jfrogMode, Boolean jfrogAql, String gitlabExternalUrl, String gitlabPrivateToken,
            String ibmCloudTokenUrl, String ibmCloudAccount) {

        @Override
        public String toString() {
            return "IntegrationsV2[jfrog_mode=%s]".formatted(jfrogMode);
        }
    }

    /** {@code RESTRegistryConfigV2}. */
    record ConfigV2(String name, String registryType, String registry, List<String> domains, List<String> filters,
            String cfgType, AuthV2 auth, ScanV2 scan, IntegrationsV2 integrations) {

        /** The v1 fields, as NeuVector's {@code registryConfigV2ToV1}: a section left out sets none of its fields. */
        Config v1() {
            AuthV2 a = auth == null ? new AuthV2(null, null, null, null, null, null) : auth;
            ScanV2 s = scan == null ? new ScanV2(null, null, null, null, null, null) : scan;
            IntegrationsV2 i = integrations == null ? new IntegrationsV2(null, null, null, null, null, null)
                    : integrations;
            return new Config(name, registryType, registry, domains, filters, a.username(), a.password(),
                    a.authToken(), a.authWithToken(), s.rescanAfterDbUpdate(), s.scanLayers(), s.repoLimit(),
                    s.tagLimit(), s.schedule(), a.awsKey(), a.gcrKey(), i.jfrogMode(), i.jfrogAql(),
                    i.gitlabExternalUrl(), i.gitlabPrivateToken(), i.ibmCloudTokenUrl(), i.ibmCloudAccount(), cfgType,
                    s.ignoreProxy());
        }
    }

    record ConfigDataV2(ConfigV2 config) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // registries of namespaces: the domain filters by the caller's
        String perm = Permissions.REG_SCAN;
        String one = "/scan/registry/{name}";
        routes.get("/v1/scan/registry", perm, this::list);
        routes.post("/v1/scan/registry", perm, ctx -> create(ctx, v1(ctx)));
        routes.post("/v2/scan/registry", perm, ctx -> create(ctx, v2(ctx)));
        routes.get("/v1" + one, perm, ctx -> ctx.json(Map.of("summary", summary(registries.get(Access.of(ctx),
                ctx.pathParam("name"))))));
        routes.patch("/v1" + one, perm, ctx -> update(ctx, v1(ctx)));
        routes.patch("/v2" + one, perm, ctx -> update(ctx, v2(ctx)));
        routes.delete("/v1" + one, perm, ctx -> {
            registries.delete(Access.of(ctx), ctx.pathParam("name"));
            ctx.json(Map.of());
        });
        routes.post("/v1" + one + "/test", perm, ctx -> test(ctx, v1(ctx)));
        routes.post("/v2" + one + "/test", perm, ctx -> test(ctx, v2(ctx)));
        routes.delete("/v1" + one + "/test", perm, ctx -> {
            String id = ctx.header(TRANSACTION);
            if (id == null || id.isEmpty()) {
                throw ApiException.badRequest("No transaction id in the request");
            }
            tests.cancel(Access.of(ctx), id);
            ctx.json(Map.of());
        });
        routes.get("/v1/list/registry_type", perm, ctx -> ctx.json(Map.of("list", Map.of("registry_type",
                registries.types()))));
    }

    private RegistrySummary summary(RegistryConfig r) {
        return RegistrySummary.of(r, registries.state(r.name()));
    }

    /**
     * {@code RESTRegistrySummaryListData} through the list query; {@code scope=fed} lists none, there being no
     * federation.
     */
    private void list(Context ctx) {
        String scope = ctx.queryParam("scope");
        if (scope != null && !List.of("", "local", "fed", "all").contains(scope)) {
            throw ApiException.badRequest("Invalid value '%s' for query parameter 'scope': local, fed or all"
                    .formatted(scope.length() > 32 ? scope.substring(0, 32) + "..." : scope));
        }
        List<RegistrySummary> rows = "fed".equals(scope) ? List.of()
                : registries.list(Access.of(ctx)).stream().map(this::summary).toList();
        ctx.json(Map.of("summarys", ListQuery.of(ctx).select(rows, Bodies.JSON::valueToTree)));
    }

    /** A test's first request (no transaction id) starts it; each, the first included, is a poll. */
    private void test(Context ctx, Config c) throws InterruptedException {
        String id = ctx.header(TRANSACTION);
        if (id == null || id.isEmpty()) {
            id = tests.start(registries.trial(Access.of(ctx), c));
        }
        RegistryTests.Progress progress = tests.poll(Access.of(ctx), id);
        ctx.header(TRANSACTION, id);
        if (progress.steps().isEmpty()) {
            ctx.status(304);
        } else {
            ctx.status(progress.done() ? 200 : 206).json(Map.of("steps", progress.steps()));
        }
    }

    private void create(Context ctx, Config c) {
        registries.create(Access.of(ctx), c);
        ctx.json(Map.of());
    }

    private void update(Context ctx, Config c) {
        registries.update(Access.of(ctx), ctx.pathParam("name"), c);
        ctx.json(Map.of());
    }

    private static Config v1(Context ctx) {
        Config c = Bodies.read(ctx, ConfigData.class).config();
        if (c == null) {
            throw ApiException.badRequest("'config' is required");
        }
        return c;
    }

    private static Config v2(Context ctx) {
        ConfigV2 c = Bodies.read(ctx, ConfigDataV2.class).config();
        if (c == null) {
            throw ApiException.badRequest("'config' is required");
        }
        return c.v1();
    }
}
