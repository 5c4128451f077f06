package dev.bulwark.controller.admission;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.PathParams;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Section;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code /v1/admission/state} and {@code /v1/admission/rule(s)}: whether admission control is on, in monitor or
 * protect mode, and the deny and exception rules with NeuVector's criteria names and operators, checked on
 * every write. Rule ids are assigned from 1000 up.
 */
public final class AdmissionApi implements Consumer<Routes> {

    public static final Kind<State> STATE = Kind.single("admission", "state", State.class, "Admission state",
            Section.POLICY);
    public static final Kind<Rule> RULES = Kind.of("admission/rule", Rule.class, "Admission rule", Section.POLICY);
    static final int FIRST_ID = 1000;
    static final Set<String> CRITERIA = Set.of("namespace", "user", "userGroups", "image", "imageRegistry", "labels",
            "annotations", "envVars", "envVarSecrets", "mountVolumes", "cveNames", "cveCriticalCount", "cveHighCount",
            "cveHighCountNoCritical", "cveMediumCount", "cveCriticalWithFixCount", "cveHighWithFixCount",
            "cveHighWithFixCountNoCritical", "cveScoreCount", "imageScanned", "imageSigned", "imageVerifiers",
            "imageCompliance", "imageNoOS", "runAsRoot", "runAsPrivileged", "allowPrivEscalation", "sharePidWithHost",
            "shareIpcWithHost", "shareNetWithHost", "pspCompliance", "violatePssPolicy", "resourceLimit", "modules",
            "saBindRiskyRole", "customPath", "storageClassName", "baseImage");
    static final Set<String> OPS = Set.of("=", "!=", "containsAll", "containsAny", "notContainsAny",
            "containsOtherThan", "regex", "!regex", "regexContainsAnyEx", "!regexContainsAnyEx", ">=", ">", "<=",
            "exist", "notExist", "containsTagAny");
    static final Set<String> CONTAINERS = Set.of("containers", "init_containers", "ephemeral_containers");

    private final Records records;
    private final EventLog events;

    public AdmissionApi(Records records, EventLog events) {
        this.records = records;
        this.events = events;
    }

    /**
     * {@code RESTAdmissionState}. Only {@code enable}, {@code mode}, {@code default_action} and
     * {@code adm_client_mode} are settings; the rest is filled in when shown (clients send it back unchanged).
     * {@code ctrl_states} is left out, as NeuVector leaves it out when empty.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record State(Boolean enable, String mode, String defaultAction, String admClientMode, String admSvcType,
            Map<String, Object> admClientModeOptions, Map<String, Object> ctrlStates, String cfgType) {}

    /**
     * How the API server reaches the webhook, per client mode: NeuVector's service name, and its URL on the
     * admission port. Clients show the entry of the current mode and offer the keys.
     */
    private static final Map<String, Object> CLIENT_MODE_OPTIONS = Map.of(
            "service", "neuvector-svc-admission-webhook.neuvector.svc",
            "url", "https://neuvector-svc-admission-webhook.neuvector.svc:20443");

    /** {@code RESTAdmissionStats}: no admission request reaches this controller before the webhook's stage. */
    record Stats(long k8sAllowedRequests, long k8sDeniedRequests, long k8sErroneousRequests, long k8sIgnoredRequests,
            long k8sProcessingRequests, long jenkinsAllowedRequests, long jenkinsDeniedRequests,
            long jenkinsErroneousRequests) {}

    /** {@code RESTAdmissionConfigData} as this controller fills it. */
    record StateData(State state, Boolean k8sEnv) {}

