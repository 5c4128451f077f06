package dev.bulwark.controller.policy;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.ResponseCache;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * {@code /v1/group}: custom groups by criteria, beside the reserved ones; namespace users see their own. A group's
 * detail lists its running containers the caller may see; the list leaves members out, as it is cached until the
 * policy changes while containers come and go.
 */
public final class GroupApi implements Consumer<Routes> {

    private final Policy policy;
    private final BiFunction<Principal, String, List<?>> members;
    private final ResponseCache responses = new ResponseCache();

    /** @param members a group's running containers that a caller may see, as {@code RESTWorkloadBrief}s */
    public GroupApi(Policy policy, BiFunction<Principal, String, List<?>> members) {
        this.policy = policy;
        this.members = members;
    }

    /** {@code RESTGroupConfig}: what a caller may set. */
    record GroupConfig(String name, String comment, List<Criterion> criteria, String cfgType, Boolean monitorMetric,
            Long groupSessCur, Long groupSessRate, Long groupBandWidth) {

        Group.Metrics metrics(Group.Metrics current) {
            return current.with(monitorMetric, groupSessCur, groupSessRate, groupBandWidth);
        }
    }

    record GroupConfigData(GroupConfig config) {}

    /** {@code RESTGroupDetail}: the group with its members, rules and (zero until enforcers report) metrics. */
    record GroupView(String name, String comment, boolean learned, boolean reserved, String policyMode,
            String profileMode, String domain, List<String> createrDomains, String kind, String platformRole,
            boolean capChangeMode, List<Criterion> criteria, String cfgType, List<?> members,
            List<Integer> policyRules, List<Integer> responseRules, boolean monitorMetric, long groupSessCur,
            long groupSessRate, long groupBandWidth) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // objects of namespaces: the handlers filter
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/group", perm, this::list);
        routes.post("/v1/group", perm, this::create);
        routes.get("/v1/group/{name}", perm, ctx -> {
            Group g = visible(ctx, false);
            ctx.json(Map.of("group", view(g, policy.rulesByGroup(), members.apply(Access.of(ctx), g.name()))));
        });
        routes.patch("/v1/group/{name}", perm, this::update);
        routes.delete("/v1/group/{name}", perm, this::delete);
    }

    private static GroupView view(Group g, Map<String, List<Integer>> rulesByGroup, List<?> members) {
        List<Integer> rules = rulesByGroup.getOrDefault(g.name(), List.of());
        return new GroupView(g.name(), g.comment(), g.learned(), g.reserved(), g.policyMode(), g.profileMode(),
                g.domain(), g.createrDomains(), g.kind(), g.platformRole(), g.capChangeMode(), g.criteria(),
                g.cfgType(), members, rules, List.of(), g.metrics().monitorMetric(), g.metrics().groupSessCur(),
                g.metrics().groupSessRate(), g.metrics().groupBandWidth());
    }

    private void list(Context ctx) {
        Principal p = Access.of(ctx);
        if (p.global(Permissions.RT_POLICY, false)) {
            responses.serve(ctx, policy.version(), () -> listing(ctx, p));
        } else {
            ctx.json(listing(ctx, p));
        }
    }

    private Map<String, ?> listing(Context ctx, Principal p) {
        Map<String, List<Integer>> rulesByGroup = policy.rulesByGroup();
        List<GroupView> rows = new ArrayList<>();
        for (Group g : policy.groups()) {
            if (Policy.allowed(p, Permissions.RT_POLICY, false, g.createrDomains())) {
                rows.add(view(g, rulesByGroup, List.of()));
            }
        }
        return Map.of("groups", ListQuery.of(ctx).apply(rows, Bodies.JSON::valueToTree));
    }

    private Group visible(Context ctx, boolean write) {
        return policy.visibleGroup(Access.of(ctx), ctx.pathParam("name"), write);
    }

    private static GroupConfig config(Context ctx) {
        GroupConfigData data = Bodies.read(ctx, GroupConfigData.class);
        if (data.config() == null) {
            throw ApiException.badRequest("'config' is required");
        }
        return data.config();
    }

    private void create(Context ctx) {
        GroupConfig c = config(ctx);
        if (c.cfgType() != null && !c.cfgType().equals("user_created")) {
            throw ApiException.badRequest("Only user_created groups can be made through the API");
        }
        policy.createGroup(Access.of(ctx), c.name(), c.comment(), or(c.criteria(), List.of()),
                c.metrics(Group.Metrics.NONE));
        ctx.json(Map.of());
    }

    private void update(Context ctx) {
        Group g = visible(ctx, true);
        GroupConfig c = config(ctx);
        if (c.name() != null && !c.name().equals(g.name())) {
            throw ApiException.badRequest("The group name in the body differs from the one in the URL");
        }
        policy.updateGroup(Access.of(ctx), g.name(), current -> Group.custom(current.name(),
                or(c.comment(), current.comment()),
                or(c.criteria(), current.criteria()), c.metrics(current.metrics())));
        ctx.json(Map.of());
    }

    private void delete(Context ctx) {
        policy.deleteGroup(visible(ctx, true));
        ctx.json(Map.of());
    }
}
