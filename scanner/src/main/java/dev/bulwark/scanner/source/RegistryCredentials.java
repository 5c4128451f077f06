package dev.bulwark.scanner.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A registry login, or {@link #ANONYMOUS}. {@link #toString()} never shows the password.
 *
 * <p>{@link #resolve} takes the first of: the user name and password in {@link SourceOptions}; the environment
 * variables {@code BULWARK_REGISTRY_USERNAME} and {@code BULWARK_REGISTRY_PASSWORD}; the {@code auths} entry for
 * the registry in the Docker {@code config.json} (its base64 {@code auth} field, or {@code username} and
 * {@code password}). Docker credential helpers ({@code credHelpers}, {@code credsStore}) and identity tokens are
 * not supported: such entries are skipped.
 */
record RegistryCredentials(String username, String password) {

    static final RegistryCredentials ANONYMOUS = new RegistryCredentials("", "");
    static final String USERNAME_VARIABLE = "BULWARK_REGISTRY_USERNAME";
    static final String PASSWORD_VARIABLE = "BULWARK_REGISTRY_PASSWORD";

    // Docker writes Hub logins under its v1 index address; any of these names means Hub.
    private static final Set<String> DOCKER_HUB_NAMES =
            Set.of(RegistryReference.DOCKER_HUB, "index.docker.io", "registry-1.docker.io");
    private static final long MAX_CONFIG_SIZE = 1 << 20;

    RegistryCredentials {
        requireNonNull(username, "username");
        requireNonNull(password, "password");
    }

    boolean anonymous() {
        return username.isEmpty() && password.isEmpty();
    }

    /** The value of an {@code Authorization: Basic} header for this login. */
    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The login to use for a registry host (as in {@link RegistryReference#registry()}).
     *
     * @throws InvalidInputException when the Docker config exists but cannot be read; the message names the file,
     *     never its contents
     */
    static RegistryCredentials resolve(String registry, SourceOptions options, Map<String, String> environment) {
        if (!options.username().isEmpty()) {
            return new RegistryCredentials(options.username(), options.password());
        }
        String user = environment.getOrDefault(USERNAME_VARIABLE, "");
        if (!user.isEmpty()) {
            return new RegistryCredentials(user, environment.getOrDefault(PASSWORD_VARIABLE, ""));
        }
        return fromDockerConfig(registry, options.dockerConfig());
    }

    private static RegistryCredentials fromDockerConfig(String registry, Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_CONFIG_SIZE) {
                throw new InvalidInputException("docker config %s is larger than %d bytes"
                        .formatted(file, MAX_CONFIG_SIZE));
            }
            root = Json.lenient().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException _) {
            return ANONYMOUS;
        } catch (IOException _) {
            // the cause is left out on purpose: a parser's message quotes the file, and the file holds passwords
            throw new InvalidInputException("docker config %s cannot be read as JSON".formatted(file));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("docker config %s is not a JSON object".formatted(file));
        }
        for (var entry : root.path("auths").properties()) {
            if (sameRegistry(entry.getKey(), registry)) {
                JsonNode auth = entry.getValue();
                if (!auth.path("auth").asText("").isEmpty()) {
                    return decode(auth.path("auth").asText(), file, entry.getKey());
                }
                if (!auth.path("username").asText("").isEmpty()) {
                    return new RegistryCredentials(auth.path("username").asText(), auth.path("password").asText(""));
                }
            }
        }
        return ANONYMOUS;
    }

    private static RegistryCredentials decode(String auth, Path file, String key) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException _) {
            throw new InvalidInputException("docker config %s: the auth field for %s is not base64"
                    .formatted(file, key));
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            throw new InvalidInputException("docker config %s: the auth field for %s is not user:password"
                    .formatted(file, key));
        }
        return new RegistryCredentials(pair.substring(0, colon), pair.substring(colon + 1));
    }

    // Keys are written as "host", "host:port" or a URL such as "https://index.docker.io/v1/".
    private static boolean sameRegistry(String key, String registry) {
        String host = key.contains("://") ? hostOf(key) : key.split("/", 2)[0];
        host = host.toLowerCase(Locale.ROOT);
        String wanted = registry.toLowerCase(Locale.ROOT);
        return host.equals(wanted) || (DOCKER_HUB_NAMES.contains(host) && DOCKER_HUB_NAMES.contains(wanted));
    }

    private static String hostOf(String url) {
        try {
            String authority = URI.create(url).getRawAuthority();
            return authority == null ? "" : authority;
        } catch (IllegalArgumentException _) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=%s, password=%s]".formatted(username, password.isEmpty() ? "" : "***");
    }
}
