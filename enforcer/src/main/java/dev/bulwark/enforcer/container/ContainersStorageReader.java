package dev.bulwark.enforcer.container;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the container index of containers/storage ({@code <root>/overlay-containers/containers.json}), the store
 * podman and CRI-O share. Its {@code metadata} field is JSON inside a string that names the image as the user
 * gave it; the index is the only place on disk where podman keeps a container's name. Thread-safe.
 */
final class ContainersStorageReader {

    private static final ObjectMapper JSON = Json.lenient();
    private static final int MAX_BYTES = 32 << 20;

    private final Path root;

    ContainersStorageReader(Path root) {
        this.root = requireNonNull(root, "root");
    }

    Optional<Entry> entry(String id) {
        Path index = root.resolve("overlay-containers").resolve("containers.json");
        return SmallFiles.bytes(index, MAX_BYTES).flatMap(bytes -> {
            try {
                for (JsonNode container : JSON.readTree(bytes)) {
                    if (container.path("id").asText().equals(id)) {
                        return Optional.of(new Entry(container.path("names").path(0).asText(""),
                                imageName(container.path("metadata").asText(""))));
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private static String imageName(String metadata) {
        try {
            return metadata.isEmpty() ? "" : JSON.readTree(metadata).path("image-name").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * One container of the index.
     *
     * @param name its first name, empty when it has none
     * @param image the image as the user named it, empty when not recorded
     */
    record Entry(String name, String image) {

        Entry {
            requireNonNull(name, "name");
            requireNonNull(image, "image");
        }
    }
}
