package dev.bulwark.controller;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.store.KeyValue;
import dev.bulwark.controller.store.Txn;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code /v1/system/config}: NeuVector's system settings ({@code RESTSystemConfig}) with their defaults, changed
 * by {@code PATCH} with {@code config}, {@code net_config} and {@code atmo_config} parts, each field checked.
 * Proxy passwords are kept but never shown.
 */
final class SystemConfigApi implements Consumer<Routes> {

    static final String KEY = Objects.key("system", "config");
    private static final Set<String> MODES = Set.of("Discover", "Monitor", "Protect");
    private static final Set<String> LEVELS = Set.of("Emergency", "Alert", "Critical", "Error", "Warning", "Notice",
            "Info", "Debug");
    private static final Set<String> CATEGORIES = Set.of("event", "security-event", "audit");

    private final ClusterStore store;
    private final String clusterName;

    SystemConfigApi(ClusterStore store, String clusterName) {
        this.store = store;
        this.clusterName = clusterName;
    }

    /** {@code RESTProxy}. */
    record Proxy(String url, String username, String password) {}

    /** {@code RESTSystemConfigAutoscale}. */
    record Autoscale(String strategy, int minPods, int maxPods) {}

    /** {@code RESTWebhook}. */
    record Webhook(String name, String url, boolean enable, boolean useProxy, String type, String cfgType) {}

    /** {@code RESTSystemConfig}. */
    record Config(String newServicePolicyMode, String newServiceProfileBaseline, int unusedGroupAging,
            String syslogIp, int syslogIpProto, int syslogPort, String syslogLevel, boolean syslogStatus,
            List<String> syslogCategories, boolean syslogInJson, boolean singleCvePerSyslog,
            boolean syslogCveInLayers, String syslogServerCert, boolean outputEventToLogs, List<String> authOrder,
            boolean authByPlatform, String rancherEp, List<String> configuredInternalSubnets, List<Webhook> webhooks,
            String clusterName, List<String> controllerDebug, String cspType, boolean monitorServiceMesh,
            boolean registryHttpProxyStatus, boolean registryHttpsProxyStatus, Proxy registryHttpProxy,
            Proxy registryHttpsProxy, boolean ibmsaEpEnabled, int ibmsaEpStart, String ibmsaEpDashboardUrl,
            String ibmsaEpConnectedAt, boolean xffEnabled, boolean netServiceStatus, String netServicePolicyMode,
            boolean modeAutoD2m, int modeAutoD2mDuration, boolean modeAutoM2p, int modeAutoM2pDuration,
            Autoscale scannerAutoscale, boolean noTelemetryReport) {

        static Config defaults(String clusterName) {
            return new Config("Discover", "zero-drift", 24, "", 17, 514, "Info", false, List.of("event",
                    "security-event", "audit"), false, false, false, "", true, List.of("local"), false, "", List.of(),
                    List.of(), clusterName, List.of(), "", false, false, false, new Proxy("", "", ""),
                    new Proxy("", "", ""), false, 0, "", "", true, false, "Discover", false, 3600, false, 3600,
                    new Autoscale("", 1, 3), true);
        }

        /** As shown to clients: proxy passwords blanked. */
        Config shown() {
            return new Config(newServicePolicyMode, newServiceProfileBaseline, unusedGroupAging, syslogIp,
                    syslogIpProto, syslogPort, syslogLevel, syslogStatus, syslogCategories, syslogInJson,
                    singleCvePerSyslog, syslogCveInLayers, syslogServerCert, outputEventToLogs, authOrder,
                    authByPlatform, rancherEp, configuredInternalSubnets, webhooks, clusterName, controllerDebug,
                    cspType, monitorServiceMesh, registryHttpProxyStatus, registryHttpsProxyStatus,
                    new Proxy(registryHttpProxy.url(), registryHttpProxy.username(), ""),
                    new Proxy(registryHttpsProxy.url(), registryHttpsProxy.username(), ""), ibmsaEpEnabled,
                    ibmsaEpStart, ibmsaEpDashboardUrl, ibmsaEpConnectedAt, xffEnabled, netServiceStatus,
                    netServicePolicyMode, modeAutoD2m, modeAutoD2mDuration, modeAutoM2p, modeAutoM2pDuration,
                    scannerAutoscale, noTelemetryReport);
        }
    }

