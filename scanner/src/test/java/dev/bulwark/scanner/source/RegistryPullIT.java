package dev.bulwark.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.scanner.testing.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a real registry ({@link RegistryServer}) that {@code skopeo} pushed the alpine 3.11 fixture to, with
 * each auth mode the registry has. Layers are checked twice over: the stored bytes hash to the manifest digest,
 * and the gunzipped bytes to the config's diff id; {@code skopeo inspect} is the oracle for digests.
 */
class RegistryPullIT {

    private static final String FIXTURE = "fixtures/images/alpine-3.11.tar.gz";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    static Path work;

    static Path alpineArchive;

    @BeforeAll
    static void prepare() throws IOException {
        assumeTrue(Command.executable("docker-registry").isPresent(), "docker-registry is not installed");
        assumeTrue(Command.executable("skopeo").isPresent(), "skopeo is not installed");
        Optional<Path> fixture = sharedFile(FIXTURE);
        assumeTrue(fixture.isPresent(), "shared/" + FIXTURE + " is absent");
        // skopeo reads docker archives only uncompressed
        alpineArchive = work.resolve("alpine-3.11.tar");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(fixture.get()))) {
            Files.copy(in, alpineArchive);
        }
    }

    private static Optional<Path> sharedFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static SourceOptions options(String platform, boolean insecure, String user, String password) {
        return new SourceOptions(platform, insecure, user, password, work.resolve("no-docker-config.json"));
    }

    private static SourceOptions options(String user, String password) {
        return options("linux/amd64", true, user, password);
    }

    private static RegistryImage open(String reference, SourceOptions options) {
        return RegistryImage.open(reference, options, NO_ENV, TIMEOUT);
    }

    private static String sha256(InputStream in) throws IOException, GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** Reads every layer fully: stored bytes against the digest, gunzipped bytes against the diff id. */
    private static void assertLayersHash(RegistryImage image) throws IOException, GeneralSecurityException {
        assertThat(image.layers()).isNotEmpty();
        for (LayerDescriptor layer : image.layers()) {
            try (InputStream in = image.openLayer(layer)) {
                assertThat(sha256(in)).isEqualTo(layer.digest());
            }
            try (InputStream in = new GZIPInputStream(image.openLayer(layer))) {
                assertThat(sha256(in)).isEqualTo(layer.diffId());
            }
        }
    }

    /** The alpine fixture as pushed: one gzip layer, linux/amd64. */
    private static void assertIsAlpine(RegistryImage image) throws IOException, GeneralSecurityException {
        assertThat(image.config().platform()).isEqualTo("linux/amd64");
        assertThat(image.config().diffIds()).hasSize(1);
        assertThat(image.layers()).singleElement().satisfies(layer -> {
            assertThat(layer.diffId()).isEqualTo(image.config().diffIds().getFirst());
            assertThat(layer.size()).isPositive();
        });
        assertLayersHash(image);
    }

    private static String message(ThrowingOpen open) {
        try {
            open.run().close();
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the pull to fail");
    }

    @FunctionalInterface
    private interface ThrowingOpen {
        RegistryImage run();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Anonymous {

        private RegistryServer registry;
        private String amd64Digest;
        private String arm64Digest;

        @BeforeAll
        void start(@TempDir Path dir) throws IOException, InterruptedException {
            registry = RegistryServer.start(dir, new RegistryServer.Auth.None());
            registry.push(alpineArchive, "alpine:3.11");
            registry.push(alpineArchive, "alpine:oci", "--format", "oci");
            pushMultiPlatformIndex();
        }

        @AfterAll
        void stop() {
            if (registry != null) {
                registry.close();
            }
        }

        /**
         * alpine:multi, a Docker manifest list of the pushed image (linux/amd64) and a copy whose config says
         * linux/arm64/v8 over the same layer.
         */
        private void pushMultiPlatformIndex() throws IOException, InterruptedException {
            byte[] amd64 = registry.get("/v2/alpine/manifests/3.11", Manifest.DOCKER_MANIFEST);
            ObjectNode manifest = (ObjectNode) Json.lenient().readTree(amd64);
            byte[] config = registry.get("/v2/alpine/blobs/" + manifest.path("config").path("digest").asText(), "*/*");
            ObjectNode armConfig = (ObjectNode) Json.lenient().readTree(config);
            armConfig.put("architecture", "arm64").put("variant", "v8");
            byte[] armConfigBytes = Json.lenient().writeValueAsBytes(armConfig);
            registry.putBlob("alpine", armConfigBytes);
            ((ObjectNode) manifest.path("config")).put("digest", Digest.sha256(armConfigBytes).toString())
                    .put("size", armConfigBytes.length);
            byte[] arm64 = Json.lenient().writeValueAsBytes(manifest);
            amd64Digest = Digest.sha256(amd64).toString();
            arm64Digest = Digest.sha256(arm64).toString();
            registry.putManifest("alpine", arm64Digest, Manifest.DOCKER_MANIFEST, arm64);
            String list = """
                    {"schemaVersion": 2, "mediaType": "%s", "manifests": [
                      {"mediaType": "%s", "size": %d, "digest": "%s",
                       "platform": {"architecture": "amd64", "os": "linux"}},
                      {"mediaType": "%s", "size": %d, "digest": "%s",
                       "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}}]}
                    """.formatted(Manifest.DOCKER_LIST, Manifest.DOCKER_MANIFEST, amd64.length, amd64Digest,
                    Manifest.DOCKER_MANIFEST, arm64.length, arm64Digest);
            registry.putManifest("alpine", "multi", Manifest.DOCKER_LIST, list.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void pullsByTagAsSkopeoSeesIt() throws Exception {
            JsonNode inspected = Json.lenient().readTree(registry.inspect("alpine:3.11"));

            try (RegistryImage image = open(registry.host() + "/alpine:3.11", options("", ""))) {
                assertThat(image.reference()).isEqualTo(registry.host() + "/alpine:3.11");
                assertThat(image.manifestDigest()).isEqualTo(inspected.path("Digest").asText());
                assertThat(image.layers()).extracting(LayerDescriptor::digest)
                        .containsExactly(inspected.path("Layers").get(0).asText());
                assertThat(image.layers().getFirst().mediaType())
                        .isEqualTo("application/vnd.docker.image.rootfs.diff.tar.gzip");
                assertIsAlpine(image);
            }
        }

        @Test
        void pullsByDigest() throws Exception {
            String digest;
            try (RegistryImage byTag = open(registry.host() + "/alpine:3.11", options("", ""))) {
                digest = byTag.manifestDigest();
            }

            try (RegistryImage image = open(registry.host() + "/alpine@" + digest, options("", ""))) {
                assertThat(image.manifestDigest()).isEqualTo(digest);
                assertIsAlpine(image);
            }
        }

        @Test
        void pullsOciManifests() throws Exception {
            try (RegistryImage image = open(registry.host() + "/alpine:oci", options("", ""))) {
                assertThat(image.layers().getFirst().mediaType())
                        .isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
                assertIsAlpine(image);
            }
        }

        @Test
        void selectsThePlatformFromAnIndex() throws Exception {
            try (RegistryImage amd64 = open(registry.host() + "/alpine:multi", options("", ""))) {
                assertThat(amd64.manifestDigest()).isEqualTo(amd64Digest);
                assertIsAlpine(amd64);
            }
            for (String platform : List.of("linux/arm64", "linux/arm64/v8")) {
                try (RegistryImage arm64 = open(registry.host() + "/alpine:multi",
                        options(platform, true, "", ""))) {
                    assertThat(arm64.manifestDigest()).isEqualTo(arm64Digest);
                    assertThat(arm64.config().platform()).isEqualTo("linux/arm64/v8");
                    assertLayersHash(arm64);
                }
            }
            assertThat(message(() -> open(registry.host() + "/alpine:multi", options("linux/s390x", true, "", ""))))
                    .isEqualTo("cannot pull \"%s/alpine:multi\": no image for platform linux/s390x "
                            + "(offered: linux/amd64, linux/arm64/v8; use --platform)", registry.host());
        }

        @Test
        void missingRepositoryOrTagIs404() {
            // distribution 2.8 says MANIFEST_UNKNOWN for a repository it never saw, too
            assertThat(message(() -> open(registry.host() + "/nothing:3.11", options("", ""))))
                    .isEqualTo("cannot pull \"%s/nothing:3.11\": registry answered 404: image or tag not found "
                            + "(MANIFEST_UNKNOWN)", registry.host());
            assertThat(message(() -> open(registry.host() + "/alpine:9.99", options("", ""))))
                    .isEqualTo("cannot pull \"%s/alpine:9.99\": registry answered 404: image or tag not found "
                            + "(MANIFEST_UNKNOWN)", registry.host());
            String absent = Digest.sha256(new byte[1]).toString();
            assertThat(message(() -> open(registry.host() + "/alpine@" + absent, options("", ""))))
                    .startsWith("cannot pull \"%s/alpine@%s\": registry answered 404: image or tag not found"
                            .formatted(registry.host(), absent));
        }

        @Test
        void plainHttpIsRefusedWithoutInsecure() {
            assertThat(message(() -> open(registry.host() + "/alpine:3.11", options("linux/amd64", false, "", ""))))
                    .isEqualTo("cannot pull \"%s/alpine:3.11\": TLS with %s failed (for a registry that serves "
                            + "plain http, use --insecure)", registry.host(), registry.host());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BasicAuth {

        private RegistryServer registry;

        @BeforeAll
        void start(@TempDir Path dir) throws IOException, InterruptedException {
            assumeTrue(Command.executable("htpasswd").isPresent(), "htpasswd (apache2-utils) is not installed");
            registry = RegistryServer.start(dir, new RegistryServer.Auth.Basic("alice", "wonder land"));
            registry.push(alpineArchive, "alpine:3.11");
        }

        @AfterAll
        void stop() {
            if (registry != null) {
                registry.close();
            }
        }

        @Test
        void pullsByTagAndDigestWithTheLogin() throws Exception {
            String digest;
            try (RegistryImage image = open(registry.host() + "/alpine:3.11", options("alice", "wonder land"))) {
                digest = image.manifestDigest();
                assertIsAlpine(image);
            }
            try (RegistryImage image = open(registry.host() + "/alpine@" + digest, options("alice", "wonder land"))) {
                assertIsAlpine(image);
            }
        }

        @Test
        void takesTheLoginFromTheEnvironmentOrTheDockerConfig() throws Exception {
            Map<String, String> env = Map.of("BULWARK_REGISTRY_USERNAME", "alice",
                    "BULWARK_REGISTRY_PASSWORD", "wonder land");
            try (RegistryImage image = RegistryImage.open(registry.host() + "/alpine:3.11", options("", ""), env,
                    TIMEOUT)) {
                assertIsAlpine(image);
            }
            Path dockerConfig = work.resolve("docker-config-basic.json");
            Files.writeString(dockerConfig, "{\"auths\":{\"%s\":{\"auth\":\"%s\"}}}".formatted(registry.host(),
                    Base64.getEncoder().encodeToString("alice:wonder land".getBytes(StandardCharsets.UTF_8))));
            try (RegistryImage image = open(registry.host() + "/alpine:3.11",
                    new SourceOptions("linux/amd64", true, "", "", dockerConfig))) {
                assertIsAlpine(image);
            }
        }

        @Test
        void wrongOrMissingPasswordIs401() {
            String wrong = message(() -> open(registry.host() + "/alpine:3.11", options("alice", "not-the-password")));

            assertThat(wrong).isEqualTo("cannot pull \"%s/alpine:3.11\": registry answered 401 (check --username)",
                    registry.host());
            assertThat(wrong).doesNotContain("not-the-password");
            assertThat(message(() -> open(registry.host() + "/alpine:3.11", options("", ""))))
                    .isEqualTo("cannot pull \"%s/alpine:3.11\": registry answered 401 (check --username)",
                            registry.host());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TokenAuth {

        private RegistryTokenServer tokens;
        private RegistryServer registry;

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            assumeTrue(RegistryTokenServer.keytoolAvailable(), "the JDK has no keytool");
            tokens = RegistryTokenServer.start(dir, "bob", "b0b-secret", "token", false);
            registry = RegistryServer.start(dir, new RegistryServer.Auth.Token(tokens));
            registry.push(alpineArchive, "alpine:3.11");
        }

        @AfterAll
        void stop() {
            if (registry != null) {
                registry.close();
            }
            if (tokens != null) {
                tokens.close();
            }
        }

        @Test
        void pullsByTagAndDigestWithTokensTheRegistryAccepts() throws Exception {
            int before = tokens.issued();
            String digest;
            try (RegistryImage image = open(registry.host() + "/alpine:3.11", options("bob", "b0b-secret"))) {
                digest = image.manifestDigest();
                assertIsAlpine(image);
            }
            try (RegistryImage image = open(registry.host() + "/alpine@" + digest, options("bob", "b0b-secret"))) {
                assertIsAlpine(image);
            }
            assertThat(tokens.issued() - before).as("one token per image opened").isEqualTo(2);
        }

        @Test
        void wrongOrMissingPasswordIsRefusedByTheTokenServer() {
            String wrong = message(() -> open(registry.host() + "/alpine:3.11", options("bob", "guess")));

            assertThat(wrong).isEqualTo("cannot pull \"%s/alpine:3.11\": token server answered 401 (check --username)",
                    registry.host());
            assertThat(message(() -> open(registry.host() + "/alpine:3.11", options("", ""))))
                    .isEqualTo("cannot pull \"%s/alpine:3.11\": token server answered 401 (check --username)",
                            registry.host());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TokenAuthWithAnonymousPull {

        private RegistryTokenServer tokens;
        private RegistryServer registry;

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            assumeTrue(RegistryTokenServer.keytoolAvailable(), "the JDK has no keytool");
            tokens = RegistryTokenServer.start(dir, "carol", "c4rol", "access_token", true);
            registry = RegistryServer.start(dir, new RegistryServer.Auth.Token(tokens));
            registry.push(alpineArchive, "alpine:3.11");
        }

        @AfterAll
        void stop() {
            if (registry != null) {
                registry.close();
            }
            if (tokens != null) {
                tokens.close();
            }
        }

        @Test
        void pullsAnonymouslyWithAnAccessToken() throws Exception {
            try (RegistryImage image = open(registry.host() + "/alpine:3.11", options("", ""))) {
                assertIsAlpine(image);
            }
        }
    }

    /** Blobs served by another host, as registries on object storage do; the login must not follow them. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RedirectedBlobs {

        private final List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private HttpServer storage;
        private RegistryServer registry;

        @BeforeAll
        void start(@TempDir Path dir) throws IOException, InterruptedException {
            assumeTrue(Command.executable("htpasswd").isPresent(), "htpasswd (apache2-utils) is not installed");
            RegistryServer.Auth login = new RegistryServer.Auth.Basic("dave", "d4ve");
            try (RegistryServer pushTarget = RegistryServer.start(dir, login)) {
                pushTarget.push(alpineArchive, "alpine:3.11");
            }
            Path root = dir.resolve("storage").toAbsolutePath().normalize();
            storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            storage.setExecutor(executor);
            storage.createContext("/", exchange -> serveFile(exchange, root));
            storage.start();
            registry = RegistryServer.startRedirectingBlobs(dir, login,
                    URI.create("http://127.0.0.1:%d/".formatted(storage.getAddress().getPort())));
        }

        private void serveFile(HttpExchange exchange, Path root) throws IOException {
            try (exchange) {
                storageAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
        }

        @AfterAll
        void stop() {
            if (registry != null) {
                registry.close();
            }
            if (storage != null) {
                storage.stop(0);
            }
            executor.shutdownNow();
        }

        @Test
        void followsRedirectsWithoutTheLogin() throws Exception {
            try (RegistryImage image = open(registry.host() + "/alpine:3.11", options("dave", "d4ve"))) {
                assertIsAlpine(image);
            }

            assertThat(storageAuthorizations).as("config once, layer twice").hasSize(3).containsOnly("null");
        }
    }
}
