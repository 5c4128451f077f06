package dev.bulwark.scanner.service;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.RegistryReference;
import dev.bulwark.scanner.source.SourceOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * NeuVector's {@code RESTScanRepoReq}: scan {@code repository:tag} of the registry at {@code registry}, logging in
 * as {@code username} when one is given. Read with {@code Json.snakeCase()}: unknown fields ({@code ignore_proxy})
 * are ignored and missing ones read as empty. Constructing one checks it, and every failure is a one-line
 * {@link InvalidInputException} naming the field, never a password.
 *
 * <p>As NeuVector's controller: the registry is an http or https URL (plain http is allowed only when the URL says
 * so), the tag defaults to {@code latest}, and a one-part Docker Hub repository gets {@code library/}. An empty
 * registry, which NeuVector takes for an image local to the scanner's host, is refused: a worker has no local
 * images, and scanning Docker Hub's image of that name instead could pass a CI job on the wrong image.
 *
 * <p>{@code digest} is ours, not NeuVector's: Harbor's scanner adapter ({@code controller.harbor}) names an
 * artifact by its manifest digest, and an untagged artifact has nothing else. With a digest the manifest is pulled
 * by it (and checked against it), the tag is only reported and stays empty when none is given.
 *
 * @param registry {@code https://HOST[:PORT][/]}, without credentials, path, query or fragment
 * @param scanLayers report each layer with the vulnerabilities of the packages it introduced
 * @param baseImage the image the scanned one was built from, to tell inherited vulnerabilities apart: written as
 *     {@code docker pull} takes it, and on the scanned image's registry when it names no registry host
 * @param digest {@code sha256:...} or {@code sha512:...} of the manifest to scan; empty to pull the tag
 */
public record RepositoryScanRequest(Metadata metadata, String registry, String username, String password,
        String repository, String tag, boolean scanLayers, String baseImage, String digest) {

    /** {@code RESTScanMeta}: who asked (the CI system, its job); for the record, no effect on the scan. */
    public record Metadata(String source, String user, String job, String workspace, String function,
            String region) {

        public static final Metadata NONE = new Metadata("", "", "", "", "", "");

        public Metadata {
            source = checked("metadata.source", source, MAX_TEXT);
            user = checked("metadata.user", user, MAX_TEXT);
            job = checked("metadata.job", job, MAX_TEXT);
            workspace = checked("metadata.workspace", workspace, MAX_TEXT);
            function = checked("metadata.function", function, MAX_TEXT);
            region = checked("metadata.region", region, MAX_TEXT);
        }
    }

    /** The platform pulled from a multi-platform image, as NeuVector's scanner does. */
    static final String PLATFORM = "linux/amd64";
    static final String DEFAULT_TAG = "latest";

    private static final int MAX_TEXT = 1024;
    private static final int MAX_REPOSITORY = 255;
    private static final int MAX_TAG = 128;
    private static final int MAX_DIGEST = 7 + 128;
    /** Registry tokens used as passwords (cloud registries' access tokens) run to a few KiB. */
    private static final int MAX_PASSWORD = 16 * 1024;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final String DOCKER_HUB = "docker.io";
    private static final Set<String> DOCKER_HUB_HOSTS =
            Set.of(DOCKER_HUB, "index.docker.io", "registry.hub.docker.com", "registry-1.docker.io");

    public RepositoryScanRequest {
        metadata = metadata == null ? Metadata.NONE : metadata;
        registry = checked("registry", registry, MAX_TEXT);
        username = checked("username", username, MAX_TEXT);
        password = checked("password", password, MAX_PASSWORD);
        repository = checked("repository", repository, MAX_REPOSITORY);
        tag = checked("tag", tag, MAX_TAG);
        baseImage = checked("base_image", baseImage, MAX_TEXT);
        digest = checked("digest", digest, MAX_DIGEST);
        if (repository.isEmpty()) {
            throw new InvalidInputException("repository: no repository name given");
        }
        if (registry.isEmpty()) {
            throw new InvalidInputException("registry: none given; NeuVector then scans an image on the scanner's"
                    + " host, which a Bulwark scanner does not (give https://registry.hub.docker.com/ for Docker Hub)");
        }
        URI url = registryUrl(registry);
        registry = url.toString();
        tag = tag.isEmpty() && digest.isEmpty() ? DEFAULT_TAG : tag;
        if (DOCKER_HUB_HOSTS.contains(url.getHost()) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        ImageSources.registryReference(reference(url, repository, tag, digest));
        if (!baseImage.isEmpty()) {
            ImageSources.registryReference(baseImageReference(url, baseImage));
        }
    }

    /** NeuVector's {@code RESTScanRepoReq}, which names no digest: the tag is pulled. */
    public RepositoryScanRequest(Metadata metadata, String registry, String username, String password,
            String repository, String tag, boolean scanLayers, String baseImage) {
        this(metadata, registry, username, password, repository, tag, scanLayers, baseImage, "");
    }

    /**
     * The CI scan of an image given as {@code docker pull} takes it ({@code HOST[:PORT]/REPO[:TAG]}; no host is
     * Docker Hub), over https unless {@code plainHttp}. NeuVector's request names a tag: a digest is refused.
     */
    public static RepositoryScanRequest forImage(String image, String username, String password, boolean plainHttp) {
        RegistryReference ref = RegistryReference.parse(image);
        if (ref.byDigest()) {
            throw new InvalidInputException("a scan through the controller names the image by tag, not by digest ("
                    + image + ")");
        }
        String host = ref.registry().equals(RegistryReference.DOCKER_HUB) ? "registry.hub.docker.com"
                : ref.registry();
        return new RepositoryScanRequest(Metadata.NONE, (plainHttp ? "http://" : "https://") + host + "/", username,
                password, ref.repository(), ref.tag(), true, "");
    }

    /**
     * The image to pull, {@code HOST[:PORT]/REPOSITORY:TAG}, or {@code HOST[:PORT]/REPOSITORY[:TAG]@DIGEST} when a
     * digest is given; Docker Hub as {@code docker.io}.
     */
    public String imageReference() {
        return reference(URI.create(registry), repository, tag, digest);
    }

    /** How to reach the registry: plain http only for an {@code http:} URL; the request's login alone. */
    public SourceOptions sourceOptions() {
        return new SourceOptions(PLATFORM, registry.startsWith("http:"), username, password,
                SourceOptions.defaults().dockerConfig());
    }

    /** The base image to read, {@code HOST[:PORT]/REPOSITORY[:TAG]}. */
    public String baseImageReference() {
        return baseImageReference(URI.create(registry), baseImage);
    }

    /** The request's login and scheme for a base image on the same registry; anonymous https elsewhere. */
    public SourceOptions baseImageOptions() {
        String host = baseImageReference().substring(0, baseImageReference().indexOf('/'));
        return imageReference().startsWith(host + "/") ? sourceOptions()
                : new SourceOptions(PLATFORM, false, "", "", SourceOptions.defaults().dockerConfig());
    }

    private static String baseImageReference(URI registry, String baseImage) {
        String first = baseImage.substring(0, Math.max(0, baseImage.indexOf('/')));
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return baseImage;
        }
        boolean hub = DOCKER_HUB_HOSTS.contains(registry.getHost());
        return reference(registry, hub && first.isEmpty() ? "library/" + baseImage : baseImage, "", "");
    }

    @Override
    public String toString() {
        return ("RepositoryScanRequest[metadata=%s, registry=%s, username=%s, password=%s, repository=%s, tag=%s,"
                + " scanLayers=%s, baseImage=%s, digest=%s]").formatted(metadata, registry, username,
                        password.isEmpty() ? "" : "***", repository, tag, scanLayers, baseImage, digest);
    }

    private static String reference(URI url, String repository, String tag, String digest) {
        String host = DOCKER_HUB_HOSTS.contains(url.getHost()) && url.getScheme().equals("https") ? DOCKER_HUB
                : url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        return host + "/" + repository + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }

    /** The registry as NeuVector keeps it: {@code scheme://host[:port]/}, lower case. */
    private static URI registryUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("registry: not a URL (%s)".formatted(e.getReason()));
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidInputException("registry: not an http or https URL, such as https://registry.example.com/");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidInputException("registry: the URL holds credentials; give them as username and password");
        }
        if (url.getHost() == null) {
            throw new InvalidInputException("registry: the URL has no valid host name");
        }
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")) {
            throw new InvalidInputException("registry: a path in the registry URL is not supported; give the host"
                    + " only, and the path as part of the repository");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new InvalidInputException("registry: the URL has a query or a fragment");
        }
        try {
            return new URI(scheme, null, url.getHost().toLowerCase(Locale.ROOT), url.getPort(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("registry: not a URL (%s)".formatted(e.getReason()));
        }
    }

    private static String checked(String field, String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw new InvalidInputException("%s: longer than %d characters".formatted(field, max));
        }
        if (CONTROL.matcher(value).find()) {
            throw new InvalidInputException("%s: contains control characters".formatted(field));
        }
        return value;
    }
}
