package dev.bulwark.controller.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.registry.RegistryConfig.AwsKey;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Amazon ECR's registry login: {@code GetAuthorizationToken} signed with the registry's AWS key gives a password
 * for the user {@code AWS}, valid for 12 hours. Each key's login is kept until ten minutes before it expires.
 * Instance roles are not read: an ECR registry here needs its access key. Thread-safe.
 */
final class EcrAuthorization {

    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REPLY = 64 << 10;

    /** A login with the time it stops working. */
    private record Held(RegistryLogin login, Instant expires) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Function<String, URI> endpoint;
    private final InstantSource clock;
    private final Map<AwsKey, Held> held = new ConcurrentHashMap<>();

    /** @param endpoint the ECR API's address in a region */
    EcrAuthorization(Function<String, URI> endpoint, InstantSource clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** AWS's own endpoints. */
    static EcrAuthorization aws(InstantSource clock) {
        return new EcrAuthorization(region -> URI.create("https://api.ecr.%s.amazonaws.com%s/".formatted(region,
                region.startsWith("cn-") ? ".cn" : "")), clock);
    }

    /** The login for the key's account, asked from AWS when none is held or it is about to expire. */
    RegistryLogin login(AwsKey key) {
        if (key.accessKeyId().isEmpty() || key.secretAccessKey().isEmpty()) {
            throw new IllegalStateException("the ECR registry's aws_key has no access_key_id or secret_access_key"
                    + " (instance roles are not read)");
        }
        Held current = held.get(key);
        if (current != null && clock.instant().isBefore(current.expires().minus(RENEW_BEFORE))) {
            return current.login();
        }
        Held fresh = ask(key);
        held.keySet().removeIf(k -> k.id().equals(key.id()) && k.region().equals(key.region()));
        held.put(key, fresh);
        return fresh.login();
    }

    private Held ask(AwsKey key) {
        URI uri = endpoint.apply(key.region());
        byte[] body = "{\"registryIds\":[\"%s\"]}".formatted(key.id()).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", TARGET);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        AwsSigV4.sign("POST", uri, headers, body, key.region(), "ecr",
                new AwsSigV4.Key(key.accessKeyId(), key.secretAccessKey()), clock.instant()).forEach(request::header);
        int status;
        JsonNode reply;
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                reply = Json.lenient().readTree(in.readNBytes(MAX_REPLY));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Amazon ECR at %s gave no readable answer: %s".formatted(uri.getHost(),
                    e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Amazon ECR for a login");
        }
        if (status != 200) {
            throw new IllegalStateException("Amazon ECR refused the login (%d %s): %s".formatted(status,
                    text(reply, "__type"), text(reply, "message").isEmpty() ? text(reply, "Message")
                            : text(reply, "message")));
        }
        return held(reply == null ? null : reply.path("authorizationData").path(0));
    }

    private static Held held(JsonNode data) {
        String token = data == null ? "" : data.path("authorizationToken").asText("");
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || !data.path("expiresAt").isNumber()) {
            throw new IllegalStateException("Amazon ECR answered without a readable authorization token");
        }
        return new Held(new RegistryLogin(decoded.substring(0, colon), decoded.substring(colon + 1)),
                Instant.ofEpochMilli((long) (data.path("expiresAt").asDouble() * 1000)));
    }

    private static String text(JsonNode reply, String field) {
        String value = reply == null ? "" : reply.path(field).asText("");
        return value.length() > 300 ? value.substring(0, 300) + "..." : value;
    }
}
