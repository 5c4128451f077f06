package dev.bulwark.controller.policy;

import dev.bulwark.controller.Objects;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.ResponseCache;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.store.Txn;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** {@code /v1/group}: custom groups by criteria, beside the reserved ones; namespace users see their own. */
public final class GroupApi implements Consumer<Routes> {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");

    private final PolicyStore policy;
    private final ResponseCache responses = new ResponseCache();

    public GroupApi(PolicyStore policy) {
        this.policy = policy;
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
            boolean capChangeMode, List<Criterion> criteria, String cfgType, List<Object> members,
            List<Integer> policyRules, List<Integer> responseRules, boolean monitorMetric, long groupSessCur,
            long groupSessRate, long groupBandWidth) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces(); // objects of namespaces: the handlers filter
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/group", perm, this::list);
        routes.post("/v1/group", perm, this::create);
        routes.get("/v1/group/{name}", perm, ctx -> ctx.json(Map.of("group", view(visible(ctx, false)))));
        routes.patch("/v1/group/{name}", perm, this::update);
        routes.delete("/v1/group/{name}", perm, this::delete);
    }

    private GroupView view(Group g) {
        return view(g, policy.rulesByGroup());
    }

    private static GroupView view(Group g, Map<String, List<Integer>> rulesByGroup) {
        List<Integer> rules = rulesByGroup.getOrDefault(g.name(), List.of());
        return new GroupView(g.name(), g.comment(), g.learned(), g.reserved(), g.policyMode(), g.profileMode(),
                g.domain(), g.createrDomains(), g.kind(), g.platformRole(), g.capChangeMode(), g.criteria(),
                g.cfgType(), List.of(), rules, List.of(), g.metrics().monitorMetric(), g.metrics().groupSessCur(),
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
            if (PolicyStore.allowed(p, Permissions.RT_POLICY, false, g.createrDomains())) {
                rows.add(view(g, rulesByGroup));
            }
        }
        return Map.of("groups", ListQuery.of(ctx).apply(rows, Bodies.JSON::valueToTree));
    }

    private Group visible(Context ctx, boolean write) {
        return policy.visibleGroup(ctx, write);
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
        if (c.name() == null || !NAME.matcher(c.name()).matches()) {
            throw ApiException.invalidName("Group names are 1-128 letters, digits, '.', '_', ':' or '-', starting"
                    + " with a letter or digit");
        }
        String lower = c.name().toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("nv.") || lower.startsWith("fed.") || lower.equals("containers")
                || lower.equals("nodes") || lower.equals("external")) {
            throw ApiException.invalidName("Names starting with nv. or fed., and reserved group names, are not for"
                    + " custom groups");
        }
        if (c.cfgType() != null && !c.cfgType().equals("user_created")) {
            throw ApiException.badRequest("Only user_created groups can be made through the API");
        }
        List<Criterion> criteria = c.criteria() == null ? List.of() : c.criteria();
        if (criteria.isEmpty()) {
            throw ApiException.badRequest("A custom group needs criteria");
        }
        Criterion.validate(criteria);
        Group g = Group.custom(c.name(), c.comment(), criteria, c.metrics(Group.Metrics.NONE));
        if (!PolicyStore.allowed(Access.of(ctx), Permissions.RT_POLICY, true, g.createrDomains())) {
            throw ApiException.forbidden();
        }
        String key = Objects.key(PolicyStore.GROUP, g.name());
        if (!policy.commit(Txn.builder().require(key, Txn.ABSENT).put(key, Objects.encode(g)).build())) {
            throw ApiException.duplicate("Group");
        }
        ctx.json(Map.of());
    }

    private void update(Context ctx) {
        Group g = visible(ctx, true);
        GroupConfig c = config(ctx);
        if (c.name() != null && !c.name().equals(g.name())) {
            throw ApiException.badRequest("The group name in the body differs from the one in the URL");
        }
        if (g.reserved() || g.learned()) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Reserved and learned groups keep their criteria");
        }
        List<Criterion> criteria = c.criteria() == null ? g.criteria() : c.criteria();
        Criterion.validate(criteria);
        Group updated = Group.custom(g.name(), c.comment() == null ? g.comment() : c.comment(), criteria,
                c.metrics(g.metrics()));
        if (!PolicyStore.allowed(Access.of(ctx), Permissions.RT_POLICY, true, updated.createrDomains())) {
            throw ApiException.forbidden();
        }
        String key = Objects.key(PolicyStore.GROUP, g.name());
        long revision = policy.store().get(key).orElseThrow(() -> ApiException.notFound("Group")).modRevision();
        if (!policy.commit(Txn.builder().require(key, revision).put(key, Objects.encode(updated)).build())) {
            throw new ApiException(409, ApiError.FAIL_WRITE_CLUSTER, "The group changed meanwhile; retry");
        }
        ctx.json(Map.of());
    }

    private void delete(Context ctx) {
        Group g = visible(ctx, true);
        if (g.reserved()) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Reserved groups cannot be deleted");
        }
        PolicyStore.Order order = policy.order();
        List<Integer> used = view(g).policyRules();
        if (!used.isEmpty()) {
            throw new ApiException(409, ApiError.OBJECT_IN_USE, "The group is used by rules " + used);
        }
        if (!policy.commit(Txn.builder().require(PolicyStore.ORDER_KEY, order.revision())
                .delete(Objects.key(PolicyStore.GROUP, g.name()))
                .delete(Objects.key(ProcessProfileApi.KIND, g.name())).delete(Objects.key(FileMonitorApi.KIND, g.name()))
                .delete(Objects.key("dlp/group", g.name())).delete(Objects.key("waf/group", g.name())).build())) {
            throw new ApiException(409, ApiError.FAIL_WRITE_CLUSTER, "The rules changed meanwhile; retry");
        }
        ctx.json(Map.of());
    }
}
