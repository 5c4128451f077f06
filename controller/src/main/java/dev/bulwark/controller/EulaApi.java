package dev.bulwark.controller;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.domain.Records;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/eula}: any logged-in caller may ask whether the EULA was accepted (the console asks after its login); an
 * administrator who may write the configuration accepts it.
 */
final class EulaApi implements Consumer<Routes> {

    /** {@code RESTEULAData}. */
    private record EulaData(EulaAcceptance eula) {}

    private final Records records;

    EulaApi(Records records) {
        this.records = records;
    }

    @Override
    public void accept(Routes routes) {
        routes.open(HandlerType.GET, "/v1/eula", ctx -> ctx.json(new EulaData(
                records.find(EulaAcceptance.KIND).orElse(new EulaAcceptance(false)))));
        routes.post("/v1/eula", Permissions.CONFIG, ctx -> {
            EulaData body = Bodies.read(ctx, EulaData.class);
            if (body.eula() == null) {
                throw ApiException.badRequest("'eula' is required");
            }
            records.put(EulaAcceptance.KIND, EulaAcceptance.KIND.id(), body.eula());
            ctx.json(Map.of());
        });
    }
}
