package dev.bulwark.controller.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.network.Quarantine;
import dev.bulwark.link.model.ProcessEntry;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/workload} and {@code /v2/workload}: the containers enforcers report, as NeuVector lists them (list
 * with {@code brief}, {@code view=pod}, paging, filters and sort; detail; processes; stats; settings).
 *
 * <p>Permission: {@code rt_policy}, within the caller's namespaces. NeuVector reads containers with its hidden
 * {@code workload_basic}, which {@code rt_scan}, {@code rt_policy}, {@code compliance} and {@code security_events}
 * all include, and their processes with {@code rt_policy}; an endpoint here needs one permission, and
 * {@code rt_policy} is the one every container operation shares. Stats are zero (not measured: enforcers do not
 * sample yet). {@code PATCH} quarantines a container or releases it; the wire mode stays {@code default} (an
 * enforcer filters in the container's own network namespace: there is no inline mode to move it to).
 */
public final class WorkloadApi implements Consumer<Routes> {

    private static final String WIRE = "default";

    private final WorkloadViews views;
    private final Runtime runtime;
    private final InstantSource clock;

    public WorkloadApi(WorkloadViews views, Runtime runtime, InstantSource clock) {
        this.views = views;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** {@code RESTAssetIDList}: {@code POST /v2/workload}. */
    record Ids(List<String> ids) {}

    /** {@code RESTProcessInfo}. */
    record ProcessInfo(String name, long pid, long parent, long group, long session, String cmdline, boolean root,
            String user, String status, long startTimestamp, String action) {

        /**
         * NeuVector's process fields from what an enforcer reports: it reports neither process group nor session
         * (0 here), {@code root} is uid 0, and the status is {@code running} or {@code exited}.
         */
        static ProcessInfo of(ProcessEntry e) {
            return new ProcessInfo(e.name(), Integer.toUnsignedLong(e.pid()), Integer.toUnsignedLong(e.parent()), 0,
                    0, e.cmdline(), e.uid() == 0, e.user(), e.exitedTimestamp() == 0 ? "running" : "exited",
                    e.startTimestamp(), e.action());
        }
    }

    /** {@code RESTWorkloadConfig}. */
    record WorkloadConfig(String wire, boolean quarantine,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String quarantineReason) {}

    /** {@code RESTWorkloadConfigCfgData}: what {@code PATCH} reads, strictly. */
    record ConfigChange(String wire, Boolean quarantine) {}

    record ConfigChangeData(ConfigChange config) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces();
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/workload", perm, ctx -> list(ctx, false, views.visible(Access.of(ctx))));
        routes.get("/v2/workload", perm, ctx -> list(ctx, true, views.visible(Access.of(ctx))));
        routes.postQuery("/v2/workload", perm, ctx -> {
            Ids ids = Bodies.read(ctx, Ids.class);
            if (ids.ids() == null) {
                throw ApiException.badRequest("'ids' is required");
            }
            list(ctx, true, views.visible(Access.of(ctx), new HashSet<>(ids.ids())));
        });
        routes.get("/v1/workload/{id}", perm, ctx -> ctx.json(Map.of("workload", detail(ctx))));
        routes.get("/v2/workload/{id}", perm, ctx -> ctx.json(Map.of("workload", WorkloadViews.v2(detail(ctx)))));
        routes.patch("/v1/workload/{id}", perm, this::configure);
        routes.get("/v1/workload/{id}/config", perm, ctx -> {
            String reason = runtime.quarantine().reason(visible(ctx, false).workload().id()).orElse("");
            ctx.json(Map.of("config", new WorkloadConfig(WIRE, !reason.isEmpty(), reason)));
        });
        routes.get("/v1/workload/{id}/stats", perm, ctx -> ctx.json(Stats.notMeasured(visible(ctx, false).workload()
                .id(), clock.instant())));
        routes.get("/v1/workload/{id}/process", perm, ctx -> processes(ctx, "process"));
        routes.get("/v1/workload/{id}/process_history", perm, ctx -> processes(ctx, "process_history"));
    }

    private RuntimeState.Running visible(Context ctx, boolean write) {
        return views.visible(Access.of(ctx), ctx.pathParam("id"), write);
    }

    /**
     * A list: brief items with {@code brief=true} (v1 and v2 alike, as NeuVector), else full ones, nested for v2;
     * filters and sort read the v1 fields in both versions, as NeuVector's do.
     */
    private void list(Context ctx, boolean v2, List<RuntimeState.Running> shown) {
        boolean pods = "pod".equals(ctx.queryParam("view"));
        ListQuery query = ListQuery.of(ctx);
        if (ListQuery.flag(ctx, "brief")) {
            ctx.json(Map.of("workloads", query.select(views.briefs(shown, pods), Bodies.JSON::valueToTree)));
            return;
        }
        List<WorkloadViews.Listed> listed = query.select(views.listed(shown, pods), Bodies.JSON::valueToTree);
        ctx.json(Map.of("workloads", v2 ? listed.stream().map(WorkloadViews::v2).toList() : listed));
    }

    /** A container in detail; in the pod view, with the caller's containers that share its network namespace. */
    private WorkloadViews.Detail detail(Context ctx) {
        RuntimeState.Running r = visible(ctx, false);
        return views.detail(r, "pod".equals(ctx.queryParam("view")) ? views.visible(Access.of(ctx)) : List.of());
    }

    private void processes(Context ctx, String kind) {
        RuntimeState.Running r = visible(ctx, false);
        if (kind.equals("process") && !r.workload().running()) {
            throw new ApiException(400, ApiError.WORKLOAD_NOT_RUNNING, "The container is not running: it has no"
                    + " processes (its process_history has those that ran)");
        }
        ctx.json(Map.of("processes", runtime.processes(r.agentId(), kind, r.workload().id()).stream()
                .map(ProcessInfo::of).toList()));
    }

    /**
     * Quarantines a container ({@code quarantine: true}; a running one, not of the host's network) or releases it;
     * a wire mode other than {@code default} is refused.
     */
    private void configure(Context ctx) {
        RuntimeState.Running r = visible(ctx, true);
        ConfigChangeData change = Bodies.read(ctx, ConfigChangeData.class);
        if (change.config() == null) {
            throw ApiException.badRequest("'config' is required");
        }
        ConfigChange config = change.config();
        if (config.wire() != null && !config.wire().equals(WIRE)) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Only the default wire mode: enforcers filter in"
                    + " each container's network namespace, with no inline mode to move it to");
        }
        String user = Access.of(ctx).name();
        if (Boolean.TRUE.equals(config.quarantine())) {
            if (!r.workload().running()) {
                throw new ApiException(400, ApiError.WORKLOAD_NOT_RUNNING, "The container is not running");
            }
            if (r.workload().networkMode().equals("host")) {
                throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "A container on the host's network cannot be"
                        + " quarantined: cutting it off would cut off the node");
            }
            runtime.quarantine().quarantine(r, Quarantine.BY_USER, user);
        } else if (Boolean.FALSE.equals(config.quarantine())) {
            runtime.quarantine().release(r, user);
        }
        ctx.json(Map.of());
    }
}
