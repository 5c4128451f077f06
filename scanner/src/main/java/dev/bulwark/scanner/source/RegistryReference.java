package dev.bulwark.scanner.source;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image in a registry, {@code HOST[:PORT]/REPO[:TAG][@DIGEST]}, normalised the way {@code docker pull} reads
 * it: no host means Docker Hub, a one-part Docker Hub name gets the {@code library/} prefix, no tag and no digest
 * means {@code latest}.
 *
 * @param registry host and optional port as written, {@code docker.io} for Docker Hub
 * @param repository path in the registry, such as {@code library/alpine}
 * @param tag tag, empty when only a digest was given
 * @param digest {@code sha256:...}, empty when pulling by tag; it wins over the tag when both are given
 */
public record RegistryReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";

    // The grammar of github.com/distribution/reference, restated.
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:.]+])(?::([0-9]{1,5}))?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int MAX_NAME = 255;

    public RegistryReference {
        requireNonNull(registry, "registry");
        requireNonNull(repository, "repository");
        requireNonNull(tag, "tag");
        requireNonNull(digest, "digest");
        if (tag.isEmpty() && digest.isEmpty()) {
            throw new IllegalArgumentException("a reference needs a tag or a digest");
        }
    }

    public static RegistryReference parse(String text) {
        if (text.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        String rest = text;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            try {
                Digest.parse(digest);
            } catch (InvalidInputException e) {
                throw invalid(text, e.getMessage());
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "malformed tag '%s'".formatted(tag));
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0 && isHost(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
            var host = HOST.matcher(registry);
            if (!host.matches()) {
                throw invalid(text, "malformed registry host '%s'".formatted(registry));
            }
            if (host.group(1) != null && (Integer.parseInt(host.group(1)) == 0
                    || Integer.parseInt(host.group(1)) > 65535)) {
                throw invalid(text, "port out of range in '%s'".formatted(registry));
            }
            if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
                registry = DOCKER_HUB;
            }
        }
        if (rest.isEmpty()) {
            throw invalid(text, "no repository name");
        }
        if (!rest.equals(rest.toLowerCase(Locale.ROOT))) {
            throw invalid(text, "repository names must be lowercase");
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw invalid(text, "malformed repository name '%s'".formatted(rest));
            }
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (registry.length() + 1 + rest.length() > MAX_NAME) {
            throw invalid(text, "name longer than %d characters".formatted(MAX_NAME));
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = "latest";
        }
        return new RegistryReference(registry, rest, tag, digest);
    }

    /** The host and port to send API requests to; Docker Hub serves its API from another name than its own. */
    String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** The tag or digest that names the manifest; the digest when there is one. */
    String manifestReference() {
        return digest.isEmpty() ? tag : digest;
    }

    public boolean byDigest() {
        return !digest.isEmpty();
    }

    /** The normalised reference: {@code docker.io/library/alpine:latest}. */
    @Override
    public String toString() {
        return registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }

    // As docker decides: the first part is a host only if it looks like one, so "library/alpine" stays a path.
    private static boolean isHost(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    private static InvalidInputException invalid(String text, String why) {
        String shown = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        return new InvalidInputException("invalid image reference \"%s\": %s"
                .formatted(shown.replaceAll("\\p{Cntrl}", "?"), why.replaceAll("\\p{Cntrl}", "?")));
    }
}
