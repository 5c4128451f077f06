package dev.bulwark.controller.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/log/event} and {@code /v1/log/activity}, newest first, with paging, filters and sort. The security
 * logs ({@code audit}: admission and scan results, {@code threat}, {@code violation}, {@code incident}) are
 * recorded by the admission webhook, scanner and enforcer stages; until those report here they are empty lists, so
 * that clients listing them get NeuVector's shape rather than an unknown URL. Incidents, which enforcers report,
 * are read by namespace as NeuVector reads them: a caller holding {@code security_events} only in some namespaces
 * sees the incidents of containers there ({@code workload_domain}), and none of containers outside any.
 */
public final class LogApi implements Consumer<Routes> {

    /** A security log not recorded by this controller yet: its path, the permission to read it, its reply key. */
    private record SecurityLog(String path, String permission, String key) {}

    private static final List<SecurityLog> NOT_RECORDED = List.of(
            new SecurityLog("/v1/log/audit", Permissions.SECURITY_EVENTS, "audits"),
            new SecurityLog("/v1/log/threat", Permissions.SECURITY_EVENTS, "threats"),
            new SecurityLog("/v1/log/violation", Permissions.SECURITY_EVENTS, "violations"));

    private final EventLog events;
    private final EventLog activity;
    private final EventLog incidents;

    public LogApi(EventLog events, EventLog activity, EventLog incidents) {
        this.events = events;
        this.activity = activity;
        this.incidents = incidents;
    }

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/log/event", Permissions.EVENTS, ctx ->
                ctx.json(Map.of("events", ListQuery.of(ctx).apply(events.all()))));
        routes.get("/v1/log/activity", Permissions.AUDIT_EVENTS, ctx ->
                ctx.json(Map.of("events", ListQuery.of(ctx).apply(activity.all()))));
        Routes namespaced = routes.inNamespaces();
        namespaced.get("/v1/log/incident", Permissions.SECURITY_EVENTS, ctx ->
                ctx.json(Map.of("incidents", ListQuery.of(ctx).apply(incidents(Access.of(ctx))))));
        namespaced.get("/v1/log/security", Permissions.SECURITY_EVENTS, ctx -> ctx.json(Map.of("threats", List.of(),
                "violations", List.of(), "incidents", ListQuery.of(ctx).apply(incidents(Access.of(ctx))))));
        for (SecurityLog log : NOT_RECORDED) {
            routes.get(log.path(), log.permission(), ctx -> ctx.json(Map.of(log.key(), List.of())));
        }
    }

    /** The incidents the caller may read: all with the permission globally, else those of its namespaces. */
    private List<JsonNode> incidents(Principal p) {
        if (p.global(Permissions.SECURITY_EVENTS, false)) {
            return incidents.all();
        }
        return incidents.all().stream().filter(i -> {
            String domain = i.path("workload_domain").asText("");
            return !domain.isEmpty() && p.on(Permissions.SECURITY_EVENTS, false, domain);
        }).toList();
    }
}