    /** {@code RESTSystemConfigConfig}: every field optional. */
    record ConfigPatch(String newServicePolicyMode, String newServiceProfileBaseline, Integer unusedGroupAging,
            String syslogIp, Integer syslogIpProto, Integer syslogPort, String syslogLevel, Boolean syslogStatus,
            List<String> syslogCategories, Boolean syslogInJson, String syslogServerCert, Boolean singleCvePerSyslog,
            Boolean syslogCveInLayers, Boolean outputEventToLogs, List<String> authOrder, Boolean authByPlatform,
            String rancherEp, List<Webhook> webhooks, String clusterName, List<String> controllerDebug,
            Boolean monitorServiceMesh, Boolean registryHttpProxyStatus, Boolean registryHttpsProxyStatus,
            Proxy registryHttpProxy, Proxy registryHttpsProxy, Boolean ibmsaEpEnabled, String ibmsaEpDashboardUrl,
            Boolean xffEnabled, Autoscale scannerAutoscale, Boolean noTelemetryReport,
            List<Object> remoteRepositories) {}

    /** {@code RESTSysNetConfigConfig}. */
    record NetPatch(Boolean netServiceStatus, String netServicePolicyMode, Boolean disableNetPolicy,
            Boolean detectUnmanagedWl, Boolean strictGroupMode) {}

    /** {@code RESTSysAtmoConfigConfig}. */
    record AtmoPatch(Boolean modeAutoD2m, Integer modeAutoD2mDuration, Boolean modeAutoM2p,
            Integer modeAutoM2pDuration) {}

