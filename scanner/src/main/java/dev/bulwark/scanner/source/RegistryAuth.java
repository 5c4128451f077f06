package dev.bulwark.scanner.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers a registry's 401 challenges for one repository and keeps the {@code Authorization} value to send
 * next. A Bearer challenge is answered with a token fetched from its realm (the distribution token protocol:
 * {@code GET realm?service=...&scope=...}, sending the login with Basic when there is one and nothing otherwise);
 * a Basic challenge with the login itself. A token is kept until the registry challenges it, then fetched again.
 *
 * <p>Thread-safe. Passwords and tokens never appear in exception messages.
 */
final class RegistryAuth {

    private static final int MAX_TOKEN_ANSWER = 1 << 20;
    // JWTs and opaque tokens alike are token68 (RFC 7235); anything else could smuggle text into a header.
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private final RegistryTransport transport;
    private final RegistryCredentials credentials;
    private final String defaultScope;
    private final boolean insecure;
    private String authorization = "";

    /**
     * @param defaultScope the scope to ask for when a challenge names none, {@code repository:NAME:pull}
     * @param insecure whether a token realm may be plain http (the login would cross the network in clear)
     */
    RegistryAuth(RegistryTransport transport, RegistryCredentials credentials, String defaultScope,
            boolean insecure) {
        this.transport = transport;
        this.credentials = credentials;
        this.defaultScope = defaultScope;
        this.insecure = insecure;
    }

    /** The value for the {@code Authorization} header of the next request to the registry, if any. */
    synchronized Optional<String> authorization() {
        return authorization.isEmpty() ? Optional.empty() : Optional.of(authorization);
    }

    /**
     * Takes the challenges of a 401 answer to a request that carried {@code sent} (empty for none) and prepares
     * the value to retry with.
     *
     * @throws InvalidInputException when no retry can succeed: no login for Basic, the token server refused, or
     *     the answer would be what was already refused
     */
    synchronized void answer(List<AuthChallenge> challenges, String sent) {
        Optional<AuthChallenge> bearer = challenges.stream().filter(c -> c.scheme().equals("bearer")).findFirst();
        Optional<AuthChallenge> basic = challenges.stream().filter(c -> c.scheme().equals("basic")).findFirst();
        String next;
        if (bearer.isPresent()) {
            next = "Bearer " + fetchToken(bearer.get());
        } else if (basic.isPresent() && !credentials.anonymous()) {
            next = credentials.basicAuthorization();
        } else {
            throw unauthorized();
        }
        if (next.equals(sent)) {
            throw unauthorized();
        }
        authorization = next;
    }

    InvalidInputException unauthorized() {
        return transport.failure("registry answered 401 (check --username)");
    }

    private String fetchToken(AuthChallenge challenge) {
        URI realm = realm(challenge);
        StringBuilder query = new StringBuilder();
        challenge.param("service").ifPresent(s -> query.append("service=").append(encode(s)).append('&'));
        query.append("scope=").append(encode(challenge.param("scope").orElse(defaultScope)));
        String separator = realm.getRawQuery() == null ? "?" : "&";
        URI uri = URI.create(realm + separator + query);
        HttpRequest.Builder request = transport.request(uri).header("Accept", "application/json");
        if (!credentials.anonymous()) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        HttpResponse<byte[]> response;
        try {
            response = transport.sendForToken(request.build(), BoundedBody.handler(MAX_TOKEN_ANSWER));
        } catch (IOException e) {
            throw transport.failure(e, uri);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw transport.failure("token server answered %d (check --username)".formatted(status));
        }
        if (status != 200) {
            throw transport.failure("token server answered %d".formatted(status));
        }
        if (response.body().length > MAX_TOKEN_ANSWER) {
            throw transport.failure("token server answered more than %d bytes".formatted(MAX_TOKEN_ANSWER));
        }
        return token(response.body());
    }

    private URI realm(AuthChallenge challenge) {
        String text = challenge.param("realm")
                .orElseThrow(() -> transport.failure("registry asked for a token but named no realm"));
        URI realm;
        try {
            realm = new URI(text);
        } catch (URISyntaxException _) {
            throw transport.failure("registry named a malformed token realm");
        }
        String scheme = String.valueOf(realm.getScheme());
        if (realm.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw transport.failure("registry named a token realm that is not an http(s) address");
        }
        if (scheme.equals("http") && !insecure) {
            throw transport.failure("token realm http://%s is plain http (use --insecure to allow it)"
                    .formatted(realm.getRawAuthority()));
        }
        return realm;
    }

    private String token(byte[] answer) {
        JsonNode root;
        try {
            root = Json.lenient().readTree(answer);
        } catch (IOException _) {
            throw transport.failure("token server answered something other than JSON");
        }
        String token = root == null ? "" : root.path("token").asText("");
        if (token.isEmpty() && root != null) {
            token = root.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw transport.failure("token server answered no token");
        }
        if (!TOKEN68.matcher(token).matches()) {
            throw transport.failure("token server answered a token with characters a header cannot carry");
        }
        return token;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
