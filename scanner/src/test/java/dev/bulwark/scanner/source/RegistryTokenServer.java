package dev.bulwark.scanner.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token server for the registry's {@code auth: token:} mode, as the distribution token protocol describes it:
 * {@code GET /token?service=...&scope=repository:NAME:pull,push} with Basic credentials answers a JWT signed
 * RS256 by a key that {@code keytool} makes for the test; the registry trusts the key's self-signed certificate
 * through {@link #rootCertBundle()} and checks each token for real.
 *
 * <p>Anonymous requests get pull access when {@code anonymousPull} is set and a 401 otherwise; a wrong password
 * always gets a 401.
 */
final class RegistryTokenServer implements AutoCloseable {

    static final String SERVICE = "bulwark-test-registry";
    static final String ISSUER = "bulwark-test-token-issuer";
    private static final String STORE_PASSWORD = "changeit";
    private static final ObjectMapper JSON = Json.lenient();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final PrivateKey key;
    private final String certificate;
    private final Path rootCertBundle;
    private final String user;
    private final String password;
    private final String tokenField;
    private final boolean anonymousPull;
    private final AtomicInteger issued = new AtomicInteger();

    private RegistryTokenServer(Path dir, String user, String password, String tokenField, boolean anonymousPull)
            throws IOException, InterruptedException, GeneralSecurityException {
        this.user = user;
        this.password = password;
        this.tokenField = tokenField;
        this.anonymousPull = anonymousPull;
        Path store = dir.resolve("token-signer.p12");
        rootCertBundle = dir.resolve("token-signer.pem");
        keytool("-genkeypair", "-alias", "signer", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=bulwark test token signer", "-ext", "bc:c", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "signer", "-keystore", store.toString(),
                "-storepass", STORE_PASSWORD, "-file", rootCertBundle.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        key = (PrivateKey) keys.getKey("signer", STORE_PASSWORD.toCharArray());
        Certificate cert = keys.getCertificate("signer");
        certificate = Base64.getEncoder().encodeToString(cert.getEncoded());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/token", this::handle);
        server.start();
    }

    /**
     * @param tokenField the answer's field for the token: {@code token} or {@code access_token}
     */
    static RegistryTokenServer start(Path dir, String user, String password, String tokenField,
            boolean anonymousPull) throws IOException, InterruptedException, GeneralSecurityException {
        return new RegistryTokenServer(dir, user, password, tokenField, anonymousPull);
    }

    static boolean keytoolAvailable() {
        return Files.isExecutable(keytoolPath());
    }

    URI realm() {
        return URI.create("http://127.0.0.1:%d/token".formatted(server.getAddress().getPort()));
    }

    Path rootCertBundle() {
        return rootCertBundle;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** How many tokens were handed out. */
    int issued() {
        return issued.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String subject;
            boolean pullOnly;
            if (authorization == null) {
                subject = "";
                pullOnly = true;
                if (!anonymousPull) {
                    answer(exchange, 401, Map.of("details", "login required"));
                    return;
                }
            } else if (authorization.equals(new RegistryCredentials(user, password).basicAuthorization())) {
                subject = user;
                pullOnly = false;
            } else {
                answer(exchange, 401, Map.of("details", "incorrect username or password"));
                return;
            }
            List<Map<String, Object>> access = new ArrayList<>();
            for (String scope : query.getOrDefault("scope", List.of())) {
                int first = scope.indexOf(':');
                int last = scope.lastIndexOf(':');
                if (first < 0 || last <= first) {
                    continue;
                }
                List<String> actions = List.of(scope.substring(last + 1).split(","));
                access.add(Map.of("type", scope.substring(0, first), "name", scope.substring(first + 1, last),
                        "actions", pullOnly ? actions.stream().filter("pull"::equals).toList() : actions));
            }
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", subject);
            claims.put("aud", query.getOrDefault("service", List.of("")).getFirst());
            claims.put("exp", now + 300);
            claims.put("nbf", now - 10);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("access", access);
            String token = jwt(Map.of("typ", "JWT", "alg", "RS256", "x5c", List.of(certificate)), claims);
            issued.incrementAndGet();
            answer(exchange, 200, Map.of(tokenField, token, "expires_in", 300));
        }
    }

    private String jwt(Map<String, Object> header, Map<String, Object> claims) throws IOException {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signed = url.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + url.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + url.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign a token", e);
        }
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, _ -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static Path keytoolPath() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(keytoolPath().toString()));
        command.addAll(List.of(args));
        RegistryServer.runTool(command);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
