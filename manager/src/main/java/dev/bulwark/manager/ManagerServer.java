package dev.bulwark.manager;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiServer;
import dev.bulwark.controller.api.TlsConnector;
import dev.bulwark.manager.console.ConsoleRoutes;
import dev.bulwark.manager.console.SecurityHeaders;
import dev.bulwark.manager.proxy.ControllerProxy;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The manager's HTTPS server: the console's files, and every {@code /v1} call passed to the controller. Security
 * headers on every answer; nothing else is served.
 */
final class ManagerServer implements AutoCloseable {

    /** Connections one address may hold: a browser opens several, and users behind one NAT share an address. */
    private static final int CONNECTIONS_PER_ADDRESS = 256;

    private final Javalin app;

    private ManagerServer(Javalin app) {
        this.app = app;
    }

    static ManagerServer start(ApiServer.Listen listen, ConsoleRoutes console, ControllerProxy proxy) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = ControllerProxy.MAX_BODY;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.generateEtags = false;
            config.jetty.addConnector((server, http) -> TlsConnector.create(server, http, listen,
                    CONNECTIONS_PER_ADDRESS));
            config.routes.before(SecurityHeaders::apply);
            console.register(config.routes);
            config.routes.get("/v1/*", proxy::pass);
            config.routes.post("/v1/*", proxy::pass);
            config.routes.put("/v1/*", proxy::pass);
            config.routes.patch("/v1/*", proxy::pass);
            config.routes.delete("/v1/*", proxy::pass);
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (ctx.path().startsWith("/v1/")) {
                    ControllerProxy.fail(ctx, e.getStatus(), e.getStatus() == 405 ? ApiError.METHOD_NOT_ALLOWED
                            : ApiError.NOT_FOUND, e.getStatus() == 405 ? "Method not allowed" : "URL not found");
                } else {
                    ctx.status(e.getStatus()).contentType("text/plain").result("");
                }
            });
        });
        app.start();
        return new ManagerServer(app);
    }

    int port() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        app.stop();
    }
}
