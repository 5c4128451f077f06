package dev.bulwark.enforcer.container;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads runc's state file {@code <root>/<id>/state.json}, which runc writes for every container it runs: plain
 * runc, and podman and CRI-O when runc is their runtime. Thread-safe.
 */
final class RuncStateReader {

    /** The ids runc itself accepts; this also keeps {@code ..} and slashes out of the path. */
    private static final Pattern ID = Pattern.compile("[\\w+.-]+");
    private static final int MAX_BYTES = 4 << 20;

    private final Path root;

    RuncStateReader(Path root) {
        this.root = requireNonNull(root, "root");
    }

    boolean exists(String id) {
        return valid(id) && Files.isRegularFile(stateFile(id));
    }

    Optional<State> read(String id) {
        if (!valid(id)) {
            return Optional.empty();
        }
        return SmallFiles.jsonObject(stateFile(id), MAX_BYTES).map(json -> {
            JsonNode config = json.path("config");
            Map<String, String> labels = new TreeMap<>();
            for (JsonNode label : config.path("labels")) {
                String text = label.asText();
                int eq = text.indexOf('=');
                if (eq > 0) {
                    labels.put(text.substring(0, eq), text.substring(eq + 1));
                }
            }
            return new State(json.path("init_process_pid").asInt(0), config.path("rootfs").asText(""), labels);
        });
    }

    private static boolean valid(String id) {
        return ID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    private Path stateFile(String id) {
        return root.resolve(id).resolve("state.json");
    }

    /**
     * What runc's state says of a container.
     *
     * @param initPid the container's first process as the host sees it, 0 when missing
     * @param rootfs its root file system on the host, empty when missing
     * @param labels {@code config.labels}: the bundle's OCI annotations and {@code bundle}, the bundle directory
     */
    record State(int initPid, String rootfs, Map<String, String> labels) {

        State {
            requireNonNull(rootfs, "rootfs");
            labels = Map.copyOf(labels);
        }

        String bundle() {
            return labels.getOrDefault("bundle", "");
        }
    }
}
