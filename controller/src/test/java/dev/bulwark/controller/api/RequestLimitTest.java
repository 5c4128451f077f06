package dev.bulwark.controller.api;

import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.ControllerFixture;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.tls.InternalCa;
import dev.bulwark.core.testing.Patience;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A request body over the server's limit ({@link ApiServer#MAX_REQUEST}) is refused with 413 in NeuVector's error
 * shape, whether its length is told up front or it streams in without one, and the server goes on serving.
 */
class RequestLimitTest extends ControllerTest {

    private static final int OVER = Math.toIntExact(ApiServer.MAX_REQUEST + 1);

    private static void assertTooLarge(int status, JsonNode body) {
        assertThat(status).as("status of %s", body).isEqualTo(413);
        assertThat(body.path("code").asInt()).isEqualTo(ApiError.INVALID_REQUEST.code());
        assertThat(body.path("error").asText()).isEqualTo(ApiError.INVALID_REQUEST.text());
        assertThat(body.path("message").asText()).contains(String.valueOf(ApiServer.MAX_REQUEST));
    }

    @Test
    void aBodyOverTheLimitIsRefusedInNeuVectorsShape() {
        Reply r = c.send("POST", "/v1/user", new byte[OVER], "X-Auth-Token", admin);
        assertError(r, 413);
        assertTooLarge(r.status(), r.body());
        assertOk(c.as(admin, "GET", "/v1/user", null));
    }

    @Test
    void aStreamedBodyOverTheLimitIsRefusedTheSameWay() throws Exception {
        HttpClient http = ControllerFixture.client(dir.resolve("tls").resolve(InternalCa.CA_CERT));
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:%d/v1/file/config"
                .formatted(c.port())))
                .timeout(Patience.HANG)
                .header("X-Auth-Token", admin)
                .header("Content-Type", "application/gzip")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[OVER])))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertTooLarge(r.statusCode(), new ObjectMapper().readTree(r.body()));
        assertOk(c.as(admin, "GET", "/v1/user", null));
    }
}
