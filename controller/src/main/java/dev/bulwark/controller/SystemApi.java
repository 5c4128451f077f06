package dev.bulwark.controller;

import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.runtime.Runtime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * {@code /v1/system/summary}: what this controller holds and what its enforcers report; {@code /v1/system/alerts}:
 * NeuVector's upgrade and RBAC alerts, none here (no upgrade check, no Kubernetes RBAC to check).
 */
final class SystemApi implements Consumer<Routes> {

    private final Policy policy;
    private final Runtime runtime;
    private final IntSupplier domains;
    private final IntSupplier services;

    /**
     * @param domains how many namespaces the configuration names (as {@code /v1/domain} lists them)
     * @param services how many services (learned groups) there are
     */
    SystemApi(Policy policy, Runtime runtime, IntSupplier domains, IntSupplier services) {
        this.policy = policy;
        this.runtime = runtime;
        this.domains = domains;
        this.services = services;
    }

    /** {@code RESTSystemSummary}, with Go's {@code domains}. */
    record Summary(int domains, int hosts, int controllers, int enforcers, int disconnectedEnforcers, int workloads,
            int runningWorkloads, int runningPods, int services, int policyRules, int scanners, String platform,
            String kubeVersion, String openshiftVersion, String cvedbVersion, String cvedbCreateTime,
            List<String> componentVersions) {}

    /** {@code RESTUpgradeInfo}. */
    record UpgradeInfo(String version, String releaseDate, String tag) {
        static final UpgradeInfo NONE = new UpgradeInfo("", "", "");
    }

    /** {@code RESTCheckUpgradeInfo}. */
    record UpgradeCheck(UpgradeInfo minUpgradeVersion, UpgradeInfo maxUpgradeVersion) {}

    /** {@code RESTNvAlerts}: no wrapper key, as NeuVector. */
    record Alerts(UpgradeCheck neuvectorUpgradeInfo, Map<String, Object> acceptableAlerts,
            List<String> acceptedAlerts) {}

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/system/summary", Permissions.CONFIG, ctx -> {
            Runtime.Counts n = runtime.counts();
            ctx.json(Map.of("summary", new Summary(domains.getAsInt(), n.hosts(), 1, n.enforcers(),
                    n.disconnectedEnforcers(), n.workloads(), n.runningWorkloads(), n.runningPods(),
                    services.getAsInt(), policy.ruleCount(), 0, "", "", "", "", "",
                    List.of("bulwark-controller " + version()))));
        });
        routes.get("/v1/system/alerts", Permissions.CONFIG, ctx -> ctx.json(new Alerts(
                new UpgradeCheck(UpgradeInfo.NONE, UpgradeInfo.NONE), Map.of(), List.of())));
    }

    static String version() {
        String v = SystemApi.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
