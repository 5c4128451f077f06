package dev.bulwark.controller.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.store.KeyValue;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Stored records as JSON with snake_case names. Reading is lenient: a newer controller may have added fields, and
 * a field an older one did not write reads as null.
 */
public final class Codec {

    public static final ObjectMapper STORED = Json.storedSnakeCase();

    private Codec() {}

    public static <T> T decode(KeyValue kv, Class<T> type) {
        try {
            return STORED.readValue(kv.value(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored %s cannot be read".formatted(kv.key()), e);
        }
    }

    public static byte[] encode(Object value) {
        try {
            return STORED.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(byte[] value) {
        try {
            return STORED.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
