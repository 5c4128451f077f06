package dev.bulwark.enforcer.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the node's small files (proc entries, runtime state) whole, up to a limit. Any of them may vanish or be
 * rewritten while it is read (a process exits, a container stops), so every failure is an empty answer.
 */
final class SmallFiles {

    private static final ObjectMapper JSON = Json.lenient();

    private SmallFiles() {}

    /** The file's bytes, or empty when it cannot be read or is longer than {@code maxBytes}. */
    static Optional<byte[]> bytes(Path file, int maxBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            return bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The file parsed as a JSON object, or empty when it cannot be read, is too long or is not one. */
    static Optional<JsonNode> jsonObject(Path file, int maxBytes) {
        return bytes(file, maxBytes).flatMap(bytes -> {
            try {
                JsonNode node = JSON.readTree(bytes);
                return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
