package dev.bulwark.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.testing.Patience;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the registry source does when the other side misbehaves. A real registry never sends a wrong digest or a
 * 5 MiB manifest, so these run against {@link FakeRegistry} and raw sockets; {@code RegistryPullIT} covers the
 * real thing.
 */
class RegistryImageFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] LAYER = "pretend this is a gzipped tar".getBytes(StandardCharsets.US_ASCII);
    private static final String DIFF_ID = Digest.sha256("pretend this is a tar".getBytes(StandardCharsets.US_ASCII))
            .toString();

    @TempDir
    Path dir;

    private FakeRegistry fake;

    @BeforeEach
    void startFake() throws IOException {
        fake = FakeRegistry.start();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private SourceOptions options(boolean insecure, String user, String password) {
        return new SourceOptions("linux/amd64", insecure, user, password, dir.resolve("no-docker-config.json"));
    }

    private RegistryImage open(String reference) {
        return RegistryImage.open(reference, options(true, "", ""), Map.of(), TIMEOUT);
    }

    private String prefix(String host) {
        return "cannot pull \"%s/app:1\": ".formatted(host);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] config(String... diffIds) {
        return bytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[%s]}}"
                .formatted(String.join(",", List.of(diffIds).stream().map(d -> "\"" + d + "\"").toList())));
    }

    private static byte[] manifest(byte[] config, byte[] layer) {
        return bytes("""
                {"schemaVersion":2,"mediaType":"%s",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%d,"digest":"%s"},
                 "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":%d,"digest":"%s"}]}
                """.formatted(Manifest.DOCKER_MANIFEST, config.length, Digest.sha256(config), layer.length,
                Digest.sha256(layer)));
    }

    /** Serves app:1 made of the given config, and LAYER under the digest the manifest gives. */
    private byte[] serveImage(byte[] config, byte[] layerServed) {
        byte[] manifest = manifest(config, LAYER);
        fake.answer("/v2/app/manifests/1", 200, manifest, "Content-Type", Manifest.DOCKER_MANIFEST)
                .answer("/v2/app/blobs/" + Digest.sha256(config), 200, config)
                .answer("/v2/app/blobs/" + Digest.sha256(LAYER), 200, layerServed);
        return manifest;
    }

    @Test
    void pullsWhatAWellBehavedServerSends() throws IOException {
        byte[] manifest = serveImage(config(DIFF_ID), LAYER);

        try (RegistryImage image = open(fake.host() + "/app:1")) {
            assertThat(image.reference()).isEqualTo(fake.host() + "/app:1");
            assertThat(image.manifestDigest()).isEqualTo(Digest.sha256(manifest).toString());
            assertThat(image.config().platform()).isEqualTo("linux/amd64");
            assertThat(image.layers()).containsExactly(new LayerDescriptor(Digest.sha256(LAYER).toString(), DIFF_ID,
                    LAYER.length, "application/vnd.docker.image.rootfs.diff.tar.gzip"));
            try (InputStream in = image.openLayer(image.layers().getFirst())) {
                assertThat(in.readAllBytes()).isEqualTo(LAYER);
            }
            assertThatThrownBy(() -> image.openLayer(new LayerDescriptor(DIFF_ID, DIFF_ID, 1, "")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void serverErrorOnPing() {
        fake.answer("/v2/", 500, bytes("oops"));

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "registry answered 500: server error (try again later)");
    }

    @Test
    void throttledRequestsWaitAsAskedAndTryAgain() throws IOException {
        serveImage(config(DIFF_ID), LAYER);
        fake.answerOnce("/v2/app/manifests/1", 429, new byte[0], "Retry-After", "1")
                .answerOnce("/v2/app/blobs/" + Digest.sha256(LAYER), 429, new byte[0], "Retry-After",
                        "Thu, 01 Jan 1970 00:00:00 GMT");

        try (RegistryImage image = open(fake.host() + "/app:1");
                InputStream in = image.openLayer(image.layers().getFirst())) {
            assertThat(in.readAllBytes()).isEqualTo(LAYER);
        }
        assertThat(fake.seen().stream().filter(s -> s.path().equals("/v2/app/manifests/1"))).hasSize(2);
        assertThat(fake.seen().stream().filter(s -> s.path().endsWith(Digest.sha256(LAYER).toString()))).hasSize(2);
    }

    @Test
    void throttlingThatAsksTooLongOrNeverEndsFailsWithOneLine() {
        fake.answer("/v2/app/manifests/1", 429, new byte[0], "Retry-After", "3600");
        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "registry answered 429: too many requests (try again in 3600s)");

        fake.answer("/v2/app/manifests/1", 429, new byte[0]);
        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .hasMessage(prefix(fake.host()) + "registry answered 429: too many requests (try again later)");

        int before = fake.seen().size();
        fake.answer("/v2/app/manifests/1", 429, new byte[0], "Retry-After", "0");
        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .hasMessage(prefix(fake.host()) + "registry answered 429: too many requests (try again in 0s)");
        assertThat(fake.seen().subList(before, fake.seen().size()).stream()
                .filter(s -> s.path().equals("/v2/app/manifests/1"))).as("three waits, then no more").hasSize(4);
    }

    @Test
    void serverErrorOnManifest() {
        fake.answer("/v2/app/manifests/1", 503, new byte[0]);

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "registry answered 503: server error (try again later)");
    }

    @Test
    void missingImageNamesTheRegistryErrorCode() {
        fake.answer("/v2/app/manifests/1", 404, bytes("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}"));

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "registry answered 404: image or tag not found (MANIFEST_UNKNOWN)");
    }

    @Test
    void hostWithoutTheApi() {
        fake.answer("/v2/", 404, new byte[0]);

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "%s does not serve the registry API v2 (GET /v2/ answered 404)",
                        fake.host());
    }

    @Test
    void connectionClosedWithoutAnswer() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // the acceptor ends when the try block closes the server socket
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket _ = server.accept()) {
                        // closed at once, before any answer
                    } catch (IOException _) {
                        return;
                    }
                }
            });
            String host = "127.0.0.1:" + server.getLocalPort();

            assertThatThrownBy(() -> open(host + "/app:1"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(prefix(host) + "connection to %s closed before a complete answer", host)
                    .hasCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void connectionRefused() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String host = "127.0.0.1:" + port;

        assertThatThrownBy(() -> open(host + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(host) + "cannot connect to %s (connection refused or unreachable)", host);
    }

    @Test
    void silentServerTimesOut() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // the acceptor ends when the try block closes the server socket
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(server.accept());
                    }
                } catch (IOException _) {
                    // the server socket was closed: the test is over
                }
            });
            String host = "127.0.0.1:" + server.getLocalPort();

            assertThatThrownBy(() -> RegistryImage.open(host + "/app:1", options(false, "", ""), Map.of(),
                    Duration.ofSeconds(1)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(prefix(host) + "no answer from %s within 1s", host);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void plainHttpIsNotSpokenWithoutInsecure() throws Exception {
        // A plain-http server that answers what the client opens with by an HTTP 400, as registries do. The JDK's
        // HTTP server is not used here: its reaction to a TLS hello depends on the hello's random bytes (a stray
        // newline makes a request line of them), so the client saw a TLS failure or a timeout by chance.
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var opening = new CompletableFuture<byte[]>();
            Thread.ofVirtual().start(() -> {
                try (Socket client = server.accept()) {
                    var in = client.getInputStream();
                    byte[] record = in.readNBytes(5); // a TLS record's header: type, version, length
                    opening.complete(Arrays.copyOf(record, 2));
                    // the whole hello is read first: a socket closed with input unread is reset, and the reset
                    // can take the answer with it, leaving the client waiting instead of failing its handshake
                    in.readNBytes(record.length == 5 ? (record[3] & 0xff) << 8 | record[4] & 0xff : 0);
                    client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    client.shutdownOutput();
                    in.transferTo(OutputStream.nullOutputStream()); // until the client gives up and closes
                } catch (IOException e) {
                    opening.completeExceptionally(e);
                }
            });
            String host = "127.0.0.1:" + server.getLocalPort();

            // the server answers at once: the time limit only guards against a hang, however loaded the machine
            assertThatThrownBy(() -> RegistryImage.open(host + "/app:1", options(false, "", ""), Map.of(),
                    Patience.HANG))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(prefix(host) + "TLS with %s failed (for a registry that serves plain http, use"
                            + " --insecure)", host);
            assertThat(opening.get(Patience.HANG.toSeconds(), TimeUnit.SECONDS))
                    .as("a TLS handshake record, nothing in clear").containsExactly(0x16, 0x03);
        }
    }

    @Test
    void httpsOnlyServerAnswering400ToPlainHttp() {
        fake.answer("/v2/", 400, bytes("Client sent an HTTP request to an HTTPS server."));

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host())
                        + "registry answered 400 to plain http (if it serves https, drop --insecure)");
    }

    @Test
    void manifestThatIsNotJson() {
        fake.answer("/v2/app/manifests/1", 200, bytes("<html>login page</html>"));

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(prefix(fake.host()) + "manifest is not JSON (");
    }

    @Test
    void oversizedManifest() {
        fake.answer("/v2/app/manifests/1", 200, new byte[Manifest.MAX_SIZE + 4096]);

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "manifest is larger than %d bytes", Manifest.MAX_SIZE);
    }

    @Test
    void manifestThatDoesNotMatchTheRequestedDigest() {
        byte[] manifest = manifest(config(DIFF_ID), LAYER);
        Digest asked = Digest.sha256(bytes("something else"));
        fake.answer("/v2/app/manifests/" + asked, 200, manifest);

        assertThatThrownBy(() -> open(fake.host() + "/app@" + asked))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot pull \"%s/app@%s\": manifest digest mismatch: expected %s, received content has %s",
                        fake.host(), asked, asked, Digest.sha256(manifest));
    }

    @Test
    void manifestThatDoesNotMatchTheRegistrysOwnDigestHeader() {
        Digest claimed = Digest.sha256(bytes("claimed"));
        fake.answer("/v2/app/manifests/1", 200, manifest(config(DIFF_ID), LAYER),
                "Docker-Content-Digest", claimed.toString());

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(prefix(fake.host()) + "manifest digest mismatch: expected " + claimed);
    }

    @Test
    void malformedDigestHeader() {
        fake.answer("/v2/app/manifests/1", 200, manifest(config(DIFF_ID), LAYER),
                "Docker-Content-Digest", "sha256:not-hex");

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "registry sent a malformed Docker-Content-Digest header");
    }

    @Test
    void configThatDoesNotMatchItsDigest() {
        byte[] config = config(DIFF_ID);
        serveImage(config, LAYER);
        byte[] tampered = config(DIFF_ID, DIFF_ID);
        fake.answer("/v2/app/blobs/" + Digest.sha256(config), 200, tampered);

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "blob %s arrived as %d bytes with digest %s (manifest says %d bytes)",
                        Digest.sha256(config), tampered.length, Digest.sha256(tampered), config.length);
    }

    @Test
    void configWithMoreDiffIdsThanLayers() {
        serveImage(config(DIFF_ID, DIFF_ID), LAYER);

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "the manifest lists 1 layers but the config 2 diff ids");
    }

    @Test
    void layerWithOtherContentFailsAtTheEnd() throws IOException {
        byte[] corrupt = LAYER.clone();
        corrupt[3] ^= 1;
        serveImage(config(DIFF_ID), corrupt);

        try (RegistryImage image = open(fake.host() + "/app:1");
                InputStream in = image.openLayer(image.layers().getFirst())) {
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(IOException.class)
                    .hasMessage(prefix(fake.host()) + "layer %s: content has digest %s", Digest.sha256(LAYER),
                            Digest.sha256(corrupt));
        }
    }

    @Test
    void missingLayer() {
        byte[] config = config(DIFF_ID);
        fake.answer("/v2/app/manifests/1", 200, manifest(config, LAYER))
                .answer("/v2/app/blobs/" + Digest.sha256(config), 200, config);

        try (RegistryImage image = open(fake.host() + "/app:1")) {
            assertThatThrownBy(() -> image.openLayer(image.layers().getFirst()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(prefix(fake.host()) + "registry answered 404: blob %s not found (NAME_UNKNOWN)",
                            Digest.sha256(LAYER));
        }
    }

    @Test
    void indexWithoutTheRequestedPlatform() {
        fake.answer("/v2/app/manifests/1", 200, bytes("""
                {"schemaVersion":2,"mediaType":"%s","manifests":[
                 {"mediaType":"%s","size":1,"digest":"%s",
                  "platform":{"os":"linux","architecture":"arm64","variant":"v8"}},
                 {"mediaType":"%s","size":1,"digest":"%s","platform":{"os":"windows","architecture":"amd64"}}]}
                """.formatted(Manifest.OCI_INDEX, Manifest.OCI_MANIFEST, Digest.sha256(bytes("a")),
                Manifest.OCI_MANIFEST, Digest.sha256(bytes("b")))));

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host())
                        + "no image for platform linux/amd64 (offered: linux/arm64/v8, windows/amd64; use --platform)");
    }

    @Test
    void basicChallengeWithoutLogin() {
        fake.answer("/v2/", 401, new byte[0], "WWW-Authenticate", "Basic realm=\"registry\"");

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "registry answered 401 (check --username)");
    }

    @Test
    void tokenServerFailures() {
        String realm = "http://%s/token".formatted(fake.host());
        fake.answer("/v2/", 401, new byte[0],
                "WWW-Authenticate", "Bearer realm=\"%s\",service=\"fake\"".formatted(realm));
        Map<String, String> answers = Map.of(
                "{\"token\":\"abc\\r\\nX-Injected: 1\"}",
                "token server answered a token with characters a header cannot carry",
                "not json", "token server answered something other than JSON",
                "{\"expires_in\":60}", "token server answered no token");
        answers.forEach((answer, message) -> {
            fake.answer("/token", 200, bytes(answer));
            assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(prefix(fake.host()) + message);
        });
        fake.answer("/token", 500, new byte[0]);
        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "token server answered 500");
    }

    @Test
    void plainHttpTokenRealmIsRefusedWithoutInsecure() {
        RegistryTransport transport = new RegistryTransport("x", TIMEOUT, RegistryTrace.NONE);
        RegistryAuth auth = new RegistryAuth(transport, new RegistryCredentials("u", "secret"),
                "repository:app:pull", false);

        assertThatThrownBy(() -> auth.answer(AuthChallenge.parse(
                List.of("Bearer realm=\"http://auth.example/token\"")), ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot pull \"x\": token realm http://auth.example is plain http "
                        + "(use --insecure to allow it)");
        transport.close();
    }

    @Test
    void redirectLoopIsCut() {
        serveImage(config(DIFF_ID), LAYER);
        fake.answer("/v2/app/manifests/1", 307, new byte[0], "Location", "/v2/app/manifests/1");

        assertThatThrownBy(() -> open(fake.host() + "/app:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix(fake.host()) + "more than 5 redirects for manifests/1");
    }

    @Test
    void credentialsStayWithTheRegistryWhenBlobsRedirectElsewhere() throws IOException {
        byte[] config = config(DIFF_ID);
        try (FakeRegistry storage = FakeRegistry.start()) {
            storage.answer("/data/config", 200, config).answer("/data/layer", 200, LAYER);
            fake.answer("/v2/", 401, new byte[0], "WWW-Authenticate", "Basic realm=\"registry\"")
                    .answer("/v2/app/manifests/1", 200, manifest(config, LAYER))
                    .answer("/v2/app/blobs/" + Digest.sha256(config), 307, new byte[0],
                            "Location", "http://%s/data/config".formatted(storage.host()))
                    .answer("/v2/app/blobs/" + Digest.sha256(LAYER), 302, new byte[0],
                            "Location", "http://%s/data/layer?sig=1".formatted(storage.host()));

            try (RegistryImage image = RegistryImage.open(fake.host() + "/app:1", options(true, "alice", "s3cret"),
                    Map.of(), TIMEOUT); InputStream in = image.openLayer(image.layers().getFirst())) {
                assertThat(in.readAllBytes()).isEqualTo(LAYER);
            }

            assertThat(fake.seen()).filteredOn(s -> s.path().startsWith("/v2/app/"))
                    .allSatisfy(s -> assertThat(s.headers().getFirst("Authorization"))
                            .isEqualTo(new RegistryCredentials("alice", "s3cret").basicAuthorization()));
            assertThat(storage.seen()).hasSize(2)
                    .allSatisfy(s -> assertThat(s.headers().containsKey("Authorization")).isFalse());
        }
    }
}
