package dev.bulwark.controller.api;

import io.javalin.http.Context;

/** Path parameters read with a clear 400 when malformed. */
public final class PathParams {

    private PathParams() {}

    public static int integer(Context ctx, String name) {
        try {
            return Integer.parseInt(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'%s' in the path is an integer".formatted(name));
        }
    }
}