    /** {@code RESTAdmRuleCriterion}. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Criterion(String name, String op, String value, List<Criterion> subCriteria, String type,
            String templateKind, String path, String valueType) {}

    /** {@code RESTAdmissionRule}; {@code actions} is accepted in configs and not kept. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Rule(Integer id, String category, String comment, List<Criterion> criteria, Boolean disable,
            Boolean critical, String cfgType, String ruleType, String ruleMode, List<String> containers,
            List<String> actions) {}

    record RuleData(Rule config) {}

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.ADMCTRL;
        routes.get("/v1/admission/state", perm, ctx -> ctx.json(new StateData(state(), false)));
        routes.patch("/v1/admission/state", perm, this::patchState);
        routes.get("/v1/admission/options", perm, ctx -> ctx.json(AdmissionOptions.reply()));
        Stats none = new Stats(0, 0, 0, 0, 0, 0, 0, 0);
        // the spec's path, and the one NeuVector's clients call (its CLI's "show admission stats")
        routes.get("/v1/admission/stats", perm, ctx -> ctx.json(Map.of("stats", none)));
        routes.get("/v1/debug/admission_stats", perm, ctx -> ctx.json(Map.of("stats", none)));
        routes.get("/v1/admission/rules", perm, ctx -> ctx.json(Map.of("rules", ListQuery.of(ctx)
                .apply(records.list(RULES), Bodies.JSON::valueToTree))));
        routes.get("/v1/admission/rule/{id}", perm, ctx -> ctx.json(Map.of("rule", find(ctx))));
        routes.post("/v1/admission/rule", perm, this::create);
        routes.patch("/v1/admission/rule", perm, this::update);
        routes.delete("/v1/admission/rule/{id}", perm, ctx -> {
            Access.require(ctx, perm, true, "");
            records.delete(RULES, String.valueOf(find(ctx).id()));
            ctx.json(Map.of());
        });
        routes.delete("/v1/admission/rules", perm, ctx -> {
            Access.require(ctx, perm, true, "");
            records.commit(new Records.Change().deleteAll(RULES), RULES);
            ctx.json(Map.of());
        });
    }

    private State state() {
        return shown(records.find(STATE));
    }

    /** The stored state (or the default) with the fields the server fills in. */
    private static State shown(java.util.Optional<State> stored) {
        State s = stored.orElse(new State(false, "monitor", "allow",
                "service", null, null, null, null));
        return new State(s.enable(), s.mode(), s.defaultAction(), s.admClientMode(), "ClusterIP",
                CLIENT_MODE_OPTIONS, null, "user_created");
    }

    private void patchState(Context ctx) {
        Access.require(ctx, Permissions.ADMCTRL, true, "");
        StateData data = Bodies.read(ctx, StateData.class);
        State s = data.state();
        if (s == null) {
            throw ApiException.badRequest("'state' is required");
        }
        State updated = records.upsert(STATE, stored -> {
            State c = shown(stored);
            State changed = new State(s.enable() == null ? c.enable() : s.enable(), s.mode() == null ? c.mode()
                    : s.mode(), s.defaultAction() == null ? c.defaultAction() : s.defaultAction(),
                    s.admClientMode() == null ? c.admClientMode() : s.admClientMode(), null, null, null, null);
            if (!Set.of("monitor", "protect").contains(changed.mode())
                    || !Set.of("allow", "deny").contains(changed.defaultAction())
                    || !Set.of("service", "url").contains(changed.admClientMode())) {
                throw ApiException.badRequest("mode is monitor or protect, default_action allow or deny,"
                        + " adm_client_mode service or url");
            }
            return changed;
        });
        events.record("Admission.Control.Configured", "Info", "ADMISSION", Access.of(ctx).name(), ctx.ip(),
                "admission control %s, %s mode, default action %s".formatted(
                        Boolean.TRUE.equals(updated.enable()) ? "enabled" : "disabled", updated.mode(),
                        updated.defaultAction()));
        ctx.json(Map.of());
    }

    private Rule find(Context ctx) {
        int id = PathParams.integer(ctx, "id");
        return records.get(RULES, String.valueOf(id));
    }

