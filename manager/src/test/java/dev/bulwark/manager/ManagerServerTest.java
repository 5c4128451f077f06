package dev.bulwark.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.Controller;
import dev.bulwark.manager.console.SecurityHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real controller, the manager in front of it over real HTTPS, and clients that trust the controller's CA only. */
class ManagerServerTest {

    private static final String PASSWORD = "Adm1n-Str0ng!pass";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Controller controller;
    private static Manager manager;
    private static SSLContext tls;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        controller = Controller.start(new Controller.Settings(dir.resolve("controller"), "127.0.0.1", 0,
                Optional.empty(), Optional.of(PASSWORD), "test-cluster"), new PrintStream(new ByteArrayOutputStream()));
        Files.writeString(dir.resolve("eula.txt"), "You accept these terms.\n");
        manager = startManager(URI.create("https://127.0.0.1:" + controller.port()), Optional.of(dir.resolve("eula.txt")));
        tls = trusting(caPem());
        http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (manager != null) {
            manager.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    private static Path caPem() {
        return dir.resolve("controller/tls/ca.pem");
    }

    private static Manager startManager(URI target, Optional<Path> eula) {
        KeyStore identity = ServerIdentity.issuedBy(dir.resolve("controller/tls"), List.of("127.0.0.1", "localhost"));
        return Manager.start(new Manager.Settings(target, Optional.of(caPem()), "127.0.0.1", 0, identity, eula));
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> call(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        return call(manager.port(), method, path, body, headers);
    }

    private static HttpResponse<byte[]> call(int port, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String login() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = call("POST", "/v1/auth", "{\"password\":{\"username\":\"admin\",\"password\":\""
                + PASSWORD + "\"}}");
        assertEquals(200, r.statusCode(), new String(r.body()));
        return json(r).at("/token/token").asText();
    }

    private static void assertSecurityHeaders(HttpResponse<?> r) {
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, r.headers().firstValue("Content-Security-Policy")
                .orElseThrow());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElseThrow());
        assertTrue(r.headers().firstValue("Strict-Transport-Security").orElseThrow().startsWith("max-age="));
    }

