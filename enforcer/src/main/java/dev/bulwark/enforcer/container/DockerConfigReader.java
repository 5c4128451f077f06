package dev.bulwark.enforcer.container;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads what Docker keeps of a container on disk ({@code <root>/containers/<id>/config.v2.json}): its name, the
 * image as the user named it, its labels (Compose's among them) and its first process. The same facts the Docker
 * API gives, without a socket. Thread-safe.
 */
final class DockerConfigReader {

    private static final int MAX_BYTES = 4 << 20;

    private final Path root;

    DockerConfigReader(Path root) {
        this.root = requireNonNull(root, "root");
    }

    /** The container's record; empty when Docker keeps none (another runtime) or it cannot be read. */
    Optional<Entry> entry(String id) {
        if (!id.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return SmallFiles.jsonObject(root.resolve("containers").resolve(id).resolve("config.v2.json"), MAX_BYTES)
                .filter(config -> config.path("ID").asText().equals(id)).map(DockerConfigReader::entry);
    }

    private static Entry entry(JsonNode config) {
        Map<String, String> labels = new TreeMap<>();
        config.path("Config").path("Labels").properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        String name = config.path("Name").asText("");
        return new Entry(name.startsWith("/") ? name.substring(1) : name, config.path("Config").path("Image")
                .asText(""), labels, Math.max(0, config.path("State").path("Pid").asInt(0)));
    }

    /**
     * A container as Docker recorded it.
     *
     * @param name without Docker's leading slash
     * @param pid its first process on the host, 0 when it is not running
     */
    record Entry(String name, String image, Map<String, String> labels, int pid) {

        Entry {
            requireNonNull(name, "name");
            requireNonNull(image, "image");
            labels = Map.copyOf(labels);
        }
    }
}
