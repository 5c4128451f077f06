package dev.bulwark.controller.audit;

import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import java.util.Map;
import java.util.function.Consumer;

/** {@code /v1/log/event} and {@code /v1/log/activity}, newest first, with paging, filters and sort. */
public final class LogApi implements Consumer<Routes> {

    private final EventLog events;
    private final EventLog activity;

    public LogApi(EventLog events, EventLog activity) {
        this.events = events;
        this.activity = activity;
    }

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/log/event", Permissions.EVENTS, ctx ->
                ctx.json(Map.of("events", ListQuery.of(ctx).apply(events.all()))));
        routes.get("/v1/log/activity", Permissions.AUDIT_EVENTS, ctx ->
                ctx.json(Map.of("events", ListQuery.of(ctx).apply(activity.all()))));
    }
}