    @Test
    void theIndexIsServedUncachedWithAStrictPolicyItSatisfies() throws Exception {
        HttpResponse<byte[]> r = call("GET", "/", null);
        assertEquals(200, r.statusCode());
        assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertSecurityHeaders(r);
        String html = new String(r.body(), StandardCharsets.UTF_8);
        // script-src 'self' allows no inline script: every script of the page is a file of ours
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src=\"./assets/"), scripts.group());
        }
        assertTrue(count > 0, html);
        assertFalse(html.contains(" on") && Pattern.compile("\\son[a-z]+=").matcher(html).find(), html);
    }

    @Test
    void bundleFilesAreImmutableTypedAndGzipped() throws Exception {
        String html = new String(call("GET", "/", null).body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\./(assets/[^\"]+\\.js)\"").matcher(html);
        assertTrue(m.find(), html);
        String path = "/" + m.group(1);
        HttpResponse<byte[]> plain = call("GET", path, null, "Accept-Encoding", "identity");
        HttpResponse<byte[]> gzipped = call("GET", path, null, "Accept-Encoding", "gzip, deflate");
        assertEquals(200, plain.statusCode());
        assertEquals("public, max-age=31536000, immutable", plain.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(plain.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertSecurityHeaders(plain);
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertTrue(gzipped.body().length * 2 < plain.body().length, "gzip makes the bundle less than half");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
        HttpResponse<byte[]> refused = call("GET", path, null, "Accept-Encoding", "gzip;q=0");
        assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
        Matcher css = Pattern.compile("\\./(assets/[^\"]+\\.css)\"").matcher(html);
        assertTrue(css.find(), html);
        assertTrue(call("GET", "/" + css.group(1), null).headers().firstValue("Content-Type").orElseThrow()
                .startsWith("text/css"));
    }

    @Test
    void unknownFilesAndDirectoriesAre404() throws Exception {
        for (String path : List.of("/assets/none.js", "/assets/", "/assets", "/favicon.ico", "/index.htm",
                "/dev/bulwark/manager/console/index.html", "/Manager.class")) {
            HttpResponse<byte[]> r = call("GET", path, null);
            assertEquals(404, r.statusCode(), path);
            assertSecurityHeaders(r);
        }
    }

    @Test
    void hostilePathsNeverEscapeTheConsoleNorTheApi() throws Exception {
        RawHttps raw = new RawHttps(tls, manager.port());
        for (String target : List.of("/assets/../../../../etc/passwd", "/assets/..%2f..%2f..%2fManager.class",
                "/assets/%2e%2e/%2e%2e/dev/bulwark/manager/Manager.class", "/assets/..\\..\\Manager.class",
                "/assets/%2e%2e%5c%2e%2e%5cManager.class", "/assets/%00index.html", "/%2e%2e/%2e%2e/etc/passwd",
                "/v1/../../metrics", "/v1/%2e%2e/metrics", "/v1/..%2fmetrics", "/v1/%2E%2E%2Fmetrics",
                "/v1/.%2e/api/v2.0/metadata", "/v1/user%5c..%5c..%5cmetrics", "/v1/user/%00",
                "/v1/./user", "//v1/user", "/v1//../metrics")) {
            RawHttps.Answer a = raw.get(target);
            assertTrue(a.status() == 400 || a.status() == 404, target + " -> " + a.head());
            assertFalse(a.text().contains("root:") || a.text().contains("# HELP") || a.text().contains("cafebabe"),
                    target);
        }
        assertEquals(400, raw.get("/v1/user?x=<script>").status());
    }

    @Test
    void theEulaIsServedWhenGiven() throws Exception {
        HttpResponse<byte[]> r = call("GET", "/eula.txt", null);
        assertEquals(200, r.statusCode());
        assertEquals("You accept these terms.\n", new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        try (Manager without = startManager(URI.create("https://127.0.0.1:" + controller.port()), Optional.empty())) {
            assertEquals(404, call(without.port(), "GET", "/eula.txt", null).statusCode());
        }
    }

    @Test
    void apiCallsPassToTheControllerWithTheirToken() throws Exception {
        String token = login();
        HttpResponse<byte[]> users = call("GET", "/v1/user?start=0&limit=10", null, "X-Auth-Token", token);
        assertEquals(200, users.statusCode());
        assertTrue(users.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertSecurityHeaders(users);
        assertEquals("admin", json(users).at("/users/0/fullname").asText());
        assertEquals(401, call("GET", "/v1/user", null).statusCode());

        String user = "{\"user\":{\"fullname\":\"reader1\",\"password\":\"Re4der-Str0ng!pw\",\"role\":\"reader\"}}";
        assertEquals(200, call("POST", "/v1/user", user, "X-Auth-Token", token).statusCode());
        HttpResponse<byte[]> patched = call("PATCH", "/v1/user/reader1",
                "{\"config\":{\"fullname\":\"reader1\",\"role\":\"admin\"}}", "X-Auth-Token", token);
        assertEquals(200, patched.statusCode(), new String(patched.body()));
        assertEquals("admin", json(call("GET", "/v1/user/reader1", null, "X-Auth-Token", token))
                .at("/user/role").asText());
        assertEquals(200, call("DELETE", "/v1/user/reader1", null, "X-Auth-Token", token).statusCode());
        HttpResponse<byte[]> gone = call("GET", "/v1/user/reader1", null, "X-Auth-Token", token);
        assertEquals(404, gone.statusCode());
        assertTrue(json(gone).has("code"), new String(gone.body()));
    }

    @Test
    void aBodyOverTheBoundIsRefusedWithTheErrorJson() throws Exception {
        RawHttps raw = new RawHttps(tls, manager.port());
        RawHttps.Answer a = raw.send("127.0.0.1", "POST /v1/file/config HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (64L * 1024 * 1024 + 1)
                + "\r\nConnection: close\r\n\r\n{");
        assertEquals(413, a.status(), a.head());
        JsonNode error = JSON.readTree(a.body());
        assertTrue(error.has("code") && error.has("error") && error.has("message"), a.text());
    }

    @Test
    void streamedBodiesPassUpToTheBoundAndAreCutOffPastIt() throws Exception {
        KeyStore identity = ServerIdentity.issuedBy(dir.resolve("controller/tls"), List.of("127.0.0.1"));
        try (DrainingServer sink = new DrainingServer(identity);
                Manager front = startManager(URI.create("https://127.0.0.1:" + sink.port()), Optional.empty())) {
            long under = (64L << 20) - 1;
            HttpResponse<byte[]> passed = http.send(streamed(front.port(), under),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, passed.statusCode(), new String(passed.body()));
            assertEquals(under, json(passed).get("drained").asLong());
            try {
                HttpResponse<byte[]> r = http.send(streamed(front.port(), (64L << 20) + 1),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(413, r.statusCode(), "a body past 64 MiB is refused");
                assertTrue(json(r).get("message").asText().contains("64 MiB"), new String(r.body()));
            } catch (IOException e) {
                // the manager answered 413 and closed while the client was still sending: refused too
            }
        }
    }

    /** A chunked POST of {@code size} spaces, made as it is sent. */
    private static HttpRequest streamed(int port, long size) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v1/file/config"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private long left = size;

                    @Override
                    public int read() {
                        return left-- > 0 ? ' ' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(len, left);
                        java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                        left -= n;
                        return n;
                    }
                })).build();
    }

    @Test
    void anUnreachableControllerIs502WithTheErrorJson() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (Manager orphan = startManager(URI.create("https://127.0.0.1:" + closed), Optional.empty())) {
            HttpResponse<byte[]> r = call(orphan.port(), "GET", "/v1/user", null);
            assertEquals(502, r.statusCode());
            assertEquals(55, json(r).get("code").asInt());
            assertTrue(json(r).get("message").asText().contains("unreachable"));
        }
    }

    @Test
    void aSilentControllerIs504() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            KeyStore identity = ServerIdentity.issuedBy(dir.resolve("controller/tls"), List.of("127.0.0.1"));
            try (Manager waiting = Manager.start(new Manager.Settings(URI.create("https://127.0.0.1:"
                    + silent.getLocalPort()), Optional.of(caPem()), "127.0.0.1", 0, identity, Optional.empty(),
                    Duration.ofSeconds(2)))) {
                HttpResponse<byte[]> r = call(waiting.port(), "GET", "/v1/user", null);
                assertEquals(504, r.statusCode());
                assertTrue(json(r).get("message").asText().contains("in time"));
            }
        }
    }

    @Test
    void neitherAbsoluteUrisNorHostHeadersChooseTheTarget() throws Exception {
        try (ServerSocket decoy = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            decoy.setSoTimeout(1);
            String elsewhere = "127.0.0.1:" + decoy.getLocalPort();
            RawHttps raw = new RawHttps(tls, manager.port());
            for (String request : List.of(
                    "GET https://" + elsewhere + "/v1/user HTTP/1.1\r\nHost: " + elsewhere + "\r\nConnection: close\r\n\r\n",
                    "GET /v1/user HTTP/1.1\r\nHost: " + elsewhere + "\r\nConnection: close\r\n\r\n",
                    "GET /v1/user HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Host: " + elsewhere
                            + "\r\nForwarded: host=" + elsewhere + "\r\nConnection: close\r\n\r\n")) {
                RawHttps.Answer a = raw.send("127.0.0.1", request);
                // the controller's own answer to a call without a token
                assertTrue(a.status() == 401 || a.status() == 400, a.head());
                assertTrue(a.status() == 400 || JSON.readTree(a.body()).has("code"), a.text());
                assertTrue(acceptsNothing(decoy), "the manager connected to " + elsewhere);
            }
        }
    }

    private static boolean acceptsNothing(ServerSocket decoy) throws IOException {
        try {
            decoy.accept().close();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    @Test
    void oneGuesserBehindTheManagerDoesNotLockOthersOut() throws Exception {
        RawHttps raw = new RawHttps(tls, manager.port());
        // an unknown user: only the address throttle counts, not the block of a user after failed logins
        String wrong = "{\"password\":{\"username\":\"nobody\",\"password\":\"wrong\"}}";
        String right = "{\"password\":{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}}";
        int status = 0;
        for (int i = 0; i < 30 && status != 429; i++) {
            status = raw.send("127.0.0.2", post("/v1/auth", wrong)).status();
        }
        assertEquals(429, status, "the guesser is throttled");
        assertEquals(429, raw.send("127.0.0.2", post("/v1/auth", right)).status());
        RawHttps.Answer other = raw.send("127.0.0.3", post("/v1/auth", right));
        assertEquals(200, other.status(), other.text());
    }

    private static String post(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n" + body;
    }
}
