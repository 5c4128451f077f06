package dev.bulwark.controller.admission;

import dev.bulwark.controller.admission.AdmissionRules.Rule;
import dev.bulwark.controller.admission.AdmissionRules.State;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ImportTasks;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.PathParams;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.auth.Permissions;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/admission/state} and {@code /v1/admission/rule(s)}: the {@link AdmissionRules admission settings and
 * rules}; {@code /v1/admission/options} the criteria and operators clients offer; {@code /v1/admission/stats} the
 * webhook's counts; {@code POST /v1/assess/admission/rule} an {@link AdmissionAssessment assessment} of a YAML file;
 * {@code POST /v1/file/admission} and {@code /v1/file/admission/config} the {@link AdmissionCrd CRD} export and
 * import (in NeuVector's {@link ImportTasks task protocol}). All need {@code admctrl}, to read or to write.
 */
public final class AdmissionApi implements Consumer<Routes> {

    private final AdmissionRules admission;
    private final AdmissionWebhook webhook;
    private final EventLog events;

    private final ImportTasks imports;

    public AdmissionApi(AdmissionRules admission, AdmissionWebhook webhook, EventLog events, InstantSource clock) {
        this.admission = admission;
        this.webhook = webhook;
        this.events = events;
        this.imports = new ImportTasks(clock);
    }

    /** {@code RESTAdmCtrlRulesExport}; only exports to a file are made ({@code remote_export_options} is refused). */
    record Export(List<Integer> ids, Boolean exportConfig, JsonNode remoteExportOptions) {}

    /** {@code RESTAdmissionConfigData} as this controller fills it. */
    record StateData(State state, Boolean k8sEnv) {}

    record RuleData(Rule config) {}

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.ADMCTRL;
        routes.get("/v1/admission/state", perm, ctx -> ctx.json(new StateData(admission.state(), false)));
        routes.patch("/v1/admission/state", perm, this::changeState);
        routes.get("/v1/admission/options", perm, ctx -> ctx.json(AdmissionOptions.reply()));
        // the spec's path, and the one NeuVector's clients call (its CLI's "show admission stats")
        routes.get("/v1/admission/stats", perm, ctx -> ctx.json(Map.of("stats", webhook.stats())));
        routes.get("/v1/debug/admission_stats", perm, ctx -> ctx.json(Map.of("stats", webhook.stats())));
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
        routes.postQuery("/v1/assess/admission/rule", perm, ctx -> ctx.json(AdmissionAssessment.assess(webhook,
                ctx.bodyAsBytes())));
        routes.postQuery("/v1/file/admission", perm, this::export);
        routes.post("/v1/file/admission/config", perm, ctx -> imports.handle(ctx, c -> {
            String user = Access.of(c).name();
            try {
                events.record("Admission.Control.Configured", "Info", "ADMISSION", user, c.ip(),
                        AdmissionCrd.apply(admission, c.bodyAsBytes()));
            } catch (ApiException e) {
                events.record("Admission.Control.ConfigFailed", "Warning", "ADMISSION", user, c.ip(),
                        e.getMessage());
                throw e;
            }
        }));
    }

    private void export(Context ctx) {
        String scope = ctx.queryParam("scope");
        if (scope != null && !scope.equals("local")) {
            throw ApiException.badRequest("Only the local scope is exported: this controller is in no federation");
        }
        Export e = Bodies.read(ctx, Export.class);
        if (e.remoteExportOptions() != null && !e.remoteExportOptions().isNull()) {
            throw ApiException.badRequest("Exports to a remote repository are not supported");
        }
        ctx.contentType("text/plain; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"cfgAdmissionRulesExport.yaml\"")
                .result(AdmissionCrd.export(admission, e.ids() == null ? List.of() : e.ids(),
                        Boolean.TRUE.equals(e.exportConfig())));
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
