package dev.bulwark.controller.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML documents of an uploaded file (JSON is YAML too), each a Kubernetes object; a {@code List}'s items count
 * as documents. Bounded: {@link #MAX_BYTES} of text, {@link #MAX_DOCUMENTS} objects; past either, or when the
 * text does not read, a 400 that says where.
 */
final class YamlDocuments {

    static final int MAX_BYTES = 4 << 20;
    static final int MAX_DOCUMENTS = 256;
    private static final ObjectMapper YAML = Json.yaml();

    private YamlDocuments() {}

    static List<JsonNode> read(byte[] text) {
        if (text.length > MAX_BYTES) {
            throw ApiException.badRequest("The file is larger than %d MiB".formatted(MAX_BYTES >> 20));
        }
        List<JsonNode> objects = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text);
                MappingIterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw ApiException.badRequest("Document %d is not an object".formatted(objects.size() + 1));
                }
                if (doc.path("kind").asText().equals("List") && doc.path("items").isArray()) {
                    doc.path("items").forEach(objects::add);
                } else {
                    objects.add(doc);
                }
                if (objects.size() > MAX_DOCUMENTS) {
                    throw ApiException.badRequest("The file has more than %d objects".formatted(MAX_DOCUMENTS));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw ApiException.badRequest("Invalid YAML: " + oneLine(e));
        }
        if (objects.isEmpty()) {
            throw ApiException.badRequest("The file has no object");
        }
        return objects;
    }

    /** The parser's message without its source excerpt, which repeats the input. */
    private static String oneLine(Exception e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                : e.getMessage();
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            m += " (line %d)".formatted(j.getLocation().getLineNr());
        }
        return m == null ? "unreadable" : m.lines().findFirst().orElse("unreadable");
    }
}
