package dev.bulwark.controller.admission.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One AdmissionReview's request, parsed by {@link Reviews#parse}. {@code kind} is the object's kind ({@code Pod},
 * {@code Deployment}, ...), {@code apiVersion} the review's ({@code admission.k8s.io/v1} or {@code v1beta1}), which
 * the response repeats. Texts the review left out are empty; {@code object} is the object as sent (for a DELETE, the
 * old object, or a JSON null).
 */
public record AdmissionRequest(String apiVersion, String uid, String kind, String operation, String namespace,
        String name, String user, List<String> groups, JsonNode object) {

    public AdmissionRequest {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
        groups = List.copyOf(groups);
        Objects.requireNonNull(object, "object");
    }
}
