package dev.bulwark.controller.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Registers endpoints with the permission each needs, checked before the handler runs, as one rule for every
 * object kind: an endpoint of objects that live in no namespace (sensors, profiles, logs, settings, ...) needs the
 * permission globally, so a namespace user gets 403 and sees nothing of them; an endpoint registered through
 * {@link #inNamespaces()} needs it in some namespace, and its handler shows and changes only the objects of the
 * caller's namespaces.
 */
public final class Routes {

    /**
     * What an endpoint needs before its handler runs.
     *
     * @param namespaced the permission in some namespace is enough (the handler filters); else it is needed globally
     */
    public record Requirement(String permission, boolean write, boolean namespaced) {}

    private final RoutesConfig routes;
    private final List<String> registered;
    private final Map<String, Requirement> requirements;
    private final boolean namespaced;

    public Routes(RoutesConfig routes) {
        this(routes, new ArrayList<>(), new LinkedHashMap<>(), false);
    }

    private Routes(RoutesConfig routes, List<String> registered, Map<String, Requirement> requirements,
            boolean namespaced) {
        this.routes = routes;
        this.registered = registered;
        this.requirements = requirements;
        this.namespaced = namespaced;
    }

    /** The same routes for objects that live in namespaces: their handlers filter by the caller's namespaces. */
    public Routes inNamespaces() {
        return new Routes(routes, registered, requirements, true);
    }

    /** What each endpoint registered with a permission needs, by {@code METHOD /path/{param}}. */
    public Map<String, Requirement> requirements() {
        return Map.copyOf(requirements);
    }

    /** Every endpoint registered, as {@code METHOD /path/{param}}. */
    public List<String> registered() {
        return List.copyOf(registered);
    }

    public void get(String path, String permission, Handler handler) {
        add(HandlerType.GET, path, permission, false, handler);
    }

    public void post(String path, String permission, Handler handler) {
        add(HandlerType.POST, path, permission, true, handler);
    }

    /**
     * A {@code POST} that only reads: a query too long for a URL, such as {@code POST /v2/workload} with the ids
     * in its body, which NeuVector authorises as a read.
     */
    public void postQuery(String path, String permission, Handler handler) {
        add(HandlerType.POST, path, permission, false, handler);
    }

    public void patch(String path, String permission, Handler handler) {
        add(HandlerType.PATCH, path, permission, true, handler);
    }

    /**
     * A {@code PATCH} that needs the permission unless {@code own} says the object is the caller's own (NeuVector's
     * own user account): then the handler runs anyway and decides itself what the caller may change.
     */
    public void patchOwn(String path, String permission, Predicate<Context> own, Handler handler) {
        add(HandlerType.PATCH, path, permission, true, own, handler);
    }

    public void delete(String path, String permission, Handler handler) {
        add(HandlerType.DELETE, path, permission, true, handler);
    }

    /** An endpoint any authenticated caller may use (keep-alive, logout, self). */
    public void open(HandlerType method, String path, Handler handler) {
        registered.add(method.name() + " " + path);
        routes.addHttpHandler(method, path, handler);
    }

    private void add(HandlerType method, String path, String permission, boolean write, Handler handler) {
        add(method, path, permission, write, ctx -> false, handler);
    }

    private void add(HandlerType method, String path, String permission, boolean write, Predicate<Context> own,
            Handler handler) {
        registered.add(method.name() + " " + path);
        requirements.put(method.name() + " " + path, new Requirement(permission, write, namespaced));
        routes.addHttpHandler(method, path, ctx -> {
            var caller = Access.of(ctx);
            boolean held = namespaced ? caller.anywhere(permission, write) : caller.global(permission, write);
            if (!held && !own.test(ctx)) {
                throw ApiException.forbidden();
            }
            handler.handle(ctx);
        });
    }
}
