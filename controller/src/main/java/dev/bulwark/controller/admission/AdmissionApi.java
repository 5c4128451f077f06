package dev.bulwark.controller.admission;

import dev.bulwark.controller.admission.AdmissionRules.Rule;
import dev.bulwark.controller.admission.AdmissionRules.State;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.PathParams;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.auth.Permissions;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/admission/state} and {@code /v1/admission/rule(s)}: the {@link AdmissionRules admission settings and
 * rules}; {@code /v1/admission/options} the criteria and operators clients offer.
 */
public final class AdmissionApi implements Consumer<Routes> {

    private final AdmissionRules admission;
    private final EventLog events;

    public AdmissionApi(AdmissionRules admission, EventLog events) {
        this.admission = admission;
        this.events = events;
    }

    /** {@code RESTAdmissionStats}: no admission request reaches this controller before the webhook's stage. */
    record Stats(long k8sAllowedRequests, long k8sDeniedRequests, long k8sErroneousRequests, long k8sIgnoredRequests,
            long k8sProcessingRequests, long jenkinsAllowedRequests, long jenkinsDeniedRequests,
            long jenkinsErroneousRequests) {}

    /** {@code RESTAdmissionConfigData} as this controller fills it. */
    record StateData(State state, Boolean k8sEnv) {}

    record RuleData(Rule config) {}

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.ADMCTRL;
        routes.get("/v1/admission/state", perm, ctx -> ctx.json(new StateData(admission.state(), false)));
        routes.patch("/v1/admission/state", perm, this::changeState);
        routes.get("/v1/admission/options", perm, ctx -> ctx.json(AdmissionOptions.reply()));
        Stats none = new Stats(0, 0, 0, 0, 0, 0, 0, 0);
        // the spec's path, and the one NeuVector's clients call (its CLI's "show admission stats")
        routes.get("/v1/admission/stats", perm, ctx -> ctx.json(Map.of("stats", none)));
        routes.get("/v1/debug/admission_stats", perm, ctx -> ctx.json(Map.of("stats", none)));
        routes.get("/v1/admission/rules", perm, ctx -> ctx.json(Map.of("rules", ListQuery.of(ctx)
                .apply(admission.list(), Bodies.JSON::valueToTree))));
        routes.get("/v1/admission/rule/{id}", perm, ctx -> ctx.json(Map.of("rule",
                admission.get(PathParams.integer(ctx, "id")))));
        routes.post("/v1/admission/rule", perm, ctx -> ctx.json(Map.of("rule", admission.create(rule(ctx)))));
        routes.patch("/v1/admission/rule", perm, ctx -> {
            Rule in = rule(ctx);
            if (in.id() == null) {
                throw ApiException.badRequest("'config' with an id is required");
            }
            admission.update(in);
            ctx.json(Map.of());
        });
        routes.delete("/v1/admission/rule/{id}", perm, ctx -> {
            admission.delete(PathParams.integer(ctx, "id"));
            ctx.json(Map.of());
        });
        routes.delete("/v1/admission/rules", perm, ctx -> {
            admission.deleteAll();
            ctx.json(Map.of());
        });
    }

    private static Rule rule(Context ctx) {
        Rule in = Bodies.read(ctx, RuleData.class).config();
        if (in == null) {
            throw ApiException.badRequest("'config' is required");
        }
        return in;
    }

    private void changeState(Context ctx) {
        State s = Bodies.read(ctx, StateData.class).state();
        if (s == null) {
            throw ApiException.badRequest("'state' is required");
        }
        State updated = admission.changeState(s);
        events.record("Admission.Control.Configured", "Info", "ADMISSION", Access.of(ctx).name(), ctx.ip(),
                "admission control %s, %s mode, default action %s".formatted(
                        Boolean.TRUE.equals(updated.enable()) ? "enabled" : "disabled", updated.mode(),
                        updated.defaultAction()));
        ctx.json(Map.of());
    }
}
