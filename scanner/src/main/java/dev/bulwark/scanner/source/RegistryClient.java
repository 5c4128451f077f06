package dev.bulwark.scanner.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry HTTP API v2 for one repository: the {@code /v2/} ping that settles the scheme and the auth,
 * manifests and blobs. Answers auth challenges through {@link RegistryAuth}, follows redirects itself so that the
 * {@code Authorization} header only ever goes to the registry (registries redirect blobs to storage hosts), and
 * turns every failure into one {@link InvalidInputException} line that names the image. Documents are read into
 * memory under a size cap and checked against their digest; layers are streamed. Thread-safe once connected.
 */
final class RegistryClient implements AutoCloseable {

    static final String MANIFEST_TYPES = String.join(", ",
            Manifest.OCI_MANIFEST, Manifest.OCI_INDEX, Manifest.DOCKER_MANIFEST, Manifest.DOCKER_LIST);
    private static final int MAX_REDIRECTS = 5;
    /** A registry that throttles is waited for this often, each time as long as it asks up to the longest wait. */
    private static final int MAX_THROTTLED = 3;
    private static final Duration LONGEST_THROTTLE_WAIT = Duration.ofSeconds(10);
    private static final int MAX_ERROR_BODY = 64 << 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z_]{1,40}");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]{1,2048})>\\s*;\\s*rel=\"?next\"?");
    /** Names asked for per page of a list. */
    private static final int PAGE = 1000;
    private static final int MAX_LIST_PAGE = 8 << 20;

    private final RegistryReference reference;
    private final RegistryTransport transport;
    private final RegistryAuth auth;
    private final boolean insecure;
    private final URI origin;

    /** A manifest as received, with the digest of its bytes. */
    record Document(byte[] body, Digest digest) {}

    private RegistryClient(RegistryReference reference, RegistryTransport transport, RegistryAuth auth,
            boolean insecure, URI origin) {
        this.reference = reference;
        this.transport = transport;
        this.auth = auth;
        this.insecure = insecure;
        this.origin = origin;
    }

    /**
     * Pings the registry, over plain http when {@code insecure} and https otherwise, and answers its first auth
     * challenge.
     */
    static RegistryClient connect(RegistryReference reference, RegistryCredentials credentials, boolean insecure,
            Duration timeout) {
        return connect(reference, credentials, insecure, timeout, "repository:%s:pull".formatted(
                reference.repository()), RegistryTrace.NONE);
    }

    /** {@link #connect}, asking for {@code scope} when the registry's challenge names none, each exchange traced. */
    static RegistryClient connect(RegistryReference reference, RegistryCredentials credentials, boolean insecure,
            Duration timeout, String scope, RegistryTrace trace) {
        RegistryTransport transport = new RegistryTransport(reference.toString(), timeout, trace);
        try {
            RegistryAuth auth = new RegistryAuth(transport, credentials, scope, insecure);
            URI origin = URI.create((insecure ? "http://" : "https://") + reference.apiHost());
            ping(transport, auth, origin);
            return new RegistryClient(reference, transport, auth, insecure, origin);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    private static void ping(RegistryTransport transport, RegistryAuth auth, URI origin) {
        URI uri = URI.create(origin + "/v2/");
        HttpResponse<byte[]> response;
        try {
            response = transport.send(transport.request(uri).build(), BoundedBody.handler(MAX_ERROR_BODY));
        } catch (IOException e) {
            throw transport.failure(e, uri);
        }
        if (response.statusCode() == 400 && origin.getScheme().equals("http")) {
            // what an https-only server says to plain http
            throw transport.failure("registry answered 400 to plain http (if it serves https, drop --insecure)");
        }
        switch (response.statusCode()) {
            case 200 -> { }
            case 401 -> auth.answer(AuthChallenge.parse(response.headers().allValues("WWW-Authenticate")), "");
            case 404 -> throw transport.failure("%s does not serve the registry API v2 (GET /v2/ answered 404)"
                    .formatted(origin.getRawAuthority()));
            default -> throw failure(transport, response.statusCode(), response.body(), "the registry API");
        }
    }

    /**
     * The manifest or index named by a tag or digest. Checked against the requested digest, else against the
     * registry's {@code Docker-Content-Digest} header when it sends one.
     */
    Document manifest(String tagOrDigest) {
        HttpResponse<byte[]> response = get("manifests/" + tagOrDigest, MANIFEST_TYPES,
                info -> BoundedBody.handler(info.statusCode() == 200 ? Manifest.MAX_SIZE : MAX_ERROR_BODY)
                        .apply(info));
        if (response.statusCode() != 200) {
            throw failure(transport, response.statusCode(), response.body(), "image or tag");
        }
        byte[] body = response.body();
        if (body.length > Manifest.MAX_SIZE) {
            throw transport.failure("manifest is larger than %d bytes".formatted(Manifest.MAX_SIZE));
        }
        Optional<Digest> expected;
        if (tagOrDigest.contains(":")) {
            expected = Optional.of(Digest.parse(tagOrDigest));
        } else {
            expected = response.headers().firstValue("Docker-Content-Digest").map(this::headerDigest);
        }
        Digest actual = expected.map(e -> digestOf(e, body)).orElseGet(() -> Digest.sha256(body));
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw transport.failure("manifest digest mismatch: expected %s, received content has %s"
                    .formatted(expected.get(), actual));
        }
        return new Document(body, actual);
    }

    /** A small blob (the image config), checked against its descriptor's digest and size. */
    byte[] blob(Manifest.Descriptor descriptor, int limit) {
        HttpResponse<byte[]> response = get("blobs/" + descriptor.digest(), "*/*",
                info -> BoundedBody.handler(info.statusCode() == 200 ? limit : MAX_ERROR_BODY).apply(info));
        if (response.statusCode() != 200) {
            throw failure(transport, response.statusCode(), response.body(), "blob " + descriptor.digest());
        }
        byte[] body = response.body();
        if (body.length > limit) {
            throw transport.failure("blob %s is larger than %d bytes".formatted(descriptor.digest(), limit));
        }
        Digest expected = Digest.parse(descriptor.digest());
        Digest actual = digestOf(expected, body);
        if (!actual.equals(expected) || (descriptor.size() >= 0 && descriptor.size() != body.length)) {
            throw transport.failure("blob %s arrived as %d bytes with digest %s (manifest says %d bytes)"
                    .formatted(expected, body.length, actual, descriptor.size()));
        }
        return body;
    }

    /** The stored bytes of a blob as a stream; the caller closes it. */
    InputStream openBlob(String digest) {
        HttpResponse<InputStream> response = get("blobs/" + digest, "*/*", info -> info.statusCode() == 200
                ? BodySubscribers.ofInputStream()
                : BodySubscribers.mapping(BoundedBody.handler(MAX_ERROR_BODY).apply(info),
                        bytes -> (InputStream) new ByteArrayInputStream(bytes)));
        if (response.statusCode() != 200) {
            byte[] body = response.body() instanceof ByteArrayInputStream error ? error.readAllBytes() : new byte[0];
            throw failure(transport, response.statusCode(), body, "blob " + digest);
        }
        return response.body();
    }

    /**
     * One list of names the registry pages through ({@code /v2/_catalog}, {@code /v2/REPO/tags/list}): the names
     * in {@code field} of each page, following its {@code Link: <...>; rel="next"}, until {@code max} names or
     * the last page.
     */
    List<String> names(String apiPath, String field, int max) {
        List<String> names = new ArrayList<>();
        String next = apiPath + (apiPath.contains("?") ? "&" : "?") + "n=" + Math.min(max, PAGE);
        while (next != null && names.size() < max) {
            HttpResponse<byte[]> response = send(URI.create(origin + next), "application/json",
                    BoundedBody.handler(MAX_LIST_PAGE));
            if (response.statusCode() != 200) {
                throw failure(transport, response.statusCode(), response.body(), apiPath.contains("_catalog")
                        ? "the catalog" : "repository");
            }
            try {
                for (JsonNode name : Json.lenient().readTree(response.body()).path(field)) {
                    if (names.size() < max && name.isTextual()) {
                        names.add(name.asText());
                    }
                }
            } catch (IOException e) {
                throw transport.failure("registry answered a %s list that is not JSON".formatted(field));
            }
            next = response.headers().firstValue("Link").flatMap(RegistryClient::nextPage).orElse(null);
        }
        return names;
    }

    /** The path of {@code <PATH>; rel="next"}, when it stays on this registry's API. */
    private static Optional<String> nextPage(String link) {
        Matcher m = NEXT_LINK.matcher(link);
        return m.find() && m.group(1).startsWith("/v2/") ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * GET on the repository's API, answering one auth challenge and following redirects. The answer may still be
     * any status; callers check it.
     */
    private <T> HttpResponse<T> get(String path, String accept, HttpResponse.BodyHandler<T> handler) {
        return send(URI.create(origin + "/v2/" + reference.repository() + "/" + path), accept, handler);
    }

    private <T> HttpResponse<T> send(URI start, String accept, HttpResponse.BodyHandler<T> handler) {
        URI uri = start;
        // named in messages as the repository's API names it (manifests/1), else in full (/v2/_catalog)
        String prefix = "/v2/" + reference.repository() + "/";
        String path = start.getPath().startsWith(prefix) ? start.getPath().substring(prefix.length())
                : start.getPath();
        boolean challenged = false;
        int redirects = 0;
        int throttled = 0;
        while (true) {
            boolean toRegistry = sameOrigin(uri, origin);
            String sent = toRegistry ? auth.authorization().orElse("") : "";
            HttpRequest.Builder request = transport.request(uri).header("Accept", accept);
            if (!sent.isEmpty()) {
                request.header("Authorization", sent);
            }
            HttpResponse<T> response;
            try {
                response = transport.send(request.build(), handler);
            } catch (IOException e) {
                throw transport.failure(e, uri);
            }
            int status = response.statusCode();
            if (status == 401 && toRegistry && !challenged) {
                auth.answer(AuthChallenge.parse(response.headers().allValues("WWW-Authenticate")), sent);
                challenged = true;
            } else if (status == 401 && toRegistry) {
                throw auth.unauthorized();
            } else if (REDIRECTS.contains(status)) {
                if (++redirects > MAX_REDIRECTS) {
                    throw transport.failure("more than %d redirects for %s".formatted(MAX_REDIRECTS, path));
                }
                uri = redirectTarget(uri, response);
            } else if (status == 429) {
                discard(response);
                Optional<Duration> wait = RetryAfter.parse(response.headers().firstValue("Retry-After"),
                        Instant.now());
                if (++throttled > MAX_THROTTLED || wait.isEmpty() || wait.get().compareTo(LONGEST_THROTTLE_WAIT) > 0) {
                    throw transport.failure("registry answered 429: too many requests (try again %s)".formatted(
                            wait.map(w -> "in %ds".formatted(w.toSeconds())).orElse("later")));
                }
                pause(wait.get(), uri);
            } else {
                return response;
            }
        }
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream unread) {
            try {
                unread.close();
            } catch (IOException _) {
                // the connection is dropped instead of reused
            }
        }
    }

    private void pause(Duration wait, URI uri) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transport.failure(new InterruptedIOException("interrupted while throttled"), uri);
        }
    }

    private URI redirectTarget(URI from, HttpResponse<?> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> transport.failure("registry answered %d without a Location"
                        .formatted(response.statusCode())));
        URI target;
        try {
            target = from.resolve(location);
        } catch (IllegalArgumentException _) {
            throw transport.failure("registry redirected to a malformed address");
        }
        String scheme = String.valueOf(target.getScheme()).toLowerCase(Locale.ROOT);
        if (target.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw transport.failure("registry redirected to an address that is not http(s)");
        }
        if (scheme.equals("http") && !insecure) {
            throw transport.failure("registry redirected to plain http://%s (use --insecure to allow it)"
                    .formatted(target.getRawAuthority()));
        }
        return target;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private Digest headerDigest(String header) {
        try {
            return Digest.parse(header.trim());
        } catch (InvalidInputException _) {
            throw transport.failure("registry sent a malformed Docker-Content-Digest header");
        }
    }

    private static Digest digestOf(Digest like, byte[] data) {
        return new Digest(like.algorithm(), HexFormat.of().formatHex(like.newMessageDigest().digest(data)));
    }

    /** The line for a status other than 200; {@code what} is what was asked for, for a 404. */
    private static InvalidInputException failure(RegistryTransport transport, int status, byte[] body,
            String what) {
        String code = errorCode(body).map(c -> " (" + c + ")").orElse("");
        return transport.failure(switch (status) {
            case 401 -> "registry answered 401 (check --username)";
            case 403 -> "registry answered 403: access denied (check --username)" + code;
            case 404 -> "registry answered 404: %s not found%s".formatted(what, code);
            case 429 -> "registry answered 429: too many requests (try again later)";
            default -> status >= 500
                    ? "registry answered %d: server error (try again later)".formatted(status)
                    : "registry answered %d%s".formatted(status, code);
        });
    }

    // The registry's own error code, {"errors":[{"code":"MANIFEST_UNKNOWN",...}]}, when it is a plain word.
    private static Optional<String> errorCode(byte[] body) {
        try {
            JsonNode root = Json.lenient().readTree(body);
            String code = root == null ? "" : root.path("errors").path(0).path("code").asText("");
            return ERROR_CODE.matcher(code).matches() ? Optional.of(code) : Optional.empty();
        } catch (IOException _) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
