package dev.bulwark.controller;

import static dev.bulwark.controller.domain.Inputs.or;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.api.Addresses;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Redacted;
import dev.bulwark.controller.domain.Section;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NeuVector's system settings ({@code RESTSystemConfig}) with their defaults, changed by patches with
 * {@code config}, {@code net_config} and {@code atmo_config} parts, each field checked. Proxy passwords are kept
 * but never shown.
 */
public final class SystemConfigs {

    public static final Kind<Config> KIND = Kind.single("system", "config", Config.class, "System config",
            Section.SYSTEM);
    private static final Set<String> MODES = Set.of("Discover", "Monitor", "Protect");
    private static final Set<String> LEVELS = Set.of("Emergency", "Alert", "Critical", "Error", "Warning", "Notice",
            "Info", "Debug");
    private static final Set<String> CATEGORIES = Set.of("event", "security-event", "audit");

    private final Records records;
    private final String clusterName;

    SystemConfigs(Records records, String clusterName) {
        this.records = records;
        this.clusterName = clusterName;
    }

    private static Proxy kept(Proxy backedUp, Proxy current) {
        boolean same = backedUp.url().equals(current.url()) && backedUp.username().equals(current.username());
        return backedUp.password().isEmpty() && same ? current : backedUp;
    }

    /** {@code RESTProxy}. */
    public record Proxy(String url, String username, String password) {}

    /** {@code RESTSystemConfigAutoscale}. */
    public record Autoscale(String strategy, int minPods, int maxPods) {}

    /** {@code RESTWebhook}. */
    public record Webhook(String name, String url, boolean enable, boolean useProxy, String type, String cfgType) {}

