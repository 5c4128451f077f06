package dev.bulwark.controller.harbor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Harbor's {@code ScanRequest}, checked, and the {@code repository} job it becomes: NeuVector's
 * {@code RESTScanRepoReq} with our {@code digest}, which the scanner pulls the manifest by. A field that is there but
 * wrong is a 422 naming the field (the spec's "invalid field"), in one line that never quotes a credential; a missing
 * {@code registry} or {@code artifact} too. The scanner checks the request again when it reads it.
 *
 * <p>The registry login comes from {@code registry.authorization}, the header value Harbor wants sent to its
 * registry. {@code Basic} is decoded into the user name and password of {@code RESTScanRepoReq}: Harbor sends its
 * scan robot account's credentials so, and the scanner logs in with them, exchanging them for a registry token when
 * the registry asks for one. {@code Bearer} is refused with a 422: the job carries a login, not a token, and the
 * scanner sends a password only as Basic or to a token realm. Harbor sends Bearer only to scanners whose metadata
 * asks for it ({@code harbor.scanner-adapter/registry-authorization-type}), and ours asks for Basic. No
 * authorization means an anonymous pull.
 *
 * @param registryUrl the registry's base URL, {@code http(s)://HOST[:PORT]}
 * @param login the registry login; empty user and password for an anonymous pull
 * @param artifact the artifact as Harbor named it; the report repeats it
 */
record HarborScanRequest(String registryUrl, Login login, Artifact artifact) {

    /** What Harbor sends: {@code ScanRequest}. */
    record Body(Registry registry, Artifact artifact) {}

    /** {@code Registry}: the registry's base URL and the {@code Authorization} value to pull with. */
    record Registry(String url, String authorization) {}

    /** {@code Artifact}: also the report's {@code artifact}, as Harbor sent it. */
    record Artifact(String repository, String digest, String tag, String mimeType) {}

    /** A registry login; {@link #toString()} never shows the password. */
    record Login(String username, String password) {

        static final Login ANONYMOUS = new Login("", "");

        Login {
            requireNonNull(username, "username");
            requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Login[username=%s, password=%s]".formatted(username, password.isEmpty() ? "" : "***");
        }
    }

    /** {@code application/vnd.oci.image.manifest.v1+json}. */
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** {@code application/vnd.docker.distribution.manifest.v2+json}. */
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** The artifact types the scanner consumes: an image manifest. */
    static final List<String> CONSUMES = List.of(OCI_MANIFEST, DOCKER_MANIFEST);

    // The scanner's own limits (RepositoryScanRequest), so that what passes here passes there.
    private static final int MAX_URL = 1024;
    private static final int MAX_USERNAME = 1024;
    private static final int MAX_PASSWORD = 16 * 1024;
    private static final int MAX_AUTHORIZATION = 6 + (MAX_USERNAME + 1 + MAX_PASSWORD) * 4 / 3 + 4;
    private static final int MAX_REPOSITORY = 255;
    // The grammars of github.com/distribution/reference, as the scanner's RegistryReference restates them.
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");

    HarborScanRequest {
        requireNonNull(registryUrl, "registryUrl");
        requireNonNull(login, "login");
        requireNonNull(artifact, "artifact");
    }

    /**
     * Checks what Harbor sent.
     *
     * @throws ApiException 422 naming the field that is missing or wrong
     */
    static HarborScanRequest of(Body body) {
        if (body.registry() == null) {
            throw invalid("registry: required, with the url of the registry to pull from");
        }
        if (body.artifact() == null) {
            throw invalid("artifact: required, with the repository and digest to scan");
        }
        String url = registryUrl(body.registry().url());
        Login login = login(body.registry().authorization());
        Artifact a = body.artifact();
        String repository = orEmpty(a.repository());
        if (repository.isEmpty()) {
            throw invalid("artifact.repository: required");
        }
        if (repository.length() > MAX_REPOSITORY || !REPOSITORY.matcher(repository).matches()) {
            throw invalid("artifact.repository: not a repository name (lower-case path components such as"
                    + " library/alpine, at most %d characters)".formatted(MAX_REPOSITORY));
        }
        String digest = orEmpty(a.digest());
        if (digest.isEmpty()) {
            throw invalid("artifact.digest: required; the scanner pulls the artifact by its manifest digest");
        }
        if (!DIGEST.matcher(digest).matches()) {
            throw invalid("artifact.digest: not a sha256:<64 hex> or sha512:<128 hex> digest");
        }
        String tag = orEmpty(a.tag());
        if (!tag.isEmpty() && !TAG.matcher(tag).matches()) {
            throw invalid("artifact.tag: not a tag (letters, digits, '_', '.' and '-', at most 128 characters)");
        }
        String mimeType = orEmpty(a.mimeType());
        if (!mimeType.isEmpty() && !CONSUMES.contains(mimeType)) {
            throw invalid("artifact.mime_type: not a type this scanner consumes (%s)"
                    .formatted(String.join(", ", CONSUMES)));
        }
        return new HarborScanRequest(url, login, new Artifact(repository, digest, tag, mimeType));
    }

    /**
     * The {@code repository} job: NeuVector's {@code RESTScanRepoReq} JSON plus {@code digest}, with the scan's id
     * as the job in its metadata.
     */
    byte[] repositoryRequest(String scanId) {
        ObjectNode r = Bodies.JSON.createObjectNode();
        r.putObject("metadata").put("source", "harbor").put("job", scanId);
        r.put("registry", registryUrl);
        r.put("username", login.username());
        r.put("password", login.password());
        r.put("repository", artifact.repository());
        r.put("tag", artifact.tag());
        r.put("digest", artifact.digest());
        r.put("scan_layers", false);
        return Bodies.write(r);
    }

    private static String registryUrl(String text) {
        String url = orEmpty(text);
        if (url.isEmpty()) {
            throw invalid("registry.url: required, such as https://harbor.example.com");
        }
        if (url.length() > MAX_URL || hasControl(url)) {
            throw invalid("registry.url: not a URL, such as https://harbor.example.com");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("registry.url: not a URL (%s)".formatted(e.getReason()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid("registry.url: not an http or https URL with a host, such as https://harbor.example.com");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("registry.url: holds credentials; give them in registry.authorization");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("registry.url: has a path, query or fragment; give the registry's base URL only");
        }
        return url;
    }

    private static Login login(String authorization) {
        String value = orEmpty(authorization).strip();
        if (value.isEmpty()) {
            return Login.ANONYMOUS;
        }
        if (value.length() > MAX_AUTHORIZATION || hasControl(value)) {
            throw invalid("registry.authorization: not a Basic authorization this scanner can use");
        }
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (scheme.equalsIgnoreCase("Bearer")) {
            throw invalid("registry.authorization: Bearer tokens are not supported; the scanner logs in to the"
                    + " registry with a user name and password, so give Basic credentials (Harbor sends its robot"
                    + " account's as Basic to a scanner whose metadata asks for Basic, as this one's does)");
        }
        if (!scheme.equalsIgnoreCase("Basic") || space < 0) {
            throw invalid("registry.authorization: only Basic credentials are supported");
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(value.substring(space + 1).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException _) {
            throw invalid("registry.authorization: the Basic credentials are not base64");
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            throw invalid("registry.authorization: the Basic credentials are not NAME:PASSWORD");
        }
        String username = pair.substring(0, colon);
        String password = pair.substring(colon + 1);
        if (hasControl(pair) || username.length() > MAX_USERNAME || password.length() > MAX_PASSWORD) {
            throw invalid("registry.authorization: the Basic credentials hold control characters or are too long");
        }
        return new Login(username, password);
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static ApiException invalid(String message) {
        return new ApiException(422, ApiError.INVALID_REQUEST, message);
    }
}
