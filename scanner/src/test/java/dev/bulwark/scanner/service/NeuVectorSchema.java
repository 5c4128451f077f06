package dev.bulwark.scanner.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Set;

/**
 * A definition of NeuVector's API spec (../shared/reference/neuvector-api.yaml) as a JSON schema, as the
 * controller's ApiContractTest reads it: draft 4, formats as annotations. Skips the test when the spec is absent.
 */
public final class NeuVectorSchema {

    private final JsonNode definition;
    private final com.networknt.schema.JsonSchema schema;

    public NeuVectorSchema(String name) {
        JsonNode spec;
        try {
            spec = new YAMLMapper().readTree(Files.readString(SharedData.path("reference/neuvector-api.yaml"))
                    .replace("example: =\n", "example: '='\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        definition = spec.path("definitions").path(name);
        ObjectNode doc = new YAMLMapper().createObjectNode();
        doc.put("$schema", "http://json-schema.org/draft-04/schema#");
        doc.set("definitions", spec.path("definitions"));
        doc.put("$ref", "#/definitions/" + name);
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(doc,
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build());
    }

    /** The definition itself, to read its {@code required} list. */
    JsonNode definition() {
        return definition;
    }

    public Set<ValidationMessage> validate(JsonNode document) {
        return schema.validate(document);
    }
}
