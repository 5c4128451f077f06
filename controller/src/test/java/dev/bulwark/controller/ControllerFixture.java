package dev.bulwark.controller;

import dev.bulwark.core.testing.Patience;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.tls.InternalCa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real controller on 127.0.0.1 and an ephemeral port with its own data directory, and an HTTPS client that
 * trusts only the controller's internal CA, as a user's client would after fetching {@code ca.pem}.
 */
public final class ControllerFixture implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "Adm1n-Str0ng!pass";
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private Controller controller;
    private HttpClient http;
    private String printed = "";

    public ControllerFixture(Path dataDir) {
        this(dataDir, Optional.of(ADMIN_PASSWORD));
    }

    public ControllerFixture(Path dataDir, Optional<String> adminPassword) {
        this.dataDir = dataDir;
        start(adminPassword);
    }

    public void start(Optional<String> adminPassword) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        controller = Controller.start(new Controller.Settings(dataDir, "127.0.0.1", 0, Optional.empty(),
                adminPassword, "test-cluster"), new PrintStream(out, true));
        printed = out.toString();
        http = client(dataDir.resolve("tls").resolve(InternalCa.CA_CERT));
    }

    public void restart() {
        controller.close();
        start(Optional.empty());
    }

    public String printed() {
        return printed;
    }

    public int port() {
        return controller.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Controller controller() {
        return controller;
    }

    public static HttpClient client(Path caPem) {
        return HttpClient.newBuilder().sslContext(trusting(caPem)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** TLS that trusts the controller's internal CA (the PEM at {@code caPem}) only. */
    public static SSLContext trusting(Path caPem) {
        try {
            X509Certificate ca;
            try (InputStream in = Files.newInputStream(caPem)) {
                ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLS that trusts this controller. */
    public SSLContext tls() {
        return trusting(dataDir.resolve("tls").resolve(InternalCa.CA_CERT));
    }

    /** A response: status and body parsed as JSON (empty object for an empty body). */
    public record Reply(int status, JsonNode body, String text) {
        public JsonNode at(String pointer) {
            return body.at(pointer);
        }
    }

    public Reply call(String method, String path, String body, String... headers) {
        return send(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                headers);
    }

    /** Sends raw bytes; the content type is JSON unless a {@code Content-Type} header is given. */
    public Reply send(String method, String path, byte[] body, String... headers) {
        HttpResponse<String> r = exchange(method, path, body, headers);
        String text = r.body();
        JsonNode json = text.isBlank() ? JSON.createObjectNode() : parse(text);
        return new Reply(r.statusCode(), json, text);
    }

    /** Sends raw bytes and gives the whole response, headers included; redirects are not followed. */
    public HttpResponse<String> exchange(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port() + path))
                .timeout(Patience.HANG)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.setHeader("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs a binary body (a backup file); fails unless the status is 200. */
    public byte[] download(String token, String path) {
        HttpResponse<byte[]> r = get(token, path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode());
        }
        return r.body();
    }

    /** GETs the raw response, headers and undecoded bytes included. */
    public HttpResponse<byte[]> get(String token, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port() + path))
                .header("X-Auth-Token", token);
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a file as the one part {@code field} of a multipart/form-data body, as browsers and NeuVector's CLI do. */
    public Reply upload(String token, String path, String field, byte[] file) {
        String boundary = "bulwark-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"upload\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send("POST", path, body.toByteArray(), "X-Auth-Token", token, "Content-Type",
                "multipart/form-data; boundary=" + boundary);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("unparsed", text);
        }
    }

    /** Logs in and returns the token. */
    public String login(String user, String password) {
        Reply r = call("POST", "/v1/auth", "{\"password\":{\"username\":\"%s\",\"password\":\"%s\"}}".formatted(user,
                password));
        if (r.status() != 200) {
            throw new AssertionError("login of " + user + " failed: " + r.text());
        }
        return r.at("/token/token").asText();
    }

    public Reply as(String token, String method, String path, String body) {
        return call(method, path, body, "X-Auth-Token", token);
    }

    @Override
    public void close() {
        controller.close();
    }
}
