package dev.bulwark.controller.admission.evaluate;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A container's image as NeuVector reads it ({@code parseReqImageName}): a scheme is dropped, the first path part is
 * a registry when it has a {@code .} or {@code :} or is {@code localhost}, Docker Hub under any of its names is
 * {@code docker.io} with official images under {@code library/}, and the tag is {@code latest} unless given. A digest
 * ({@code @sha256:...}) is kept beside the tag.
 */
record ImageRef(String registry, String repository, String tag, String digest) {

    static final String DOCKER_HUB = "docker.io";
    private static final Set<String> HUB_NAMES = Set.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com", "dockerhub");
    private static final String LIBRARY = "library/";

    static ImageRef parse(String image) {
        String name = withoutScheme(image.strip());
        String registry = DOCKER_HUB;
        int slash = name.indexOf('/');
        if (slash > 0 && isRegistry(name.substring(0, slash))) {
            registry = registry(name.substring(0, slash));
            name = name.substring(slash + 1);
        }
        String digest = "";
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        String tag = "latest";
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (registry.equals(DOCKER_HUB) && name.indexOf('/') < 0) {
            name = LIBRARY + name;
        }
        return new ImageRef(registry, name, tag, digest);
    }

    static String withoutScheme(String value) {
        int scheme = value.indexOf("://");
        return scheme >= 0 ? value.substring(scheme + 3) : value;
    }

    /** Whether the first part of an image name is a registry, as Docker decides ({@code splitDockerDomain}). */
    static boolean isRegistry(String part) {
        return part.indexOf('.') >= 0 || part.indexOf(':') >= 0 || part.equals("localhost");
    }

    /** A registry as criteria compare it: lower case, no scheme or trailing slash, Docker Hub as docker.io. */
    static String registry(String value) {
        String r = withoutScheme(value.strip()).toLowerCase(Locale.ROOT);
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return HUB_NAMES.contains(r) ? DOCKER_HUB : r;
    }

    /** The normalised reference scans are looked up by. */
    String reference() {
        return registry + "/" + repository + (digest.isEmpty() ? ":" + tag : "@" + digest);
    }

    /**
     * The names a criterion value is compared with: with or without the registry, with the tag (or digest) or not.
     * Without the registry, an official image is also named without {@code library/}.
     */
    List<String> names(boolean withRegistry, boolean withTag, boolean byDigest) {
        String suffix = !withTag ? "" : byDigest ? "@" + digest : ":" + tag;
        if (withRegistry) {
            return List.of(registry + "/" + repository + suffix);
        }
        if (registry.equals(DOCKER_HUB) && repository.startsWith(LIBRARY)) {
            return List.of(repository + suffix, repository.substring(LIBRARY.length()) + suffix);
        }
        return List.of(repository + suffix);
    }
}