    private static Rule checked(Rule r, int id) {
        if (r.ruleType() == null || !Set.of("deny", "exception").contains(r.ruleType())) {
            throw ApiException.badRequest("rule_type is deny or exception");
        }
        String category = r.category() == null || r.category().isEmpty() ? "Kubernetes" : r.category();
        if (!category.equals("Kubernetes")) {
            throw ApiException.badRequest("category is Kubernetes");
        }
        String mode = r.ruleMode() == null ? "" : r.ruleMode();
        if (!Set.of("", "monitor", "protect").contains(mode) || !mode.isEmpty() && r.ruleType().equals("exception")) {
            throw ApiException.badRequest("rule_mode is empty, monitor or protect, and only for deny rules");
        }
        List<String> containers = r.containers() == null || r.containers().isEmpty() ? List.of("containers")
                : r.containers();
        if (!CONTAINERS.containsAll(containers)) {
            throw ApiException.badRequest("containers are among " + CONTAINERS);
        }
        List<Criterion> criteria = r.criteria() == null ? List.of() : r.criteria();
        if (criteria.isEmpty() || criteria.size() > 64) {
            throw ApiException.badRequest("A rule has 1 to 64 criteria");
        }
        criteria.forEach(AdmissionApi::check);
        String comment = r.comment() == null ? "" : r.comment();
        if (comment.length() > 1024) {
            throw ApiException.badRequest("Comments are at most 1024 characters");
        }
        return new Rule(id, category, comment, criteria, Boolean.TRUE.equals(r.disable()),
                Boolean.TRUE.equals(r.critical()), "user_created", r.ruleType(), mode, containers, null);
    }

    private static void check(Criterion c) {
        if (c == null || c.name() == null || c.op() == null || c.value() == null) {
            throw ApiException.badRequest("Criteria need name, op and value");
        }
        if (!CRITERIA.contains(c.name())) {
            throw ApiException.badRequest("Unknown criterion '%s'".formatted(c.name()));
        }
        if (!OPS.contains(c.op())) {
            throw ApiException.badRequest("Unknown operator '%s'".formatted(c.op()));
        }
        if (c.value().length() > 4096) {
            throw ApiException.badRequest("Criterion values are at most 4096 characters");
        }
        if (c.op().toLowerCase(java.util.Locale.ROOT).contains("regex")) {
            try {
                Pattern.compile(c.value());
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest("Invalid regular expression: " + e.getDescription());
            }
        }
        if (c.name().endsWith("Count") && !c.name().equals("cveScoreCount") && (c.op().equals(">=")
                || c.op().equals(">") || c.op().equals("<="))) {
            try {
                if (Integer.parseInt(c.value()) < 0) {
                    throw ApiException.badRequest("Counts are not negative");
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("'%s' compares with a number".formatted(c.name()));
            }
        }
        if (c.subCriteria() != null) {
            c.subCriteria().forEach(AdmissionApi::check);
        }
    }

    private void create(Context ctx) {
        Access.require(ctx, Permissions.ADMCTRL, true, "");
        Rule in = Bodies.read(ctx, RuleData.class).config();
        if (in == null) {
            throw ApiException.badRequest("'config' is required");
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            int id = Math.max(FIRST_ID, records.list(RULES).stream().mapToInt(Rule::id).max()
                    .orElse(FIRST_ID - 1) + 1);
            Rule r = checked(in, id);
            if (records.seed(RULES, String.valueOf(id), r)) {
                ctx.json(Map.of("rule", r));
                return;
            }
        }
        throw new ApiException(409, ApiError.FAIL_WRITE_CLUSTER, "Rules changed meanwhile; retry");
    }

    private void update(Context ctx) {
        Access.require(ctx, Permissions.ADMCTRL, true, "");
        Rule in = Bodies.read(ctx, RuleData.class).config();
        if (in == null || in.id() == null) {
            throw ApiException.badRequest("'config' with an id is required");
        }
        records.update(RULES, String.valueOf(in.id()), current -> checked(in, in.id()));
        ctx.json(Map.of());
    }
}
