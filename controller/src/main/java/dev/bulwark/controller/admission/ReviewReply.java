package dev.bulwark.controller.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.json.Json;
import java.util.List;

/**
 * An AdmissionReview answer as the API server reads it: the review's {@code apiVersion}, {@code response.uid}
 * echoed, {@code allowed}, a denial's reason in {@code status} (403) and {@code warnings}, which kubectl shows.
 */
record ReviewReply(String apiVersion, String uid, boolean allowed, String message, List<String> warnings) {

    private static final ObjectMapper JSON = Json.lenient();
    /** The API server drops warnings beyond this length; longer ones are cut. */
    private static final int MAX_WARNING = 400;

    ReviewReply {
        warnings = List.copyOf(warnings);
    }

    byte[] json() {
        ObjectNode review = JsonNodeFactory.instance.objectNode();
        review.put("apiVersion", apiVersion);
        review.put("kind", "AdmissionReview");
        ObjectNode response = review.putObject("response");
        response.put("uid", uid);
        response.put("allowed", allowed);
        if (!allowed || !message.isEmpty()) {
            ObjectNode status = response.putObject("status");
            if (!allowed) {
                status.put("code", 403).put("reason", "Forbidden");
            }
            status.put("message", message);
        }
        if (!warnings.isEmpty()) {
            var list = response.putArray("warnings");
            warnings.forEach(w -> list.add(w.length() > MAX_WARNING ? w.substring(0, MAX_WARNING) : w));
        }
        try {
            return JSON.writeValueAsBytes(review);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
