package dev.bulwark.controller;

import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/** {@code /v1/system/summary}: what this controller holds; runtime counts are zero until enforcers connect. */
final class SystemApi implements Consumer<Routes> {

    private final Policy policy;
    private final IntSupplier domains;

    /** @param domains how many namespaces the configuration names (as {@code /v1/domain} lists them) */
    SystemApi(Policy policy, IntSupplier domains) {
        this.policy = policy;
        this.domains = domains;
    }

    /** {@code RESTSystemSummary}. */
    record Summary(int domains, int hosts, int controllers, int enforcers, int disconnectedEnforcers, int workloads,
            int runningWorkloads, int runningPods, int services, int policyRules, int scanners, String platform,
            String kubeVersion, String openshiftVersion, String cvedbVersion, String cvedbCreateTime,
            List<String> componentVersions) {}

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/system/summary", Permissions.CONFIG, ctx -> ctx.json(Map.of("summary", new Summary(domains.getAsInt(), 0, 1, 0,
                0, 0, 0, 0, 0, policy.ruleCount(), 0, "", "", "", "", "",
                List.of("bulwark-controller " + version())))));
    }

    static String version() {
        String v = SystemApi.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
