package dev.bulwark.controller.admission;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * An image reference as a pod names it, normalised as Docker does: no registry is Docker Hub ({@code docker.io}),
 * whose one-part names are under {@code library/}; no tag is {@code latest}; a digest ({@code @sha256:...}) stands
 * for the tag.
 *
 * @param registry the registry's host (and port), {@code docker.io} for Docker Hub under any of its names
 * @param tag the tag, or the digest when the reference has one
 */
record ImageRef(String registry, String repository, String tag) {

    static final String DOCKER_HUB = "docker.io";
    private static final Set<String> DOCKER_HUB_HOSTS = Set.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com", "hub.docker.com");

    static ImageRef parse(String image) {
        String name = image.strip();
        String tag = "latest";
        int at = name.indexOf('@');
        if (at >= 0) {
            tag = name.substring(at + 1);
            name = name.substring(0, at);
        } else {
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                tag = name.substring(colon + 1);
                name = name.substring(0, colon);
            }
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        String registry = host ? host(first) : DOCKER_HUB;
        String repository = host ? name.substring(slash + 1) : name;
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        return new ImageRef(registry, repository, tag);
    }

    /** A registry's host as references name it, from its URL ({@code https://registry-1.docker.io/}). */
    static String hostOf(String url) {
        try {
            URI u = URI.create(url.strip());
            String authority = u.getAuthority() == null ? url.strip() : u.getAuthority();
            return host(authority.substring(authority.indexOf('@') + 1));
        } catch (IllegalArgumentException e) {
            return host(url.strip());
        }
    }

    private static String host(String hostAndPort) {
        String h = hostAndPort.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_HOSTS.contains(h) ? DOCKER_HUB : h;
    }

    /** The URL a scanner pulls from: Docker Hub's API host; plain HTTP for the loopback, as Docker allows there. */
    String pullUrl() {
        if (registry.equals(DOCKER_HUB)) {
            return "https://registry-1.docker.io/";
        }
        String h = registry.replaceFirst(":\\d+$", "");
        boolean loopback = h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
        return (loopback ? "http://" : "https://") + registry + "/";
    }

    /** The name the vulnerability profile matches: {@code repository:tag}. */
    String profileName() {
        return repository + ":" + tag;
    }

    String key() {
        return registry + "/" + repository + ":" + tag;
    }
}
