package dev.bulwark.enforcer.container;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of an OCI runtime spec ({@code config.json} in a container's bundle) that discovery uses.
 *
 * @param root {@code root.path}: absolute, or relative to the bundle directory; empty when missing
 * @param annotations {@code annotations}, where CRI runtimes and podman record pod, name and image
 */
record OciConfig(String root, Map<String, String> annotations) {

    private static final int MAX_BYTES = 4 << 20;

    OciConfig {
        requireNonNull(root, "root");
        annotations = Map.copyOf(annotations);
    }

    static Optional<OciConfig> read(Path configJson) {
        return SmallFiles.jsonObject(configJson, MAX_BYTES).map(json -> {
            Map<String, String> annotations = new TreeMap<>();
            json.path("annotations").properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                if (value.isTextual()) {
                    annotations.put(entry.getKey(), value.asText());
                }
            });
            return new OciConfig(json.path("root").path("path").asText(""), annotations);
        });
    }
}
