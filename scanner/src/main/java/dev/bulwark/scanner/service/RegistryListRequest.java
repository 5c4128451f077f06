package dev.bulwark.scanner.service;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.source.SourceOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Which images of a registry a registry scan takes: the repositories and tags that one of the filters matches,
 * at most {@code repoLimit} repositories and {@code tagLimit} tags of each. Read with {@code Json.snakeCase()};
 * constructing one checks it (one-line {@link InvalidInputException}s, never naming the password).
 *
 * @param registry {@code http[s]://HOST[:PORT]/}
 * @param filters at least one
 */
public record RegistryListRequest(String registry, String username, String password, List<Filter> filters,
        int repoLimit, int tagLimit) {

    /** One filter: repositories and their tags, as globs ({@code *} for any run of characters). */
    public record Filter(Glob repository, Glob tag) {
        public Filter {
            if (repository == null || tag == null || repository.pattern() == null || tag.pattern() == null
                    || repository.pattern().isEmpty() || tag.pattern().isEmpty()) {
                throw new InvalidInputException("filters: each names a repository and a tag pattern");
            }
            if (repository.pattern().length() > 255 || tag.pattern().length() > 128) {
                throw new InvalidInputException("filters: a repository pattern is at most 255 characters, a tag"
                        + " pattern 128");
            }
        }
    }

    static final int MAX_FILTERS = 256;
    static final int MOST_REPOSITORIES = 100_000;
    static final int MOST_TAGS = 10_000;

    public RegistryListRequest {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        filters = filters == null ? List.of() : List.copyOf(filters);
        if (filters.isEmpty() || filters.size() > MAX_FILTERS) {
            throw new InvalidInputException("filters: 1 to %d filters".formatted(MAX_FILTERS));
        }
        if (repoLimit < 1 || repoLimit > MOST_REPOSITORIES || tagLimit < 1 || tagLimit > MOST_TAGS) {
            throw new InvalidInputException("repo_limit is 1 to %d, tag_limit 1 to %d".formatted(MOST_REPOSITORIES,
                    MOST_TAGS));
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
        return "RegistryListRequest[registry=%s, username=%s, filters=%s, repoLimit=%d, tagLimit=%d]"
                .formatted(registry, username, filters, repoLimit, tagLimit);
    }
}