    /** {@code RESTSystemConfig}. */
    public record Config(String newServicePolicyMode, String newServiceProfileBaseline, int unusedGroupAging,
            String syslogIp, int syslogIpProto, int syslogPort, String syslogLevel, boolean syslogStatus,
            List<String> syslogCategories, boolean syslogInJson, boolean singleCvePerSyslog,
            boolean syslogCveInLayers, String syslogServerCert, boolean outputEventToLogs, List<String> authOrder,
            boolean authByPlatform, String rancherEp, List<String> configuredInternalSubnets, List<Webhook> webhooks,
            String clusterName, List<String> controllerDebug, String cspType, boolean monitorServiceMesh,
            boolean registryHttpProxyStatus, boolean registryHttpsProxyStatus, Proxy registryHttpProxy,
            Proxy registryHttpsProxy, boolean ibmsaEpEnabled, int ibmsaEpStart, String ibmsaEpDashboardUrl,
            String ibmsaEpConnectedAt, boolean xffEnabled, boolean netServiceStatus, String netServicePolicyMode,
            boolean modeAutoD2m, int modeAutoD2mDuration, boolean modeAutoM2p, int modeAutoM2pDuration,
            Autoscale scannerAutoscale, boolean noTelemetryReport, boolean disableNetPolicy,
            boolean detectUnmanagedWl, boolean strictGroupMode) implements Redacted<Config> {

        static Config defaults(String clusterName) {
            return new Config("Discover", "zero-drift", 24, "", 17, 514, "Info", false, List.of("event",
                    "security-event", "audit"), false, false, false, "", true, List.of("local"), false, "", List.of(),
                    List.of(), clusterName, List.of(), "", false, false, false, new Proxy("", "", ""),
                    new Proxy("", "", ""), false, 0, "", "", true, false, "Discover", false, 3600, false, 3600,
                    new Autoscale("", 1, 3), true, false, false, false);
        }

        @Override
        public Config redacted() {
            return shown();
        }

        /** A proxy whose password the backup left out keeps the stored password when its URL and user are the same. */
        @Override
        public Config restoredOver(java.util.Optional<Config> stored) {
            Config c = stored.orElse(defaults(clusterName));
            return withProxies(kept(registryHttpProxy, c.registryHttpProxy()),
                    kept(registryHttpsProxy, c.registryHttpsProxy()));
        }

        /** As shown to clients: proxy passwords blanked. */
        Config shown() {
            return withProxies(new Proxy(registryHttpProxy.url(), registryHttpProxy.username(), ""),
                    new Proxy(registryHttpsProxy.url(), registryHttpsProxy.username(), ""));
        }

        Config withProxies(Proxy http, Proxy https) {
            return new Config(newServicePolicyMode, newServiceProfileBaseline, unusedGroupAging, syslogIp,
                    syslogIpProto, syslogPort, syslogLevel, syslogStatus, syslogCategories, syslogInJson,
                    singleCvePerSyslog, syslogCveInLayers, syslogServerCert, outputEventToLogs, authOrder,
                    authByPlatform, rancherEp, configuredInternalSubnets, webhooks, clusterName, controllerDebug,
                    cspType, monitorServiceMesh, registryHttpProxyStatus, registryHttpsProxyStatus, http, https,
                    ibmsaEpEnabled,
                    ibmsaEpStart, ibmsaEpDashboardUrl, ibmsaEpConnectedAt, xffEnabled, netServiceStatus,
                    netServicePolicyMode, modeAutoD2m, modeAutoD2mDuration, modeAutoM2p, modeAutoM2pDuration,
                    scannerAutoscale, noTelemetryReport, disableNetPolicy, detectUnmanagedWl, strictGroupMode);
        }

        /** {@code RESTSystemConfigV2}: the same settings in sections. */
        Map<String, Object> v2() {
            Config c = shown();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("new_svc", Map.of("new_service_policy_mode", c.newServicePolicyMode(),
                    "new_service_profile_baseline", c.newServiceProfileBaseline()));
            Map<String, Object> syslog = new LinkedHashMap<>();
            syslog.put("syslog_ip", c.syslogIp());
            syslog.put("syslog_ip_proto", c.syslogIpProto());
            syslog.put("syslog_port", c.syslogPort());
            syslog.put("syslog_level", c.syslogLevel());
            syslog.put("syslog_status", c.syslogStatus());
            syslog.put("syslog_categories", c.syslogCategories());
            syslog.put("syslog_in_json", c.syslogInJson());
            syslog.put("single_cve_per_syslog", c.singleCvePerSyslog());
            syslog.put("syslog_cve_in_layers", c.syslogCveInLayers());
            syslog.put("syslog_server_cert", c.syslogServerCert());
            syslog.put("output_event_to_logs", c.outputEventToLogs());
            out.put("syslog", syslog);
            out.put("auth", Map.of("auth_order", c.authOrder(), "auth_by_platform", c.authByPlatform(),
                    "rancher_ep", c.rancherEp()));
            Map<String, Object> misc = new LinkedHashMap<>();
            misc.put("configured_internal_subnets", c.configuredInternalSubnets());
            misc.put("unused_group_aging", c.unusedGroupAging());
            misc.put("cluster_name", c.clusterName());
            misc.put("controller_debug", c.controllerDebug());
            misc.put("csp_type", c.cspType());
            misc.put("monitor_service_mesh", c.monitorServiceMesh());
            misc.put("xff_enabled", c.xffEnabled());
            misc.put("no_telemetry_report", c.noTelemetryReport());
            misc.put("cfg_type", "user_created");
            out.put("misc", misc);
            out.put("webhooks", c.webhooks());
            out.put("proxy", Map.of("registry_http_proxy_status", c.registryHttpProxyStatus(),
                    "registry_https_proxy_status", c.registryHttpsProxyStatus(),
                    "registry_http_proxy", c.registryHttpProxy(), "registry_https_proxy", c.registryHttpsProxy()));
            out.put("ibmsa", Map.of("ibmsa_ep_enabled", c.ibmsaEpEnabled(), "ibmsa_ep_start", c.ibmsaEpStart(),
                    "ibmsa_ep_dashboard_url", c.ibmsaEpDashboardUrl(), "ibmsa_ep_connected_at", c.ibmsaEpConnectedAt()));
            out.put("net_svc", Map.of("net_service_status", c.netServiceStatus(), "new_service_profile_baseline",
                    c.newServiceProfileBaseline(), "disable_net_policy", c.disableNetPolicy(), "detect_unmanaged_wl",
                    c.detectUnmanagedWl(), "strict_group_mode", c.strictGroupMode()));
            out.put("mode_auto", Map.of("mode_auto_d2m", c.modeAutoD2m(), "mode_auto_d2m_duration",
                    c.modeAutoD2mDuration(), "mode_auto_m2p", c.modeAutoM2p(), "mode_auto_m2p_duration",
                    c.modeAutoM2pDuration()));
            out.put("scanner_autoscale", c.scannerAutoscale());
            out.put("remote_repositories", List.of());
            return out;
        }
    }

    /** {@code RESTSystemConfigConfig}: every field optional. */
    public record ConfigPatch(String newServicePolicyMode, String newServiceProfileBaseline, Integer unusedGroupAging,
            String syslogIp, Integer syslogIpProto, Integer syslogPort, String syslogLevel, Boolean syslogStatus,
            List<String> syslogCategories, Boolean syslogInJson, String syslogServerCert, Boolean singleCvePerSyslog,
            Boolean syslogCveInLayers, Boolean outputEventToLogs, List<String> authOrder, Boolean authByPlatform,
            String rancherEp, List<Webhook> webhooks, String clusterName, List<String> controllerDebug,
            Boolean monitorServiceMesh, Boolean registryHttpProxyStatus, Boolean registryHttpsProxyStatus,
            Proxy registryHttpProxy, Proxy registryHttpsProxy, Boolean ibmsaEpEnabled, String ibmsaEpDashboardUrl,
            Boolean xffEnabled, Autoscale scannerAutoscale, Boolean noTelemetryReport,
            List<Object> remoteRepositories) {}

