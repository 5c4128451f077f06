package dev.bulwark.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A logged-in client of a controller's REST API over HTTPS, trusting the controller's own CA. */
public final class Rest {

    private static final ObjectMapper JSON = Json.lenient();

    /** A reply's status and body. */
    public record Reply(int status, JsonNode body) {}

    private final HttpClient http;
    private final String base;
    private final String token;

    private Rest(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** Logs in as {@code user} to the controller on {@code port} whose CA is {@code caPem}. */
    public static Rest login(int port, Path caPem, String user, String password) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = java.nio.file.Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30)).build();
        Rest anonymous = new Rest(http, "https://localhost:" + port, null);
        Reply r = anonymous.send("POST", "/v1/auth", """
                {"password":{"username":"%s","password":"%s"}}""".formatted(user, password));
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r);
        }
        return new Rest(http, anonymous.base, r.body().path("token").path("token").asText());
    }

    /** The TLS that trusts the controller's CA only, for other clients of the same controller. */
    public SSLContext sslContext() {
        return http.sslContext();
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    public Reply send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = exchange(method, path, body);
        return new Reply(r.statusCode(), r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body()));
    }

    /** A call with more headers (name, value, ...), answered as it came: headers, and a body that may not be JSON. */
    public HttpResponse<byte[]> exchange(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A response body as JSON; empty (a 304) as an empty object. */
    public static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
