package dev.bulwark.controller.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code /v1/system/score/metrics}: {@code GET} the security risk score of what runs now, with the metrics it is
 * made of; {@code POST} {@code {"metrics": RESTRiskScoreMetrics}} scores the metrics given instead (the console's
 * "what if" for an improvement) and answers the same shape.
 *
 * <p>Permission: any logged-in user, as NeuVector, whose handlers let every caller in (its {@code access.go} files
 * the path under {@code config}, but the handler raises every caller to it). A user with a global role sees the
 * whole cluster; a user of some namespaces only sees the scored groups and running containers of those
 * namespaces, no host, and gets NeuVector's namespaced total ({@link RiskScore.Audience#NAMESPACES}), for a
 * what-if too. {@code ingress} and {@code egress} (the exposed endpoints) are empty until the network stage.
 */
public final class ScoreApi implements Consumer<Routes> {

    static final String PATH = "/v1/system/score/metrics";

    /** Every field of the metrics, zero or empty: what a what-if leaves out. */
    private static final JsonNode ZERO = Bodies.JSON.valueToTree(new RiskScoreMetrics("", "", "", "", "", "", 0, 0,
            0, null, null, null));

    private final RiskMetrics metrics;

    public ScoreApi(RiskMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * {@code RESTScoreMetricsData}.
     *
     * @param ingress {@code RESTExposedEndpoint}s with traffic from outside; none before the network stage
     * @param egress the same, with traffic to outside
     */
    record ScoreMetricsData(RiskScoreMetrics metrics, List<Object> ingress, List<Object> egress,
            SecurityScores securityScores) {}

    @Override
    public void accept(Routes routes) {
        routes.open(HandlerType.GET, PATH, ctx -> {
            RiskMetrics.Scope scope = RiskMetrics.Scope.of(Access.of(ctx));
            RiskScoreMetrics now = metrics.gather(scope);
            ctx.json(new ScoreMetricsData(now, List.of(), List.of(), RiskScore.compute(now, scope.audience())));
        });
        routes.open(HandlerType.POST, PATH, ctx -> {
            RiskMetrics.Scope scope = RiskMetrics.Scope.of(Access.of(ctx));
            RiskScoreMetrics given = requested(ctx);
            ctx.json(new ScoreMetricsData(given, List.of(), List.of(), RiskScore.compute(given, scope.audience())));
        });
    }

    /**
     * The metrics of a what-if: read strictly as every body ({@link Bodies}: 413 when too large, 400 for bad JSON,
     * a wrong type, a null or a number out of range), then 400 when {@code metrics} is missing, as NeuVector, or
     * holds a value {@link RiskScoreMetrics} refuses, with its one line. A field left out is zero (or empty), as
     * NeuVector's decoder leaves it.
     */
    private static RiskScoreMetrics requested(Context ctx) {
        JsonNode body = Bodies.read(ctx, JsonNode.class);
        JsonNode given = body.path("metrics");
        if (!given.isObject()) {
            throw ApiException.badRequest("The body is {\"metrics\": {...}}, the metrics to score");
        }
        try {
            return Bodies.JSON.treeToValue(overZero(ZERO, given), RiskScoreMetrics.class);
        } catch (JsonProcessingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException refused) {
                    throw ApiException.badRequest(refused.getMessage());
                }
            }
            throw ApiException.badRequest("Invalid JSON: metrics%s is not of its type (counts are whole numbers up"
                    .formatted(at(e)) + " to 2147483647, modes and names are strings)");
        }
    }

    /** The given fields over the zero ones, object by object; a given null stays null (and is refused). */
    private static JsonNode overZero(JsonNode zero, JsonNode given) {
        if (!zero.isObject() || !given.isObject()) {
            return given;
        }
        ObjectNode merged = ((ObjectNode) zero).deepCopy();
        given.properties().forEach(e -> merged.set(e.getKey(), overZero(zero.path(e.getKey()), e.getValue())));
        return merged;
    }

    /**
     * Where in the metrics a value did not fit, as {@code .workloads.running_pods}: Jackson's own text names our
     * classes, which a response does not show.
     */
    private static String at(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        m.getPath().stream().map(JsonMappingException.Reference::getFieldName).filter(java.util.Objects::nonNull)
                .forEach(name -> path.append('.').append(name));
        return path.toString();
    }
}