    /** {@code RESTSystemConfigConfigData}; federation settings are refused. */
    record PatchData(ConfigPatch config, Object fedConfig, NetPatch netConfig, AtmoPatch atmoConfig) {}

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/system/config", Permissions.CONFIG, ctx -> ctx.json(Map.of("config", current().shown())));
        routes.patch("/v1/system/config", Permissions.CONFIG, this::patch);
    }

    private Config current() {
        return store.get(KEY).map(kv -> Objects.decode(kv, Config.class)).orElse(Config.defaults(clusterName));
    }

    private void patch(Context ctx) {
        Access.require(ctx, Permissions.CONFIG, true, "");
        PatchData data = Bodies.read(ctx, PatchData.class);
        if (data.fedConfig() != null) {
            throw ApiException.badRequest("Federation settings are not supported");
        }
        KeyValue kv = store.get(KEY).orElse(null);
        Config c = kv == null ? Config.defaults(clusterName) : Objects.decode(kv, Config.class);
        ConfigPatch p = data.config() == null ? new ConfigPatch(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null) : data.config();
        NetPatch n = data.netConfig() == null ? new NetPatch(null, null, null, null, null) : data.netConfig();
        AtmoPatch a = data.atmoConfig() == null ? new AtmoPatch(null, null, null, null) : data.atmoConfig();
        Config updated = new Config(
                oneOf(or(p.newServicePolicyMode(), c.newServicePolicyMode()), MODES, "new_service_policy_mode"),
                oneOf(or(p.newServiceProfileBaseline(), c.newServiceProfileBaseline()), Set.of("zero-drift", "basic"),
                        "new_service_profile_baseline"),
                range(or(p.unusedGroupAging(), c.unusedGroupAging()), 0, 168, "unused_group_aging"),
                or(p.syslogIp(), c.syslogIp()),
                oneOf(or(p.syslogIpProto(), c.syslogIpProto()), Set.of(17, 6, 66), "syslog_ip_proto"),
                range(or(p.syslogPort(), c.syslogPort()), 1, 65535, "syslog_port"),
                oneOf(or(p.syslogLevel(), c.syslogLevel()), LEVELS, "syslog_level"),
                or(p.syslogStatus(), c.syslogStatus()),
                subset(or(p.syslogCategories(), c.syslogCategories()), CATEGORIES, "syslog_categories"),
                or(p.syslogInJson(), c.syslogInJson()), or(p.singleCvePerSyslog(), c.singleCvePerSyslog()),
                or(p.syslogCveInLayers(), c.syslogCveInLayers()), or(p.syslogServerCert(), c.syslogServerCert()),
                or(p.outputEventToLogs(), c.outputEventToLogs()), or(p.authOrder(), c.authOrder()),
                or(p.authByPlatform(), c.authByPlatform()), or(p.rancherEp(), c.rancherEp()),
                c.configuredInternalSubnets(), webhooks(or(p.webhooks(), c.webhooks())),
                name(or(p.clusterName(), c.clusterName())), or(p.controllerDebug(), c.controllerDebug()), c.cspType(),
                or(p.monitorServiceMesh(), c.monitorServiceMesh()),
                or(p.registryHttpProxyStatus(), c.registryHttpProxyStatus()),
                or(p.registryHttpsProxyStatus(), c.registryHttpsProxyStatus()),
                or(p.registryHttpProxy(), c.registryHttpProxy()), or(p.registryHttpsProxy(), c.registryHttpsProxy()),
                or(p.ibmsaEpEnabled(), c.ibmsaEpEnabled()), c.ibmsaEpStart(),
                or(p.ibmsaEpDashboardUrl(), c.ibmsaEpDashboardUrl()), c.ibmsaEpConnectedAt(),
                or(p.xffEnabled(), c.xffEnabled()), or(n.netServiceStatus(), c.netServiceStatus()),
                oneOf(or(n.netServicePolicyMode(), c.netServicePolicyMode()), MODES, "net_service_policy_mode"),
                or(a.modeAutoD2m(), c.modeAutoD2m()),
                range(or(a.modeAutoD2mDuration(), c.modeAutoD2mDuration()), 3600, 86400 * 30, "mode_auto_d2m_duration"),
                or(a.modeAutoM2p(), c.modeAutoM2p()),
                range(or(a.modeAutoM2pDuration(), c.modeAutoM2pDuration()), 3600, 86400 * 30, "mode_auto_m2p_duration"),
                or(p.scannerAutoscale(), c.scannerAutoscale()), or(p.noTelemetryReport(), c.noTelemetryReport()));
        if (store.commit(Txn.builder().require(KEY, kv == null ? Txn.ABSENT : kv.modRevision())
                .put(KEY, Objects.encode(updated)).build()).isEmpty()) {
            throw new ApiException(409, ApiError.FAIL_WRITE_CLUSTER, "The system config changed meanwhile; retry");
        }
        ctx.json(Map.of());
    }

    private static <T> T or(T value, T current) {
        return value == null ? current : value;
    }

    private static <T> T oneOf(T value, Set<T> allowed, String field) {
        if (!allowed.contains(value)) {
            throw ApiException.badRequest("%s must be one of %s".formatted(field, allowed));
        }
        return value;
    }

    private static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw ApiException.badRequest("%s must be %d to %d".formatted(field, min, max));
        }
        return value;
    }

    private static List<String> subset(List<String> values, Set<String> allowed, String field) {
        if (!allowed.containsAll(values)) {
            throw ApiException.badRequest("%s are among %s".formatted(field, allowed));
        }
        return values;
    }

    private static String name(String clusterName) {
        if (clusterName.isBlank() || clusterName.length() > 64) {
            throw ApiException.badRequest("cluster_name is 1 to 64 characters");
        }
        return clusterName;
    }

    private static List<Webhook> webhooks(List<Webhook> hooks) {
        for (Webhook h : hooks) {
            if (h.name() == null || h.name().isBlank() || h.url() == null || !h.url().startsWith("http")) {
                throw ApiException.badRequest("webhooks need a name and an http(s) url");
            }
        }
        return hooks;
    }
}
