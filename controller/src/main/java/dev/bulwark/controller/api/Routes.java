package dev.bulwark.controller.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers endpoints with the permission each needs, checked before the handler runs, as one rule for every
 * object kind: an endpoint of objects that live in no namespace (sensors, profiles, logs, settings, ...) needs the
 * permission globally, so a namespace user gets 403 and sees nothing of them; an endpoint registered through
 * {@link #inNamespaces()} needs it in some namespace, and its handler shows and changes only the objects of the
 * caller's namespaces.
 */
public final class Routes {

    private final RoutesConfig routes;
    private final List<String> registered;
    private final boolean namespaced;

    public Routes(RoutesConfig routes) {
        this(routes, new ArrayList<>(), false);
    }

    private Routes(RoutesConfig routes, List<String> registered, boolean namespaced) {
        this.routes = routes;
        this.registered = registered;
        this.namespaced = namespaced;
    }

    /** The same routes for objects that live in namespaces: their handlers filter by the caller's namespaces. */
    public Routes inNamespaces() {
        return new Routes(routes, registered, true);
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

    public void patch(String path, String permission, Handler handler) {
        add(HandlerType.PATCH, path, permission, true, handler);
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
        registered.add(method.name() + " " + path);
        routes.addHttpHandler(method, path, ctx -> {
            var caller = Access.of(ctx);
            if (namespaced ? !caller.anywhere(permission, write) : !caller.global(permission, write)) {
                throw ApiException.forbidden();
            }
            handler.handle(ctx);
        });
    }
}
