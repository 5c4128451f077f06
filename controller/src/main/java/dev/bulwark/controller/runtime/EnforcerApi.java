package dev.bulwark.controller.runtime;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.link.JoinToken;
import dev.bulwark.link.Role;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code /v1/enforcer}: every enforcer that joined, connected or not, with its settings and stats; deleting one
 * revokes it. Our extension {@code /v1/enforcer/join_token} makes, lists (never with their secrets) and deletes
 * the tokens a node joins with.
 *
 * <p>Permission: {@code config}, globally. NeuVector guards enforcers with its hidden {@code nv_resource}, which
 * only its reserved admin and reader roles hold; {@code config}, which they hold, is the nearest a role can be
 * given. Making a join token lets a machine into the cluster, so it takes the reserved {@code admin} role too.
 * An enforcer's settings cannot be changed yet (it does not take them over the link): {@code PATCH} reads the
 * body and refuses; the settings shown are its defaults, its stats zero (not measured).
 */
public final class EnforcerApi implements Consumer<Routes> {

    static final Duration DEFAULT_TOKEN = Duration.ofHours(1);

    private final Runtime runtime;
    private final InstantSource clock;

    public EnforcerApi(Runtime runtime, InstantSource clock) {
        this.runtime = runtime;
        this.clock = clock;
    }

    /** {@code RESTAgent}, with Go's {@code nv_protect}. */
    record EnforcerView(String id, String name, String displayName, String hostName, String hostId, String version,
            Map<String, String> labels, String domain, String pidMode, String networkMode, String createdAt,
            String startedAt, String joinedAt, long memoryLimit, String cpus, String clusterIp,
            String connectionState, String disconnectedAt, boolean nvProtect) {}

    /** {@code RESTAgentConfig}, with Go's {@code log_level}. */
    record AgentConfig(List<String> debug, String logLevel, boolean disableNvprotect, boolean disableKvcctl) {

        static final AgentConfig DEFAULTS = new AgentConfig(List.of(), "info", false, false);
    }

    /** What {@code PATCH} reads, strictly, before it refuses. */
    record AgentConfigChange(List<String> debug, String logLevel, Boolean disableNvprotect, Boolean disableKvcctl) {}

    record AgentConfigData(AgentConfigChange config) {}

    /** {@code POST /v1/enforcer/join_token}: how long the token is valid, in seconds (an hour when left out). */
    record TokenRequest(Long duration) {}

    /** A token as made: the only time its secret is shown. */
    record IssuedToken(String token, String id, String expiresAt, long expiresTimestamp) {}

    /** A token as listed: no secret, nor its hash. */
    record TokenView(String id, String createdBy, String createdAt, String expiresAt, long expiresTimestamp,
            boolean expired) {}

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.CONFIG;
        // before /v1/enforcer/{id}, which would take "join_token" for an id
        routes.post("/v1/enforcer/join_token", perm, this::createToken);
        routes.get("/v1/enforcer/join_token", perm, ctx -> ctx.json(Map.of("join_tokens", tokens())));
        routes.delete("/v1/enforcer/join_token/{id}", perm, ctx -> {
            runtime.enrollments().deleteToken(ctx.pathParam("id"));
            ctx.json(Map.of());
        });
        routes.get("/v1/enforcer", perm, ctx -> ctx.json(Map.of("enforcers",
                ListQuery.of(ctx).select(enforcers(), Bodies.JSON::valueToTree))));
        routes.get("/v1/enforcer/{id}", perm, ctx -> ctx.json(Map.of("enforcer", enforcer(ctx))));
        routes.patch("/v1/enforcer/{id}", perm, this::configure);
        routes.delete("/v1/enforcer/{id}", perm, ctx -> {
            runtime.revoke(enforcer(ctx).id(), clock.instant());
            ctx.json(Map.of());
        });
        routes.get("/v1/enforcer/{id}/config", perm, ctx -> {
            enforcer(ctx);
            ctx.json(Map.of("config", AgentConfig.DEFAULTS));
        });
        routes.get("/v1/enforcer/{id}/stats", perm, ctx -> ctx.json(Stats.notMeasured(enforcer(ctx).id(),
                clock.instant())));
    }

    private List<EnforcerView> enforcers() {
        return runtime.enrollments().members(Role.ENFORCER).stream().map(this::view)
                .sorted(Comparator.comparing(EnforcerView::name).thenComparing(EnforcerView::id)).toList();
    }

    private EnforcerView enforcer(Context ctx) {
        return runtime.enrollments().member(Role.ENFORCER, ctx.pathParam("id")).map(this::view)
                .orElseThrow(() -> ApiException.notFound("Enforcer"));
    }

    /** An enforcer as it joined and as its last session said; one not seen since this start is disconnected. */
    private EnforcerView view(Enrollments.Member e) {
        Optional<RuntimeState.Agent> agent = runtime.state().agent(e.id());
        String name = "enforcer-" + e.node();
        boolean connected = agent.map(RuntimeState.Agent::connected).orElse(false);
        String started = RestTime.format(agent.map(RuntimeState.Agent::startedAt).orElse(null));
        return new EnforcerView(e.id(), name, name, e.node(), agent.map(a -> a.host() == null ? "" : a.host().id())
                .orElse(""), agent.map(RuntimeState.Agent::version).orElse(""), Map.of(), "", "host", "host",
                started, started, RestTime.format(e.joinedAt()), 0, "", "",
                connected ? RuntimeState.CONNECTED : RuntimeState.DISCONNECTED,
                connected ? "" : RestTime.format(agent.map(RuntimeState.Agent::lastSeen).orElse(null)), true);
    }

    private void configure(Context ctx) {
        enforcer(ctx);
        AgentConfigData change = Bodies.read(ctx, AgentConfigData.class);
        if (change.config() == null) {
            throw ApiException.badRequest("'config' is required");
        }
        throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "An enforcer's settings (debug, log level, nvprotect,"
                + " kvcctl) cannot be changed yet: enforcers do not take them from the controller");
    }

    private void createToken(Context ctx) {
        Principal p = Access.of(ctx);
        if (!p.admin()) {
            throw ApiException.forbidden();
        }
        Long seconds = ctx.bodyAsBytes().length == 0 ? null : Bodies.read(ctx, TokenRequest.class).duration();
        JoinToken token = runtime.enrollments().createToken(p.name(),
                seconds == null ? DEFAULT_TOKEN : Duration.ofSeconds(seconds));
        long expires = runtime.enrollments().tokens().stream().filter(t -> t.id().equals(token.id())).findFirst()
                .orElseThrow().expiresAt();
        ctx.json(new IssuedToken(token.toString(), token.id(), RestTime.format(expires), expires));
    }

    private List<TokenView> tokens() {
        long now = clock.instant().getEpochSecond();
        return runtime.enrollments().tokens().stream().sorted(Comparator.comparingLong(
                Enrollments.StoredToken::createdAt)).map(t -> new TokenView(t.id(), t.createdBy(),
                RestTime.format(t.createdAt()), RestTime.format(t.expiresAt()), t.expiresAt(), t.expiresAt() <= now))
                .toList();
    }
}
