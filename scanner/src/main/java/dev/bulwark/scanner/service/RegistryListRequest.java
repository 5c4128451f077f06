package dev.bulwark.scanner.service;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.source.SourceOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * What a registry scan asks of a registry before it pulls anything: its catalog, the first {@code limit}
 * repositories, when {@code repositories} is empty; else the first {@code limit} tags of each repository named.
 * Which of them are scanned is the controller's choice (its filters). With {@code trace}, a test of the registry's
 * settings, the answer shows each exchange, and a failure is part of it. Read with {@code Json.snakeCase()};
 * constructing one checks it (one-line {@link InvalidInputException}s, never naming the password).
 *
 * @param registry {@code http[s]://HOST[:PORT]/}
 */
public record RegistryListRequest(String registry, String username, String password, List<String> repositories,
        int limit, boolean trace) {

    static final int MAX_REPOSITORIES_NAMED = 10_000;
    static final int MOST_NAMES = 100_000;

    public RegistryListRequest {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        if (repositories.size() > MAX_REPOSITORIES_NAMED) {
            throw new InvalidInputException("repositories: at most %d at once".formatted(MAX_REPOSITORIES_NAMED));
        }
        if (repositories.stream().anyMatch(r -> r == null || r.isEmpty() || r.length() > 255)) {
            throw new InvalidInputException("repositories: each name is 1 to 255 characters");
        }
        if (limit < 1 || limit > MOST_NAMES) {
            throw new InvalidInputException("limit: 1 to %d".formatted(MOST_NAMES));
        }
        host(registry);
    }

    /** {@code HOST[:PORT]} of the registry URL. */
    String host() {
        return host(registry);
    }

    SourceOptions sourceOptions() {
        return new SourceOptions(RepositoryScanRequest.PLATFORM, registry.startsWith("http:"), username, password,
                SourceOptions.defaults().dockerConfig());
    }

    private static String host(String registry) {
        try {
            URI url = new URI(registry == null ? "" : registry);
            if (url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw new InvalidInputException("registry: an http or https URL, not \"%s\"".formatted(registry));
            }
            return url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("registry: not a URL (%s)".formatted(e.getReason()));
        }
    }

    @Override
    public String toString() {
        return "RegistryListRequest[registry=%s, username=%s, repositories=%s, limit=%d, trace=%s]".formatted(
                registry, username, repositories, limit, trace);
    }
}
