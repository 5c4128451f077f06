package dev.bulwark.controller.runtime;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/controller}: this controller, the only one (it leads its store), as NeuVector lists its controllers.
 *
 * <p>Permission: {@code config}, globally, as for enforcers (NeuVector's hidden {@code nv_resource}). Its settings
 * are the defaults and cannot be changed here; its stats are zero (not measured).
 */
public final class ControllerApi implements Consumer<Routes> {

    private final ControllerView self;
    private final InstantSource clock;

    /**
     * @param hostName the machine's name, from which the controller's id is made: the same on every start
     * @param version this build's
     * @param started when this process started serving
     */
    public ControllerApi(String hostName, String version, Instant started, InstantSource clock) {
        String id = id(hostName);
        String name = "controller-" + hostName;
        String at = RestTime.format(started);
        this.self = new ControllerView(id, name, name, hostName, hostName, version, Map.of(), "", at, at, at, 0, "",
                "", true, RuntimeState.CONNECTED, "", "", "", false);
        this.clock = clock;
    }

    /** {@code RESTController}, with Go's {@code read_prime_config}. */
    record ControllerView(String id, String name, String displayName, String hostName, String hostId,
            String version, Map<String, String> labels, String domain, String createdAt, String startedAt,
            String joinedAt, long memoryLimit, String cpus, String clusterIp, boolean leader, String connectionState,
            String disconnectedAt, String orchConnStatus, String orchConnLastError, boolean readPrimeConfig) {}

    /** {@code RESTControllerConfig}, with Go's {@code log_level}. */
    record ControllerConfig(List<String> debug, String logLevel) {}

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.CONFIG;
        routes.get("/v1/controller", perm, ctx -> ctx.json(Map.of("controllers",
                ListQuery.of(ctx).select(List.of(self), Bodies.JSON::valueToTree))));
        routes.get("/v1/controller/{id}", perm, ctx -> ctx.json(Map.of("controller", self(ctx))));
        routes.get("/v1/controller/{id}/config", perm, ctx -> {
            self(ctx);
            ctx.json(Map.of("config", new ControllerConfig(List.of(), "info")));
        });
        routes.get("/v1/controller/{id}/stats", perm, ctx -> ctx.json(Stats.notMeasured(self(ctx).id(),
                clock.instant())));
    }

    private ControllerView self(Context ctx) {
        if (!ctx.pathParam("id").equals(self.id())) {
            throw ApiException.notFound("Controller");
        }
        return self;
    }

    /** A 64-digit hexadecimal id like NeuVector's (a container id), the same for every start on this machine. */
    static String id(String hostName) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("bulwark-controller:" + hostName).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
