package dev.bulwark.manager.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Serves the console: {@code /} is index.html, never cached without asking; {@code /assets/NAME} are the hashed
 * bundle files, cached for good; {@code /eula.txt} is the configured EULA. Gzip when the client takes it.
 */
public final class ConsoleRoutes {

    private final ConsoleFiles files;
    private final Optional<Asset> eula;

    public ConsoleRoutes(ConsoleFiles files, Optional<Asset> eula) {
        this.files = files;
        this.eula = eula;
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> send(ctx, files.index(), "no-cache"));
        routes.get("/index.html", ctx -> send(ctx, files.index(), "no-cache"));
        routes.get("/assets/{name}", ctx -> {
            Optional<Asset> asset = files.find("assets/" + ctx.pathParam("name"));
            if (asset.isEmpty()) {
                ctx.status(404);
                return;
            }
            send(ctx, asset.get(), "public, max-age=31536000, immutable");
        });
        routes.get("/eula.txt", ctx -> {
            if (eula.isEmpty()) {
                ctx.status(404);
                return;
            }
            send(ctx, eula.get(), "no-cache");
        });
    }

    private static void send(Context ctx, Asset asset, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        ctx.header("Vary", "Accept-Encoding");
        ctx.contentType(asset.contentType());
        if (asset.gzipped() != null && acceptsGzip(ctx.header("Accept-Encoding"))) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(asset.gzipped());
        } else {
            ctx.result(asset.body());
        }
    }

    /** Whether an Accept-Encoding header takes gzip (and does not refuse it with {@code q=0}). */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String[] fields = part.strip().split(";", -1);
            if (fields[0].strip().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < fields.length; i++) {
                    String param = fields[i].replace(" ", "");
                    if (param.matches("q=0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