    /** {@code RESTSysNetConfigConfig}. */
    public record NetPatch(Boolean netServiceStatus, String netServicePolicyMode, Boolean disableNetPolicy,
            Boolean detectUnmanagedWl, Boolean strictGroupMode) {}

    /** {@code RESTSysAtmoConfigConfig}. */
    public record AtmoPatch(Boolean modeAutoD2m, Integer modeAutoD2mDuration, Boolean modeAutoM2p,
            Integer modeAutoM2pDuration) {}

    /** {@code RESTSystemConfigConfigData}; federation settings are refused. */
    public record PatchData(ConfigPatch config, Object fedConfig, NetPatch netConfig, AtmoPatch atmoConfig) {}

    /** The names of the webhooks response rules can name. */
    public List<String> webhookNames() {
        return current().webhooks().stream().map(Webhook::name).toList();
    }

    /** The settings in force: the stored ones, or the defaults. */
    public Config current() {
        return records.find(KIND).orElse(Config.defaults(clusterName));
    }

    /** Applies a patch with compare-and-swap; every field it sets is checked. */
    public void apply(PatchData data) {
        if (data.fedConfig() != null) {
            throw ApiException.badRequest("Federation settings are not supported");
        }
        records.upsert(KIND, stored -> patched(stored.orElse(Config.defaults(clusterName)), data));
    }

    private Config patched(Config c, PatchData data) {
        ConfigPatch p = or(data.config(), new ConfigPatch(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null));
        NetPatch n = or(data.netConfig(), new NetPatch(null, null, null, null, null));
        AtmoPatch a = or(data.atmoConfig(), new AtmoPatch(null, null, null, null));
        return new Config(
                oneOf(or(p.newServicePolicyMode(), c.newServicePolicyMode()), MODES, "new_service_policy_mode"),
                oneOf(baseline(or(p.newServiceProfileBaseline(), c.newServiceProfileBaseline())),
                        Set.of("zero-drift", "basic"), "new_service_profile_baseline"),
                range(or(p.unusedGroupAging(), c.unusedGroupAging()), 0, 168, "unused_group_aging"),
                Addresses.host(or(p.syslogIp(), c.syslogIp()), "syslog_ip", true),
                oneOf(or(unset(p.syslogIpProto(), 0, 17), c.syslogIpProto()), Set.of(17, 6, 66), "syslog_ip_proto"),
                range(or(unset(p.syslogPort(), 0, 514), c.syslogPort()), 1, 65535, "syslog_port"),
                oneOf(or(unset(p.syslogLevel(), "", "Info"), c.syslogLevel()), LEVELS, "syslog_level"),
                or(p.syslogStatus(), c.syslogStatus()),
                subset(or(p.syslogCategories(), c.syslogCategories()), CATEGORIES, "syslog_categories"),
                or(p.syslogInJson(), c.syslogInJson()), or(p.singleCvePerSyslog(), c.singleCvePerSyslog()),
                or(p.syslogCveInLayers(), c.syslogCveInLayers()), or(p.syslogServerCert(), c.syslogServerCert()),
                or(p.outputEventToLogs(), c.outputEventToLogs()), or(p.authOrder(), c.authOrder()),
                or(p.authByPlatform(), c.authByPlatform()),
                Addresses.url(or(p.rancherEp(), c.rancherEp()), "rancher_ep"),
                c.configuredInternalSubnets(), webhooks(or(p.webhooks(), c.webhooks())),
                name(or(unset(p.clusterName(), "", clusterName), c.clusterName())),
                or(p.controllerDebug(), c.controllerDebug()), c.cspType(),
                or(p.monitorServiceMesh(), c.monitorServiceMesh()),
                or(p.registryHttpProxyStatus(), c.registryHttpProxyStatus()),
                or(p.registryHttpsProxyStatus(), c.registryHttpsProxyStatus()),
                proxy(or(p.registryHttpProxy(), c.registryHttpProxy()), "registry_http_proxy"),
                proxy(or(p.registryHttpsProxy(), c.registryHttpsProxy()), "registry_https_proxy"),
                or(p.ibmsaEpEnabled(), c.ibmsaEpEnabled()), c.ibmsaEpStart(),
                Addresses.url(or(p.ibmsaEpDashboardUrl(), c.ibmsaEpDashboardUrl()), "ibmsa_ep_dashboard_url"),
                c.ibmsaEpConnectedAt(),
                or(p.xffEnabled(), c.xffEnabled()), or(n.netServiceStatus(), c.netServiceStatus()),
                oneOf(or(n.netServicePolicyMode(), c.netServicePolicyMode()), MODES, "net_service_policy_mode"),
                or(a.modeAutoD2m(), c.modeAutoD2m()),
                range(or(a.modeAutoD2mDuration(), c.modeAutoD2mDuration()), 3600, 86400 * 30, "mode_auto_d2m_duration"),
                or(a.modeAutoM2p(), c.modeAutoM2p()),
                range(or(a.modeAutoM2pDuration(), c.modeAutoM2pDuration()), 3600, 86400 * 30, "mode_auto_m2p_duration"),
                or(p.scannerAutoscale(), c.scannerAutoscale()), or(p.noTelemetryReport(), c.noTelemetryReport()),
                or(n.disableNetPolicy(), c.disableNetPolicy()), or(n.detectUnmanagedWl(), c.detectUnmanagedWl()),
                or(n.strictGroupMode(), c.strictGroupMode()));
    }

