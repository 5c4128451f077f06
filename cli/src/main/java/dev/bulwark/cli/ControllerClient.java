package dev.bulwark.cli;

import dev.bulwark.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The client side of the controller's API for the commands: the saved login (server, token, CA), HTTPS that
 * trusts the given CA (or the system's, or nothing with {@code --insecure}), and errors shown as the controller's
 * message.
 */
final class ControllerClient {

    static final ObjectMapper JSON = Json.lenient();

    /** What {@code bulwark login} saves, mode 0600. */
    record Login(String server, String token, String cacert, boolean insecure) {}

    private final Login login;
    private final HttpClient http;

    ControllerClient(Login login) {
        this.login = login;
        this.http = http(login.cacert(), login.insecure());
    }

    static ControllerClient saved(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("not logged in: run `bulwark login --server URL` first");
        }
        try {
            return new ControllerClient(JSON.readValue(file.toFile(), Login.class));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read %s: %s".formatted(file, e.getMessage()));
        }
    }

    static void save(Path file, Login login) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(login), AtomicFiles.OWNER_ONLY);
    }

    Login login() {
        return login;
    }

    /** A reply: status and raw body. */
    record Reply(int status, byte[] body) {
        JsonNode json() {
            try {
                return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new InvalidInputException("the controller answered something that is not JSON");
            }
        }
    }

    /** Sends a request with the saved token; a 4xx or 5xx becomes an error with the controller's message. */
    Reply send(String method, String path, byte[] body, String contentType) {
        Reply r = raw(method, path, body, contentType, login.token());
        if (r.status() >= 400) {
            String message = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                JsonNode error = JSON.readTree(r.body());
                message = error.path("message").asText(message);
            } catch (IOException e) {
                // keep the raw body
            }
            throw new InvalidInputException("%s %s: %d %s".formatted(method, path, r.status(), message));
        }
        return r;
    }

    Reply raw(String method, String path, byte[] body, String contentType, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(login.server() + path))
                .timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new InvalidInputException("cannot reach %s: %s".formatted(login.server(), e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("interrupted");
        }
    }

    static HttpClient http(String cacert, boolean insecure) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            if (insecure) {
                tls.init(null, new TrustManager[] {new TrustEverything()}, null);
            } else if (cacert != null && !cacert.isEmpty()) {
                X509Certificate ca;
                try (InputStream in = Files.newInputStream(Path.of(cacert))) {
                    ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
                }
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("ca", ca);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                tls.init(null, tmf.getTrustManagers(), null);
            } else {
                tls = SSLContext.getDefault();
            }
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new InvalidInputException("cannot set up TLS with %s: %s".formatted(cacert, e.getMessage()));
        }
    }

    /** For {@code --insecure} only: accepts any server certificate. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
