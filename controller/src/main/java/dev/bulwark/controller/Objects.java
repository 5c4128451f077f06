package dev.bulwark.controller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.store.KeyValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records kept in the {@link ClusterStore} as JSON under {@code object/config/KIND/NAME}, the key layout
 * NeuVector uses. Reading is lenient (a newer controller may have added fields); names are URL-escaped so no
 * name can reach another key.
 */
public final class Objects {

    public static final ObjectMapper STORED = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final String CONFIG = "object/config/";

    private Objects() {}

    public static String key(String kind, String name) {
        return CONFIG + kind + "/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String prefix(String kind) {
        return CONFIG + kind + "/";
    }

    public static <T> Optional<T> get(ClusterStore store, String kind, String name, Class<T> type) {
        return store.get(key(kind, name)).map(kv -> decode(kv, type));
    }

    public static <T> List<T> list(ClusterStore store, String kind, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (KeyValue kv : store.list(prefix(kind))) {
            out.add(decode(kv, type));
        }
        return out;
    }

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
}
