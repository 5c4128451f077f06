package dev.bulwark.controller.runtime;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.link.model.Host;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code /v1/host}: the nodes of the enforcers seen since this controller started, with their running containers
 * and pods, and the modes of the {@code nodes} group.
 *
 * <p>Permission: {@code rt_scan}, globally. NeuVector reads hosts with its hidden {@code infra_basic}, held globally
 * only, through {@code rt_scan} or {@code compliance}; {@code rt_scan} is the one kept here. Nodes are not scanned
 * and not benchmarked yet: the scan summary is empty and the {@code cap_*} flags false.
 */
public final class HostApi implements Consumer<Routes> {

    private final RuntimeState state;
    private final Policy policy;
    private final ScanBrief.Source scans;

    public HostApi(RuntimeState state, Policy policy, ScanBrief.Source scans) {
        this.state = state;
        this.policy = policy;
        this.scans = scans;
    }

    /** {@code RESTHost}. */
    record HostView(String name, String id, String runtime, String runtimeVersion, String runtimeApiVersion,
            String platform, String os, String kernel, long cpus, long memory, int cgroupVersion, int containers,
            int pods, Map<String, List<Host.IpAddress>> interfaces, String state, boolean capDockerBench,
            boolean capKubeBench, String policyMode, String profileMode, ScanBrief scanSummary, String storageDriver,
            Map<String, String> labels, Map<String, String> annotations) {}

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/host", Permissions.RT_SCAN, ctx -> ctx.json(Map.of("hosts",
                ListQuery.of(ctx).select(hosts(), Bodies.JSON::valueToTree))));
        routes.get("/v1/host/{id}", Permissions.RT_SCAN, ctx -> ctx.json(Map.of("host", hosts().stream()
                .filter(h -> h.id().equals(ctx.pathParam("id"))).findFirst()
                .orElseThrow(() -> ApiException.notFound("Host")))));
    }

    /** One per node, by name; a node whose enforcer joined again shows the connected one's report. */
    private List<HostView> hosts() {
        Map<String, RuntimeState.Agent> byHost = new LinkedHashMap<>();
        state.agents().stream().filter(a -> a.host() != null)
                .sorted(Comparator.comparing(RuntimeState.Agent::connected))
                .forEach(a -> byHost.put(a.hostId(), a));
        Group nodes = policy.group("nodes").orElseThrow();
        return byHost.values().stream().map(a -> view(a, nodes)).sorted(Comparator.comparing(HostView::name))
                .toList();
    }

    private HostView view(RuntimeState.Agent a, Group nodes) {
        Host h = a.host();
        String id = a.hostId();
        int containers = 0;
        Set<String> pods = new HashSet<>();
        for (RuntimeState.Running r : state.workloads()) {
            if (r.workload().running() && (r.hostId().isEmpty() ? r.hostName().equals(a.node())
                    : r.hostId().equals(id))) {
                containers++;
                pods.add(r.pod());
            }
        }
        return new HostView(a.hostName(), id, h.runtime(), h.runtimeVersion(), "",
                h.platform(), h.os(), h.kernel(), h.cpus(), h.memory(), h.cgroupVersion(), containers, pods.size(),
                h.interfaces(), a.state(), false, false, nodes.policyMode(), nodes.profileMode(), scans.host(id), "",
                h.labels(), Map.of());
    }
}
