package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The run settings and history an image carries in its config, as reports show them: environment values that
 * hold secrets are redacted.
 *
 * @param env {@code NAME=value} entries
 * @param history the commands that built the image, one per history line
 */
public record ImageSettings(String user, List<String> env, Map<String, String> labels, List<String> exposedPorts,
        List<String> entrypoint, List<String> cmd, boolean healthcheck, List<String> history) {

    public ImageSettings {
        requireNonNull(user, "user");
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        history = List.copyOf(history);
    }

    public static ImageSettings none() {
        return new ImageSettings("", List.of(), Map.of(), List.of(), List.of(), List.of(), false, List.of());
    }
}
