package dev.bulwark.controller.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * Registers endpoints with the permission each needs: a caller without it anywhere gets 403 before the handler
 * runs; handlers of objects that live in namespaces check the object's namespace themselves.
 */
public final class Routes {

    private final RoutesConfig routes;
    private final java.util.List<String> registered = new java.util.ArrayList<>();

    public Routes(RoutesConfig routes) {
        this.routes = routes;
    }

    /** Every endpoint registered, as {@code METHOD /path/{param}}. */
    public java.util.List<String> registered() {
        return java.util.List.copyOf(registered);
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
            if (!Access.of(ctx).anywhere(permission, write)) {
                throw ApiException.forbidden();
            }
            handler.handle(ctx);
        });
    }
}
