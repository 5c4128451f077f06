package dev.bulwark.controller.admission.evaluate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.bulwark.core.json.Json;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the AdmissionReview the API server posts (admission.k8s.io/v1 or v1beta1, which share the shape) into an
 * {@link AdmissionRequest}. A body beyond 8 MiB or nested deeper than 100 levels is refused before it is read, so a
 * hostile body costs no more than reading that much. Thread-safe.
 */
public final class Reviews {

    static final int MAX_BYTES = 8 << 20;
    static final int MAX_DEPTH = 100;
    static final String V1 = "admission.k8s.io/v1";
    private static final Set<String> VERSIONS = Set.of(V1, "admission.k8s.io/v1beta1");
    private static final ObjectMapper MAPPER = mapper();

    private Reviews() {}

    private static ObjectMapper mapper() {
        ObjectMapper mapper = Json.lenient();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .maxDocumentLength(MAX_BYTES).build());
        return mapper;
    }

    /**
     * Parses a review body.
     *
     * @throws InvalidReview for a body that is not an AdmissionReview of a supported version with a request, a uid,
     *         a kind, an operation and (but for DELETE and CONNECT) an object
     */
    public static AdmissionRequest parse(byte[] body) throws InvalidReview {
        if (body == null || body.length == 0) {
            throw new InvalidReview("The AdmissionReview is empty", null, V1);
        }
        if (body.length > MAX_BYTES) {
            throw new InvalidReview("The AdmissionReview is larger than %d MiB".formatted(MAX_BYTES >> 20), null, V1);
        }
        JsonNode review;
        try {
            review = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidReview("The AdmissionReview is not valid JSON or is nested deeper than %d levels"
                    .formatted(MAX_DEPTH), null, V1);
        } catch (java.io.IOException e) {
            throw new InvalidReview("The AdmissionReview cannot be read", null, V1);
        }
        JsonNode request = Nodes.object(review, "request");
        String uid = Nodes.text(request, "uid").filter(u -> !u.isBlank()).orElse(null);
        Optional<String> version = Nodes.text(review, "apiVersion");
        String answer = version.filter(VERSIONS::contains).orElse(V1);
        if (version.isEmpty() || !VERSIONS.contains(version.get())) {
            throw new InvalidReview("apiVersion is %s, not admission.k8s.io/v1 or v1beta1"
                    .formatted(version.map(v -> "\"" + clip(v) + "\"").orElse("missing")), uid, answer);
        }
        if (!Nodes.text(review, "kind").orElse("AdmissionReview").equals("AdmissionReview")) {
            throw new InvalidReview("kind is not AdmissionReview", uid, answer);
        }
        if (request.isMissingNode()) {
            throw new InvalidReview("The AdmissionReview has no request", null, answer);
        }
        if (uid == null) {
            throw new InvalidReview("The request has no uid", null, answer);
        }
        String kind = Nodes.text(Nodes.object(request, "kind"), "kind").filter(k -> !k.isBlank())
                .orElseThrow(() -> new InvalidReview("The request has no kind", uid, answer));
        String operation = Nodes.text(request, "operation").filter(o -> !o.isBlank())
                .orElseThrow(() -> new InvalidReview("The request has no operation", uid, answer));
        JsonNode object = request.path("object");
        if (!object.isObject()) {
            JsonNode old = request.path("oldObject");
            if (!Set.of("DELETE", "CONNECT").contains(operation)) {
                throw new InvalidReview("The %s request has no object".formatted(clip(operation)), uid, answer);
            }
            object = old.isObject() ? old : NullNode.getInstance();
        }
        JsonNode userInfo = Nodes.object(request, "userInfo");
        return new AdmissionRequest(version.get(), uid, kind, operation, Nodes.textOrEmpty(request, "namespace"),
                Nodes.textOrEmpty(request, "name"), Nodes.textOrEmpty(userInfo, "username"),
                Nodes.texts(userInfo, "groups"), object);
    }

    /** A value quoted in a message, cut short and without control characters. */
    private static String clip(String value) {
        String v = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return v.replaceAll("\\p{Cntrl}", "?");
    }
}
