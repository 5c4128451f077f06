package dev.bulwark.controller.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.controller.registry.RegistryConfig.AwsKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ECR login against a stand-in for AWS's ECR API on 127.0.0.1 (AWS cannot be reached from the tests; the
 * signature itself is checked against botocore in {@link AwsSigV4Test}).
 */
class EcrAuthorizationTest {

    private static final AwsKey KEY = new AwsKey("123456789012", "AKIDEXAMPLE", "secret/key", "eu-west-1");
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    record Seen(String method, String path, String target, String type, String authorization, String body) {}

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<Reply> reply = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private EcrAuthorization ecr;

    record Reply(int status, String body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        ecr = new EcrAuthorization(region -> endpoint, now::get);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = reply.get().body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.get().status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String granted(String password, Instant expires) {
        String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        return """
                {"authorizationData":[{"authorizationToken":"%s","expiresAt":%d.123,
                 "proxyEndpoint":"https://123456789012.dkr.ecr.eu-west-1.amazonaws.com"}]}"""
                .formatted(token, expires.getEpochSecond());
    }

    @Test
    void asksForTheAccountsTokenSignedAndKeepsItUntilShortlyBeforeItExpires() {
        reply.set(new Reply(200, granted("first:with:colons", NOW.plus(Duration.ofHours(12)))));

        assertThat(ecr.login(KEY)).isEqualTo(new RegistryLogin("AWS", "first:with:colons"));
        now.set(NOW.plus(Duration.ofHours(11)));
        assertThat(ecr.login(KEY).password()).as("still held").isEqualTo("first:with:colons");

        reply.set(new Reply(200, granted("second", NOW.plus(Duration.ofHours(24)))));
        now.set(NOW.plus(Duration.ofHours(11)).plus(Duration.ofMinutes(51)));
        assertThat(ecr.login(KEY).password()).as("renewed ten minutes before expiry").isEqualTo("second");

        assertThat(seen).hasSize(2).allSatisfy(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).isEqualTo("/");
            assertThat(s.target()).isEqualTo("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken");
            assertThat(s.type()).isEqualTo("application/x-amz-json-1.1");
            assertThat(s.body()).isEqualTo("{\"registryIds\":[\"123456789012\"]}");
            assertThat(s.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                    .contains("/eu-west-1/ecr/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target,")
                    .doesNotContain("secret/key");
        });
    }

    @Test
    void aRefusalOrAnUnreadableAnswerIsOneLine() {
        reply.set(new Reply(400, "{\"__type\":\"UnrecognizedClientException\",\"message\":\"The security token"
                + " included in the request is invalid.\"}"));
        assertThatThrownBy(() -> ecr.login(KEY)).hasMessage("Amazon ECR refused the login (400"
                + " UnrecognizedClientException): The security token included in the request is invalid.");

        for (String body : List.of("", "not json", "{}", "{\"authorizationData\":[{\"authorizationToken\":\"%%%\","
                + "\"expiresAt\":1}]}", granted("x", NOW).replace("\"expiresAt\"", "\"expires\""),
                "{\"authorizationData\":[{\"authorizationToken\":\"" + Base64.getEncoder().encodeToString(
                        "no colon".getBytes(StandardCharsets.UTF_8)) + "\",\"expiresAt\":1}]}",
                "[" + "[".repeat(100_000))) {
            reply.set(new Reply(200, body));
            assertThatThrownBy(() -> ecr.login(KEY)).as(body.length() > 80 ? "deep nesting" : body)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Amazon ECR").hasMessageNotContaining("secret/key");
        }
    }

    @Test
    void aKeyWithoutItsSecretIsRefusedWithoutAskingAws() {
        assertThatThrownBy(() -> ecr.login(new AwsKey("123456789012", "", "", "eu-west-1")))
                .hasMessageContaining("no access_key_id or secret_access_key (instance roles are not read)");
        assertThat(seen).isEmpty();
    }

    @Test
    void anEndpointThatDoesNotAnswerIsOneLine() {
        server.stop(0);
        assertThatThrownBy(() -> ecr.login(KEY)).hasMessageStartingWith("Amazon ECR at 127.0.0.1 gave no readable"
                + " answer");
    }
}
