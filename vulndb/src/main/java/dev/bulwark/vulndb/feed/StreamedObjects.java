package dev.bulwark.vulndb.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Reads a large JSON document one member at a time, so that only one record is on the heap: the fields of the
 * top-level object ({@link #eachField}) or the elements of one top-level array ({@link #eachElement}). A record
 * that breaks the parser's limits ends the document with an {@link IOException}; records read before it stand.
 */
final class StreamedObjects {

    private StreamedObjects() {}

    /** Calls {@code each} with every field name and value of the top-level object. */
    static void eachField(Path file, BiConsumer<String, JsonNode> each) throws IOException {
        try (JsonParser p = FeedFiles.json().createParser(file.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT, file);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                each.accept(name, p.readValueAsTree());
            }
        }
    }

    /**
     * Calls {@code each} with every element of the array in top-level field {@code arrayField}.
     *
     * @throws IOException also when the document has no such array
     */
    static void eachElement(Path file, String arrayField, BiConsumer<Long, JsonNode> each) throws IOException {
        boolean found = false;
        try (JsonParser p = FeedFiles.json().createParser(file.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT, file);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(arrayField) && value == JsonToken.START_ARRAY) {
                    found = true;
                    long index = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        each.accept(index++, p.readValueAsTree());
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (!found) {
            throw new IOException("%s: no \"%s\" array".formatted(file, arrayField));
        }
    }

    private static void expect(JsonToken token, JsonToken expected, Path file) throws IOException {
        if (token != expected) {
            throw new IOException("%s: expected a JSON object, found %s".formatted(file, token));
        }
    }
}
