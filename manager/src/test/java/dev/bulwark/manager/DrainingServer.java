package dev.bulwark.manager;

import dev.bulwark.controller.api.ApiServer;
import dev.bulwark.controller.api.TlsConnector;
import dev.bulwark.controller.tls.InternalCa;
import io.javalin.Javalin;
import java.io.InputStream;
import java.security.KeyStore;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An HTTPS server standing in for a controller with no body bound of its own: it reads every request body to the
 * end and answers how many bytes came, so a test sees what the manager passed on.
 */
final class DrainingServer implements AutoCloseable {

    private final Javalin app;

    DrainingServer(KeyStore identity) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.addConnector((server, http) -> TlsConnector.create(server, http,
                    new ApiServer.Listen("127.0.0.1", 0, identity, InternalCa.password())));
            config.routes.post("/v1/*", ctx -> {
                long n = 0;
                byte[] buffer = new byte[1 << 16];
                try (InputStream in = ctx.req().getInputStream()) {
                    for (int r; (r = in.read(buffer)) > 0; ) {
                        n += r;
                    }
                }
                ctx.contentType("application/json").result("{\"drained\":" + n + "}");
            });
        }).start();
    }

    int port() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        app.stop();
    }
}
