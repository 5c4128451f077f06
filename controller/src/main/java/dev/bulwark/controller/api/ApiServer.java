package dev.bulwark.controller.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.auth.Accounts;
import dev.bulwark.controller.auth.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;

/**
 * The HTTPS server of the REST API: TLS only, every {@code /v1} and {@code /v2} path authenticated by {@code X-Auth-Token} or
 * {@code X-Auth-Apikey} except login, errors in NeuVector's {@code {"code","error","message"}} shape, and an
 * activity record for every write. A {@link ForeignProtocol} is served the same way under its own prefix, except
 * that its callers may also give an API key in its own headers and its errors take its own shape.
 */
public final class ApiServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());
    static final long MAX_REQUEST = 32L << 20;
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PATCH, HandlerType.PUT,
            HandlerType.DELETE);

    private final Javalin app;
    private final List<String> endpoints;
    private final Map<String, Routes.Requirement> requirements;

    private ApiServer(Javalin app, List<String> endpoints, Map<String, Routes.Requirement> requirements) {
        this.app = app;
        this.endpoints = endpoints;
        this.requirements = requirements;
    }

    /** Every endpoint served, as {@code METHOD /path/{param}}. */
    public List<String> endpoints() {
        return endpoints;
    }

    /** What each endpoint that needs a permission needs, by {@code METHOD /path/{param}}. */
    public Map<String, Routes.Requirement> requirements() {
        return requirements;
    }

    /** Where and how to listen. */
    public record Listen(String host, int port, KeyStore keyStore, char[] keyStorePassword) {}

    public static ApiServer start(Listen listen, Accounts accounts, EventLog events, EventLog activity,
            List<Consumer<Routes>> endpoints, List<ForeignProtocol> foreign) {
        List<String> registered = new java.util.ArrayList<>();
        Map<String, Routes.Requirement> requirements = new java.util.LinkedHashMap<>();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = MAX_REQUEST;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(Bodies.JSON, false));
            config.jetty.addConnector((server, http) -> TlsConnector.create(server, http, listen));
            for (String api : List.of("/v1/*", "/v2/*")) {
                config.routes.before(api, ctx -> authenticate(ctx, accounts, Optional.empty()));
                config.routes.after(api, ctx -> recordActivity(ctx, activity));
            }
            for (ForeignProtocol f : foreign) {
                for (String path : List.of(f.prefix(), f.prefix() + "/*")) {
                    config.routes.before(path, ctx -> authenticate(ctx, accounts, Optional.of(f)));
                    config.routes.after(path, ctx -> recordActivity(ctx, activity));
                }
            }
            config.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.status() == 403) {
                    Principal p = ctx.attribute(Access.ATTRIBUTE);
                    events.record("User.Resource.Access.Denied", "Warning", "USER", p == null ? "" : p.name(),
                            ctx.ip(), ctx.method().name() + " " + ctx.path());
                }
                fail(ctx, foreign, e);
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (tooSlow(e)) {
                    fail(ctx, foreign, new ApiException(408, ApiError.INVALID_REQUEST,
                            "The request body came slower than %d bytes a second".formatted(
                                    TlsConnector.MIN_BODY_BYTES_PER_SECOND)));
                    return;
                }
                LOG.log(System.Logger.Level.ERROR, "request %s %s failed".formatted(ctx.method(), ctx.path()), e);
                fail(ctx, foreign, new ApiException(500, ApiError.SERVER_ERROR, "Server error"));
            });
            config.routes.error(404, ctx -> {
                Optional<ForeignProtocol> f = foreignOf(ctx, foreign);
                if (f.isPresent()) {
                    if (ctx.attribute(FOREIGN_ERROR) == null) {
                        f.get().error(ctx, 404, "URL not found");
                    }
                    return;
                }
                String result = ctx.result();
                if (result == null || !result.contains("\"code\"")) {
                    ctx.json(new ApiException.Body(ApiError.NOT_FOUND.code(), ApiError.NOT_FOUND.text(),
                            "URL not found"));
                }
            });
            // Javalin's own refusal of a body over MAX_REQUEST, counted as it streams in; a 413 of ours has its shape
            config.routes.error(413, ctx -> {
                String result = ctx.result();
                if (ctx.attribute(FOREIGN_ERROR) == null && (result == null || !result.contains("\"code\""))) {
                    fail(ctx, foreign, new ApiException(413, ApiError.INVALID_REQUEST,
                            "Request body is larger than %d bytes".formatted(MAX_REQUEST)));
                }
            });
            config.routes.error(405, ctx -> {
                Optional<ForeignProtocol> f = foreignOf(ctx, foreign);
                if (f.isPresent()) {
                    f.get().error(ctx, 405, "Method not allowed");
                    return;
                }
                ctx.json(new ApiException.Body(ApiError.METHOD_NOT_ALLOWED.code(), ApiError.METHOD_NOT_ALLOWED.text(),
                        "Method not allowed"));
            });
            Routes routes = new Routes(config.routes);
            endpoints.forEach(e -> e.accept(routes));
            registered.addAll(routes.registered());
            requirements.putAll(routes.requirements());
            for (ForeignProtocol f : foreign) {
                Routes own = new Routes(config.routes);
                f.accept(own);
                for (String endpoint : own.registered()) {
                    if (!f.owns(endpoint.substring(endpoint.indexOf(' ') + 1))) {
                        throw new IllegalStateException("%s is outside the prefix %s of its protocol, where neither its"
                                .formatted(endpoint, f.prefix()) + " credentials nor its error shape apply");
                    }
                }
                registered.addAll(own.registered());
                requirements.putAll(own.requirements());
            }
        });
        app.start();
        return new ApiServer(app, List.copyOf(registered), Map.copyOf(requirements));
    }

    /** Marks a request whose error a foreign protocol has written, so the 404 handler leaves it as it is. */
    private static final String FOREIGN_ERROR = "bulwark.foreign-error";

    /** The foreign protocol whose prefix the request's path is under, if any. */
    private static Optional<ForeignProtocol> foreignOf(Context ctx, List<ForeignProtocol> foreign) {
        return foreign.stream().filter(f -> f.owns(ctx.path())).findFirst();
    }

    /** Answers the error in the shape of the API the path belongs to: a foreign protocol's, else NeuVector's. */
    private static void fail(Context ctx, List<ForeignProtocol> foreign, ApiException e) {
        Optional<ForeignProtocol> f = foreignOf(ctx, foreign);
        if (f.isPresent()) {
            ctx.attribute(FOREIGN_ERROR, true);
            f.get().error(ctx, e.status(), e.getMessage());
        } else {
            ctx.status(e.status()).json(e.body());
        }
    }

    /** Whether reading the request failed because its body came too slowly (Jetty's minimum data rate). */
    private static boolean tooSlow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || t instanceof org.eclipse.jetty.http.HttpException.RuntimeException r && r.getCode() == 408) {
                return true;
            }
        }
        return false;
    }

    private static void authenticate(Context ctx, Accounts accounts, Optional<ForeignProtocol> foreign) {
        if (foreign.isEmpty() && ctx.path().equals("/v1/auth") && ctx.method() == HandlerType.POST) {
            return;
        }
        Optional<Principal> p = Optional.ofNullable(ctx.header("X-Auth-Token")).flatMap(accounts::byToken)
                .or(() -> accounts.byApiKey(ctx.header("X-Auth-Apikey")))
                .or(() -> foreign.flatMap(f -> f.apiKey(ctx)).flatMap(accounts::byApiKey));
        if (p.isEmpty()) {
            throw ApiException.unauthorized(foreign.isEmpty()
                    ? "Authentication failed: a valid X-Auth-Token or X-Auth-Apikey is needed"
                    : "Authentication failed: a valid API key (NAME:SECRET) is needed");
        }
        Access.set(ctx, p.get());
    }

    /** Every write, successful or not, by whom, from where; bodies are left out since they may hold secrets. */
    private static void recordActivity(Context ctx, EventLog activity) {
        if (!WRITES.contains(ctx.method())) {
            return;
        }
        Principal p = ctx.attribute(Access.ATTRIBUTE);
        boolean ok = ctx.status().getCode() < 400;
        ObjectNode e = activity.newRecord(ok ? "RESTful.Write" : "RESTful.Write.Failed", ok ? "Info" : "Warning");
        e.put("user", p == null ? "" : p.name());
        if (p != null) {
            ObjectNode roles = e.putObject("user_roles");
            if (!p.globalRole().name().isEmpty()) {
                roles.put("", p.globalRole().name());
            }
            p.domainRoles().forEach((domain, role) -> roles.put(domain, role.name()));
        }
        e.put("user_addr", ctx.ip());
        e.put("rest_method", ctx.method().name());
        e.put("rest_request", ctx.path());
        e.put("rest_status", ctx.status().getCode());
        e.put("category", "RESTFUL");
        activity.add(e);
    }

    /** The TLS port actually bound (the asked one, or the one the system chose for port 0). */
    public int port() {
        for (Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc && sc.getDefaultConnectionFactory() instanceof SslConnectionFactory) {
                return sc.getLocalPort();
            }
        }
        throw new IllegalStateException("no TLS connector");
    }

    /** Every port the server listens on: only the TLS one. */
    public List<Integer> ports() {
        return java.util.Arrays.stream(app.jettyServer().server().getConnectors())
                .map(c -> ((ServerConnector) c).getLocalPort()).toList();
    }

    @Override
    public void close() {
        app.stop();
    }
}
