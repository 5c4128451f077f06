package dev.bulwark.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The benchmarks' REST client of a controller, as its users reach it: HTTPS trusting only its CA, admin login. */
final class ControllerRest {

    static final String PASSWORD = "Bench-Passw0rd!";
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([0-9a-f]{64})\"");

    private ControllerRest() {}

    /** A client that trusts only the CA in {@code caPem}. */
    static HttpClient client(Path caPem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Logs in as admin with {@link #PASSWORD}; the session token for {@code X-Auth-Token}. */
    static String login(HttpClient http, String base) throws IOException, InterruptedException {
        return auth(http, base, "\"username\": \"admin\", \"password\": \"" + PASSWORD + "\"");
    }

    /**
     * Logs in as admin with {@link #PASSWORD} and sets {@code newPassword} ({@code new_password}), as the console's
     * first login does: the bootstrap password counts as set by someone else, so the console asks for a new one.
     */
    static void changeAdminPassword(HttpClient http, String base, String newPassword)
            throws IOException, InterruptedException {
        auth(http, base, "\"username\": \"admin\", \"password\": \"" + PASSWORD + "\", \"new_password\": \""
                + newPassword + "\"");
    }

    private static String auth(HttpClient http, String base, String fields) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\": {" + fields + "}}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    /** Sends a request with a JSON body ({@code null} for none); its answer's body, which must be a 200's. */
    static String send(HttpClient http, String base, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Auth-Token", token)
                .header("Content-Type", "application/json").method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
