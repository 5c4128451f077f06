package dev.bulwark.scanner.source;

import dev.bulwark.core.error.InvalidInputException;
import java.util.List;

/**
 * What a registry holds, through its HTTP API v2: the repositories of its catalog ({@code /v2/_catalog}, with the
 * {@code registry:catalog:*} scope) and the tags of a repository ({@code /v2/REPO/tags/list}), each paged as the
 * registry pages them and cut at a limit. For registry scans, which then pull the images one by one.
 */
public final class RegistryCatalog {

    private final String host;
    private final SourceOptions options;
    private final RegistryTrace trace;

    /**
     * @param host {@code HOST[:PORT]} of the registry
     * @param options the login, and whether plain http is allowed
     * @param trace told of each exchange with the registry
     */
    public RegistryCatalog(String host, SourceOptions options, RegistryTrace trace) {
        this.host = host;
        this.options = options;
        this.trace = trace;
    }

    /**
     * The first {@code max} repositories of the catalog, in the registry's order.
     *
     * @throws InvalidInputException when the registry cannot be reached, refuses the login or has no catalog
     */
    public List<String> repositories(int max) {
        try (RegistryClient client = RegistryClient.connect(reference("catalog"), credentials(), options.insecure(),
                RegistryTransport.DEFAULT_TIMEOUT, "registry:catalog:*", trace)) {
            return client.names("/v2/_catalog", "repositories", max);
        }
    }

    /** A tag, and the digest of the manifest (or index) it names now, {@code sha256:...}. */
    public record Tag(String name, String digest) {}

    /** The first {@code max} tags of a repository, in the registry's order, with their digests; one login. */
    public List<Tag> tags(String repository, int max) {
        RegistryReference ref = reference(repository);
        try (RegistryClient client = RegistryClient.connect(ref, credentials(), options.insecure(),
                RegistryTransport.DEFAULT_TIMEOUT, "repository:%s:pull".formatted(ref.repository()), trace)) {
            return client.names("/v2/" + ref.repository() + "/tags/list", "tags", max).stream()
                    .map(tag -> new Tag(tag, client.manifest(tag).digest().toString())).toList();
        }
    }

    private RegistryReference reference(String repository) {
        return RegistryReference.parse(host + "/" + repository + ":latest");
    }

    private RegistryCredentials credentials() {
        return new RegistryCredentials(options.username(), options.password());
    }
}
