package dev.bulwark.controller.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;

/**
 * JSON in and out of the API. A field this controller does not know is skipped, as NeuVector's own server (Go's
 * JSON decoder) skips it: its clients send fields newer or older than any one server version. The fields we know
 * are strict: a wrong type (a string for a number, a number for a string), trailing data or a body over
 * {@link #MAX_BODY} is a 400 with NeuVector's error shape.
 */
public final class Bodies {

    public static final int MAX_BODY = 1 << 20;

    public static final ObjectMapper JSON = strict();

    private Bodies() {}

    private static ObjectMapper strict() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxStringLength(MAX_BODY).build());
        return mapper;
    }

    /** The request body as the given type, strictly. */
    public static <T> T read(Context ctx, Class<T> type) {
        return read(ctx, type, MAX_BODY);
    }

    /** {@link #read}, for a request NeuVector allows more than {@link #MAX_BODY} bytes. */
    public static <T> T read(Context ctx, Class<T> type, int maxBytes) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBytes) {
            throw new ApiException(413, ApiError.INVALID_REQUEST, "Request body is larger than %d bytes"
                    .formatted(maxBytes));
        }
        if (body.length == 0) {
            throw ApiException.badRequest("Request body is empty");
        }
        return parse(body, type);
    }

    public static <T> T parse(byte[] body, Class<T> type) {
        T value;
        try {
            value = JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Invalid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("Cannot read the request body");
        }
        if (value == null) {
            throw ApiException.badRequest("Request body is null");
        }
        return value;
    }

    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
