package dev.bulwark.controller.api;

import dev.bulwark.controller.auth.Principal;
import io.javalin.http.Context;

/** The caller of a request, set by the authentication step before any handler runs. */
public final class Access {

    static final String ATTRIBUTE = "bulwark.principal";

    private Access() {}

    public static Principal of(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw ApiException.unauthorized("Authentication required");
        }
        return p;
    }

    static void set(Context ctx, Principal p) {
        ctx.attribute(ATTRIBUTE, p);
    }

    /** Fails with 403 unless the caller holds the permission for an object of the namespace. */
    public static Principal require(Context ctx, String permission, boolean write, String domain) {
        Principal p = of(ctx);
        if (!p.on(permission, write, domain)) {
            throw ApiException.forbidden();
        }
        return p;
    }
}
