package dev.bulwark.controller.admission.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lenient reads of a Kubernetes object: a field that is missing, null or of the wrong type reads as absent, so no
 * object the API server (or anyone) sends makes evaluation fail.
 */
final class Nodes {

    private Nodes() {}

    /** The object at a path of field names, or a missing node when any step is not an object. */
    static JsonNode object(JsonNode node, String... path) {
        JsonNode n = node;
        for (String field : path) {
            n = n.isObject() ? n.path(field) : MissingNode.getInstance();
        }
        return n.isObject() ? n : MissingNode.getInstance();
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode n = node.isObject() ? node.path(field) : MissingNode.getInstance();
        return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }

    static String textOrEmpty(JsonNode node, String field) {
        return text(node, field).orElse("");
    }

    static Optional<Boolean> bool(JsonNode node, String field) {
        JsonNode n = node.isObject() ? node.path(field) : MissingNode.getInstance();
        return n.isBoolean() ? Optional.of(n.booleanValue()) : Optional.empty();
    }

    static boolean isTrue(JsonNode node, String field) {
        return bool(node, field).orElse(false);
    }

    /** An integral number; a JSON number with a fraction or out of long's range is absent. */
    static Optional<Long> integer(JsonNode node, String field) {
        JsonNode n = node.isObject() ? node.path(field) : MissingNode.getInstance();
        return n.isIntegralNumber() && n.canConvertToLong() ? Optional.of(n.longValue()) : Optional.empty();
    }

    /** The elements of an array field; absent when it is not an array. */
    static List<JsonNode> array(JsonNode node, String field) {
        JsonNode n = node.isObject() ? node.path(field) : MissingNode.getInstance();
        if (!n.isArray()) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>(n.size());
        n.forEach(out::add);
        return out;
    }

    /** The text elements of an array field; other elements are left out. */
    static List<String> texts(JsonNode node, String field) {
        return array(node, field).stream().filter(JsonNode::isTextual).map(JsonNode::textValue).toList();
    }

    /** A map of text values ({@code labels}, {@code annotations}); entries whose value is no text are left out. */
    static Map<String, String> textMap(JsonNode node, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        object(node, field).properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            }
        });
        return out;
    }
}
