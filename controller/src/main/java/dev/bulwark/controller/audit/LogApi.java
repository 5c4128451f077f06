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
import java.util.function.Function;

/**
 * {@code /v1/log/event} and {@code /v1/log/activity}, newest first, with paging, filters and sort. The security
 * logs: {@code incident} (what enforcers report) and {@code audit} (scan reports of containers, nodes and registry
 * images; admission results come with the admission stage), {@code violation} (the network's, kept by its own
 * log); {@code threat} is not recorded yet and is an empty list, so that clients get NeuVector's shape rather than
 * an unknown URL (its list query is read and checked all the same). Incidents and audits are read by namespace as NeuVector reads them: a caller holding
 * {@code security_events} only in some namespaces sees the records of containers there ({@code workload_domain}),
 * and none of what is in no namespace; violations likewise by their client's or server's namespace.
 */
public final class LogApi implements Consumer<Routes> {

    /** A security log not recorded by this controller yet: its path, the permission to read it, its reply key. */
    private record SecurityLog(String path, String permission, String key) {}

    private static final List<SecurityLog> NOT_RECORDED = List.of(
            new SecurityLog("/v1/log/threat", Permissions.SECURITY_EVENTS, "threats"));

    private final EventLog events;
    private final EventLog activity;
    private final EventLog incidents;
    private final EventLog audits;
    private final Function<Principal, List<JsonNode>> violations;

    /** @param violations the network violations a caller may read, newest first */
    public LogApi(EventLog events, EventLog activity, EventLog incidents, EventLog audits,
            Function<Principal, List<JsonNode>> violations) {
        this.events = events;
        this.activity = activity;
        this.incidents = incidents;
        this.audits = audits;
        this.violations = violations;
    }

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/log/event", Permissions.EVENTS, ctx ->
                ctx.json(Map.of("events", ListQuery.of(ctx).apply(events.all()))));
        routes.get("/v1/log/activity", Permissions.AUDIT_EVENTS, ctx ->
                ctx.json(Map.of("events", ListQuery.of(ctx).apply(activity.all()))));
        Routes namespaced = routes.inNamespaces();
        namespaced.get("/v1/log/incident", Permissions.SECURITY_EVENTS, ctx -> ctx.json(Map.of("incidents",
                ListQuery.of(ctx).apply(readable(incidents, Access.of(ctx))))));
        namespaced.get("/v1/log/audit", Permissions.SECURITY_EVENTS, ctx -> ctx.json(Map.of("audits",
                ListQuery.of(ctx).apply(readable(audits, Access.of(ctx))))));
        namespaced.get("/v1/log/violation", Permissions.SECURITY_EVENTS, ctx -> ctx.json(Map.of("violations",
                ListQuery.of(ctx).apply(violations.apply(Access.of(ctx))))));
        namespaced.get("/v1/log/security", Permissions.SECURITY_EVENTS, ctx -> {
            ListQuery query = ListQuery.of(ctx);
            Principal p = Access.of(ctx);
            ctx.json(Map.of("threats", List.of(),
                    "violations", query.apply(violations.apply(p)),
                    "incidents", query.apply(readable(incidents, p))));
        });
        for (SecurityLog log : NOT_RECORDED) {
            routes.get(log.path(), log.permission(), ctx -> ctx.json(Map.of(log.key(),
                    ListQuery.of(ctx).apply(List.<JsonNode>of()))));
        }
    }

    /** The records of a log the caller may read: all with the permission globally, else those of its namespaces. */
    private static List<JsonNode> readable(EventLog log, Principal p) {
        if (p.global(Permissions.SECURITY_EVENTS, false)) {
            return log.all();
        }
        return log.all().stream().filter(i -> {
            String domain = i.path("workload_domain").asText("");
            return !domain.isEmpty() && p.on(Permissions.SECURITY_EVENTS, false, domain);
        }).toList();
    }
}
