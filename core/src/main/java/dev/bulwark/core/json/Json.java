package dev.bulwark.core.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Map;

/**
 * The JSON and YAML mappers every module uses, so that field naming and strictness are the same everywhere. Each
 * call returns a new mapper, which the caller may configure further (read limits, say) without touching others'.
 */
public final class Json {

    private Json() {}

    /**
     * snake_case names, as NeuVector's API and our reports use, indented. On input unknown fields are ignored, and
     * a missing or null text or list reads as empty, the way records written with {@code NON_EMPTY} left it out.
     */
    public static ObjectMapper snakeCase() {
        return snakeCaseBuilder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /** Like {@link #snakeCase()} without indentation: for data that machines store and read back. */
    public static ObjectMapper compactSnakeCase() {
        return snakeCaseBuilder().build();
    }

    /**
     * snake_case names, unknown fields ignored, nulls kept as nulls: for records a program stores and reads back,
     * where a field missing from an older record must read as absent, not as empty.
     */
    public static ObjectMapper storedSnakeCase() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private static JsonMapper.Builder snakeCaseBuilder() {
        JsonSetter.Value asEmpty = JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY);
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withConfigOverride(String.class, o -> o.setSetterInfo(asEmpty))
                .withConfigOverride(List.class, o -> o.setSetterInfo(asEmpty))
                .withConfigOverride(Map.class, o -> o.setSetterInfo(asEmpty));
    }

    /** Field names exactly as written (OCI and Docker documents); unknown fields ignored. */
    public static ObjectMapper lenient() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Like {@link #lenient()}, indented: documents built as trees (SBOMs, SARIF) and JSON printed for people. */
    public static ObjectMapper indented() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    /**
     * YAML with snake_case names in which an unknown field is an error: for files a user writes by hand, where a
     * misspelt field must not be silently ignored.
     */
    public static ObjectMapper strictSnakeCaseYaml() {
        return YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** YAML, field names exactly as written; unknown fields ignored. */
    public static ObjectMapper yaml() {
        return YAMLMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
