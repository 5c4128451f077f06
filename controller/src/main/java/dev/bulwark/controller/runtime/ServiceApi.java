package dev.bulwark.controller.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Rule;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/service}: the learned groups as NeuVector's services, with their running containers and network
 * rules; made ahead of their containers, and their modes set several at once ({@link LearnedServices}).
 *
 * <p>Permission: {@code rt_policy}, within the caller's namespaces (NeuVector's {@code group_basic}, part of
 * {@code rt_policy}): a namespace user sees and changes the services of its namespaces. Response rules are not
 * listed here (an empty list); exposure is false until the network stage sees traffic.
 */
public final class ServiceApi implements Consumer<Routes> {

    private final LearnedServices services;
    private final WorkloadViews workloads;

    public ServiceApi(LearnedServices services, WorkloadViews workloads) {
        this.services = services;
        this.workloads = workloads;
    }

    /** {@code RESTService}; the {@code cap_*} fields only with {@code with_cap=true}, as NeuVector. */
    record ServiceView(String name, String comment, String policyMode, String profileMode, boolean notScored,
            String domain, String platformRole, List<WorkloadViews.Brief> members, List<Rule> policyRules,
            List<Object> responseRules, boolean ingressExposure, boolean egressExposure, String baselineProfile,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean capChangeMode,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean capScorable) {}

    record NewServiceData(LearnedServices.NewService config) {}

    record ModeChangeData(LearnedServices.ModeChange config) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces();
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/service", perm, ctx -> {
            Principal p = Access.of(ctx);
            List<RuntimeState.Running> running = workloads.visible(p);
            List<ServiceView> all = services.visible(p).stream().map(g -> view(ctx, p, g, running)).toList();
            ctx.json(Map.of("services", ListQuery.of(ctx).select(all, Bodies.JSON::valueToTree)));
        });
        routes.get("/v1/service/{name}", perm, ctx -> {
            Principal p = Access.of(ctx);
            ctx.json(Map.of("service", view(ctx, p, services.visible(p, ctx.pathParam("name")),
                    workloads.visible(p))));
        });
        routes.post("/v1/service", perm, ctx -> {
            NewServiceData data = Bodies.read(ctx, NewServiceData.class);
            if (data.config() == null) {
                throw ApiException.badRequest("'config' is required");
            }
            services.create(Access.of(ctx), data.config());
            ctx.json(Map.of());
        });
        routes.patch("/v1/service/config", perm, ctx -> configure(ctx, LearnedServices.Scope.ALL));
        routes.patch("/v1/service/config/network", perm, ctx -> configure(ctx, LearnedServices.Scope.NETWORK));
        routes.patch("/v1/service/config/profile", perm, ctx -> configure(ctx, LearnedServices.Scope.PROFILE));
    }

    private void configure(Context ctx, LearnedServices.Scope scope) {
        ModeChangeData data = Bodies.read(ctx, ModeChangeData.class);
        if (data.config() == null) {
            throw ApiException.badRequest("'config' is required");
        }
        services.configure(Access.of(ctx), data.config(), scope);
        ctx.json(Map.of());
    }

    /** A service with its running containers (by display name) and the rules the caller may see. */
    private ServiceView view(Context ctx, Principal p, Group g, List<RuntimeState.Running> visible) {
        List<RuntimeState.Running> members = visible.stream()
                .filter(r -> r.workload().running() && r.workload().group().equals(g.name()))
                .sorted(Comparator.comparing(r -> r.workload().displayName())).toList();
        Boolean cap = ListQuery.flag(ctx, "with_cap") ? Boolean.TRUE : null;
        return new ServiceView(g.name().substring(LearnedServices.PREFIX.length()), g.comment(), g.policyMode(),
                g.profileMode(), false, g.domain(), g.platformRole(),
                workloads.briefs(members, "pod".equals(ctx.queryParam("view"))), services.rules(p, g), List.of(),
                false, false, services.baseline(g), cap, cap);
    }
}
