package dev.bulwark.controller.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ImportTasks;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.auth.Permissions;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code POST /v1/file/group} exports groups as NeuVector's {@link Crds CRD YAML}; {@code POST
 * /v1/file/group/config} imports such a file (global policy writers only), in NeuVector's task protocol
 * ({@link ImportTasks}); {@code GET /v1/file/group/config} shows the last task.
 */
public final class CrdApi implements Consumer<Routes> {

    private final Crds crds;
    private final EventLog events;
    private final ImportTasks imports;

    public CrdApi(Crds crds, EventLog events, InstantSource clock) {
        this.crds = crds;
        this.events = events;
        this.imports = new ImportTasks(clock);
    }

    /** {@code RESTGroupExport}. */
    record Export(Boolean useNameReferral, List<String> groups, String policyMode, String profileMode,
            JsonNode remoteExportOptions) {}

    @Override
    public void accept(Routes routes) {
        routes.post("/v1/file/group", Permissions.RT_POLICY, this::export);
        routes.post("/v1/file/group/config", Permissions.RT_POLICY, this::importYaml);
        routes.get("/v1/file/group/config", Permissions.RT_POLICY, ctx -> ctx.json(Map.of("data", imports.last())));
    }

    private void export(Context ctx) {
        Export e = Bodies.read(ctx, Export.class);
        if (e.groups() == null || e.groups().isEmpty()) {
            throw ApiException.badRequest("'groups' names the groups to export");
        }
        ctx.contentType("text/plain; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"cfgGroupsExport.yaml\"")
                .result(crds.export(e.groups(), e.policyMode()));
    }

    private void importYaml(Context ctx) {
        imports.handle(ctx, c -> {
            String user = Access.of(c).name();
            try {
                events.record("Crd.Import", "Info", "CRD", user, c.ip(), crds.apply(c.bodyAsBytes()));
            } catch (ApiException e) {
                events.record("Crd.Error", "Warning", "CRD", user, c.ip(), e.getMessage());
                throw e;
            }
        });
    }
}
