package dev.bulwark.controller.api;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Endpoints of another product's protocol, served beside NeuVector's under a path prefix of their own (Harbor's
 * scanner adapter API under {@code /api/v1}). Two things differ from NeuVector's endpoints: the caller may present
 * an API key in that protocol's headers, and errors take that protocol's shape. The rest is the same: the session
 * token and {@code X-Auth-Apikey} work too, {@link Routes} checks each endpoint's permission, and every write gets an
 * activity record.
 */
public interface ForeignProtocol extends Consumer<Routes> {

    /** The path prefix of every endpoint the API registers, such as {@code /api/v1}; no trailing slash. */
    String prefix();

    /** Whether a path is this protocol's: its prefix, or below it. */
    default boolean owns(String path) {
        return path.equals(prefix()) || path.startsWith(prefix() + "/");
    }

    /**
     * The API key, {@code NAME:SECRET} as {@code X-Auth-Apikey} takes it, from this protocol's own headers; empty
     * when the request carries none. The key is checked by the server, as every other.
     */
    Optional<String> apiKey(Context ctx);

    /** Answers an error with this status and one-line message, in this protocol's shape. */
    void error(Context ctx, int status, String message);
}
