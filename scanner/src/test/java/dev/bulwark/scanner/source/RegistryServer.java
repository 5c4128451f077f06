package dev.bulwark.scanner.source;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.testing.Patience;
import dev.bulwark.scanner.testing.Command;
import dev.bulwark.core.testing.SharedData;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real registry for tests: Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1 at a free port,
 * plain http, storing under {@code DIR/storage}. Servers started on the same directory share the storage, so a
 * test can push to one and pull from another configured differently. Images are pushed with {@code skopeo}.
 *
 * <p>Auth is one of {@link Auth.None}, {@link Auth.Basic} (an htpasswd file made with {@code htpasswd -Bbn}) or
 * {@link Auth.Token} (the registry checks JWTs from a {@link RegistryTokenServer}, which the caller closes).
 */
public final class RegistryServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Patience.HANG;
    private static final long TOOL_TIMEOUT_SECONDS = 120;

    /** How clients must log in. */
    public sealed interface Auth {
        record None() implements Auth {}

        record Basic(String user, String password) implements Auth {}

        record Token(RegistryTokenServer server) implements Auth {}
    }

    private final Path dir;
    private final Auth auth;
    private final int port;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RegistryServer(Path dir, Auth auth, Optional<URI> blobRedirect) throws IOException, InterruptedException {
        this.dir = dir;
        this.auth = auth;
        this.port = freePort();
        Files.createDirectories(storage());
        Path config = dir.resolve("registry-%d.yml".formatted(port));
        Files.writeString(config, config(blobRedirect));
        log = dir.resolve("registry-%d.log".formatted(port));
        process = new ProcessBuilder(Command.executable("docker-registry").orElseThrow().toString(), "serve",
                config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitStart();
    }

    public static RegistryServer start(Path dir, Auth auth) throws IOException, InterruptedException {
        return new RegistryServer(dir, auth, Optional.empty());
    }

    /**
     * A registry that {@code skopeo} pushed the alpine 3.11 fixture to under each of {@code images}
     * ({@code REPOSITORY:TAG}); the test is skipped, saying why, without docker-registry, skopeo, or htpasswd for
     * basic auth.
     */
    public static RegistryServer withAlpine(Path dir, Auth auth, String... images)
            throws IOException, InterruptedException {
        assumeTrue(Command.executable("docker-registry").isPresent(), "docker-registry is not installed");
        assumeTrue(Command.executable("skopeo").isPresent(), "skopeo is not installed");
        assumeTrue(!(auth instanceof Auth.Basic) || Command.executable("htpasswd").isPresent(),
                "htpasswd (apache2-utils) is not installed");
        Path archive = dir.resolve("alpine-3.11.tar");
        // skopeo reads docker archives only uncompressed
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                SharedData.path("fixtures/images/alpine-3.11.tar.gz")))) {
            Files.copy(in, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        RegistryServer registry = start(dir, auth);
        for (String image : images) {
            registry.push(archive, image);
        }
        return registry;
    }

    /** A registry whose blob GETs redirect to {@code base} + the blob's path under {@link #storage()}. */
    static RegistryServer startRedirectingBlobs(Path dir, Auth auth, URI base)
            throws IOException, InterruptedException {
        return new RegistryServer(dir, auth, Optional.of(base));
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    Path storage() {
        return dir.resolve("storage");
    }

    /** Pushes an uncompressed docker archive with {@code skopeo copy}; extra arguments go before the source. */
    public void push(Path dockerArchive, String repositoryAndTag, String... skopeoArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Command.executable("skopeo").orElseThrow().toString(),
                "--insecure-policy", "copy", "--dest-tls-verify=false"));
        switch (auth) {
            case Auth.None _ -> { }
            case Auth.Basic basic -> command.addAll(List.of("--dest-creds", basic.user() + ":" + basic.password()));
            case Auth.Token token -> command.addAll(List.of("--dest-creds",
                    token.server().user() + ":" + token.server().password()));
        }
        command.addAll(List.of(skopeoArgs));
        command.add("docker-archive:" + dockerArchive);
        command.add("docker://%s/%s".formatted(host(), repositoryAndTag));
        runTool(command);
    }

    /** {@code skopeo inspect} of an image here, as JSON text. */
    public String inspect(String repositoryAndTag) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Command.executable("skopeo").orElseThrow().toString(),
                "inspect", "--tls-verify=false"));
        if (auth instanceof Auth.Basic basic) {
            command.addAll(List.of("--creds", basic.user() + ":" + basic.password()));
        }
        command.add("docker://%s/%s".formatted(host(), repositoryAndTag));
        return runTool(command);
    }

    /** GET on the API of a registry without auth; the body of a 200. */
    byte[] get(String path, String accept) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(api(path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        expect(response, 200, "GET " + path);
        return response.body();
    }

    /** Uploads a blob in one piece (POST then PUT), on a registry without auth. */
    void putBlob(String repository, byte[] blob) throws IOException, InterruptedException {
        HttpResponse<byte[]> started = http.send(
                HttpRequest.newBuilder(api("/v2/%s/blobs/uploads/".formatted(repository)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        expect(started, 202, "start upload");
        URI location = api("/").resolve(started.headers().firstValue("Location").orElseThrow());
        URI finish = URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest="
                + Digest.sha256(blob));
        HttpResponse<byte[]> done = http.send(HttpRequest.newBuilder(finish)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofByteArray());
        expect(done, 201, "finish upload");
    }

    /** Stores a manifest or index under a tag or digest, on a registry without auth. */
    void putManifest(String repository, String reference, String mediaType, byte[] manifest)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                        api("/v2/%s/manifests/%s".formatted(repository, reference)))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        expect(response, 201, "put manifest " + reference);
    }

    private URI api(String path) {
        return URI.create("http://" + host() + path);
    }

    private static void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("%s: registry answered %d %s".formatted(what, response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8)));
        }
    }

    private String config(Optional<URI> blobRedirect) throws IOException, InterruptedException {
        StringBuilder yaml = new StringBuilder("""
                version: 0.1
                log:
                  level: info
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(storage(), port));
        blobRedirect.ifPresent(base -> yaml.append("""
                middleware:
                  storage:
                    - name: redirect
                      options:
                        baseurl: %s
                """.formatted(base)));
        switch (auth) {
            case Auth.None _ -> { }
            case Auth.Basic basic -> {
                Path htpasswd = dir.resolve("htpasswd");
                String line = runTool(List.of(Command.executable("htpasswd").orElseThrow().toString(), "-Bbn",
                        basic.user(), basic.password()));
                Files.writeString(htpasswd, line.strip() + "\n");
                yaml.append("""
                        auth:
                          htpasswd:
                            realm: bulwark-test
                            path: %s
                        """.formatted(htpasswd));
            }
            case Auth.Token token -> yaml.append("""
                    auth:
                      token:
                        realm: %s
                        service: %s
                        issuer: %s
                        rootcertbundle: %s
                    """.formatted(token.server().realm(), RegistryTokenServer.SERVICE, RegistryTokenServer.ISSUER,
                    token.server().rootCertBundle()));
        }
        return yaml.toString();
    }

    private void awaitStart() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with %d: %s"
                        .formatted(process.exitValue(), Files.readString(log)));
            }
            try {
                http.send(HttpRequest.newBuilder(api("/v2/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException _) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer within " + START_TIMEOUT);
    }

    /** Runs a tool that must succeed and returns its output. */
    // Output goes to a file, not a pipe, so that a hung tool cannot block the read and the timeout holds.
    static String runTool(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("bulwark-tool", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " did not finish");
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("%s exited with %d: %s".formatted(command.getFirst(),
                        process.exitValue(), text));
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException _) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        http.shutdownNow();
    }
}