    /** Adds a webhook; 409 when the name is taken. */
    public void addWebhook(Webhook given) {
        Webhook hook = checked(given);
        changeWebhooks(hooks -> {
            if (hooks.stream().anyMatch(h -> h.name().equals(hook.name()))) {
                throw ApiException.duplicate("Webhook");
            }
            hooks.add(hook);
        });
    }

    public void updateWebhook(Webhook given) {
        Webhook hook = checked(given);
        changeWebhooks(hooks -> hooks.set(indexOf(hooks, hook.name()), hook));
    }

    public void deleteWebhook(String name) {
        changeWebhooks(hooks -> hooks.remove(indexOf(hooks, name)));
    }

    /** Federal webhooks belong to federation, which is not supported. */
    private static Webhook checked(Webhook h) {
        if (h == null || h.name() == null) {
            throw ApiException.badRequest("'config' with a webhook name is required");
        }
        if (h.cfgType() != null && !h.cfgType().equals("user_created")) {
            throw ApiException.badRequest("Only user_created webhooks are supported");
        }
        if (!WEBHOOK_TYPES.contains(or(h.type(), ""))) {
            throw ApiException.badRequest("type is one of %s".formatted(WEBHOOK_TYPES));
        }
        return new Webhook(h.name(), h.url(), h.enable(), h.useProxy(), or(h.type(), ""),
                "user_created");
    }

    private static final Set<String> WEBHOOK_TYPES = Set.of("", "Slack", "JSON", "Teams");

    private static int indexOf(List<Webhook> hooks, String name) {
        for (int i = 0; i < hooks.size(); i++) {
            if (hooks.get(i).name().equals(name)) {
                return i;
            }
        }
        throw ApiException.notFound("Webhook");
    }

    /**
     * Changes the stored webhook list, with compare-and-swap, as a patch of {@code webhooks} with its checks: a
     * concurrent change of another webhook is never lost.
     */
    private void changeWebhooks(java.util.function.Consumer<List<Webhook>> change) {
        records.upsert(KIND, stored -> {
            Config c = stored.orElse(Config.defaults(clusterName));
            List<Webhook> hooks = new java.util.ArrayList<>(c.webhooks());
            change.accept(hooks);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putObject("config").set("webhooks", Bodies.JSON.valueToTree(hooks));
            return patched(c, Bodies.parse(Bodies.write(body), PatchData.class));
        });
    }


    /** NeuVector's clients unset a setting by sending its zero value, which stands for the default. */
    private static <T> T unset(T value, T zero, T byDefault) {
        return zero.equals(value) ? byDefault : value;
    }

    /** Case aside, as NeuVector's clients send {@code Basic}; its obsolete {@code default} is {@code zero-drift}. */
    private static String baseline(String value) {
        String b = value.toLowerCase(java.util.Locale.ROOT);
        return b.equals("default") ? "zero-drift" : b;
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
        return Addresses.text(clusterName, "cluster_name");
    }

    private static Proxy proxy(Proxy proxy, String field) {
        if (proxy != null) {
            Addresses.url(proxy.url(), field + ".url");
            Addresses.text(proxy.username(), field + ".username");
        }
        return proxy;
    }

    private static List<Webhook> webhooks(List<Webhook> hooks) {
        for (Webhook h : hooks) {
            if (h.name() == null || h.name().isBlank() || h.url() == null || h.url().isEmpty()) {
                throw ApiException.badRequest("webhooks need a name and an http(s) url");
            }
            Addresses.text(h.name(), "webhook name");
            Addresses.url(h.url(), "webhook url");
        }
        return hooks;
    }
}
