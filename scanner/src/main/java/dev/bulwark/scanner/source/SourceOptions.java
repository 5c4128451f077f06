package dev.bulwark.scanner.source;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How to reach and pick an image.
 *
 * @param platform {@code os/arch[/variant]} to select from a multi-platform index
 * @param insecure allow plain http to a registry
 * @param username registry user, empty to fall back to the environment or the Docker config
 * @param password registry password, empty likewise
 * @param dockerConfig path of a Docker {@code config.json} to read credentials from
 */
public record SourceOptions(String platform, boolean insecure, String username, String password, Path dockerConfig) {

    public SourceOptions {
        requireNonNull(platform, "platform");
        requireNonNull(username, "username");
        requireNonNull(password, "password");
        requireNonNull(dockerConfig, "dockerConfig");
    }

    public static SourceOptions defaults() {
        return new SourceOptions("linux/amd64", false, "", "",
                Path.of(System.getProperty("user.home"), ".docker", "config.json"));
    }

    @Override
    public String toString() {
        return "SourceOptions[platform=%s, insecure=%s, username=%s, password=%s]"
                .formatted(platform, insecure, username, password.isEmpty() ? "" : "***");
    }
}
