package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.layer.TarBuilder;
import dev.bulwark.scanner.source.Digest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Images built to hurt the scanner, each scanned by {@code bulwark scan} in a JVM of its own with a 256 MB heap:
 * every one must end well within its deadline, never run out of memory or print a stack trace, and end with one
 * line and exit 2, or a report whose warnings say what was cut. Before the budgets, each of these hung for minutes
 * or took gigabytes.
 */
class HostileImagesIT {

    private static final long DEADLINE_SECONDS = 120;

    @TempDir
    Path work;

    private record Run(int exit, String out, String err) {}

    @Test
    void quadraticDpkgContinuationLinesParseInLinearTime() throws Exception {
        String status = "Package: a\nVersion: 1\nStatus: install ok installed\nDescription: x\n"
                + " x\n".repeat(1_000_000);
        Run run = scan(archive(new TarBuilder().file("var/lib/dpkg/status", status)), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"name\" : \"a\"");
    }

    @Test
    void millionsOfBadLinesGiveAHundredWarningsAndACount() throws Exception {
        Run run = scan(archive(new TarBuilder().file("var/lib/dpkg/status", "garbage\n".repeat(500_000)
                + "\nPackage: a\nVersion: 1\n")), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("499900 more warnings like these left out");
    }

    @Test
    void apkDirectoryTimesNamesIsCutAsIncomplete() throws Exception {
        StringBuilder db = new StringBuilder("P:a\nV:1\nF:" + "d".repeat(4000) + "\n");
        db.append("R:f\n".repeat(20_000));
        Run run = scan(archive(new TarBuilder().file("lib/apk/db/installed", db.toString())), "--format", "json");
        assertIncomplete(run, "bytes of paths");
    }

    @Test
    void rpmSqliteWhosePackagesIsARecursiveViewIsNeverRun() throws Exception {
        Path db = work.resolve("rpmdb.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW Packages AS WITH RECURSIVE r(hnum, blob) AS (SELECT 1, zeroblob(16)"
                    + " UNION ALL SELECT hnum + 1, blob FROM r) SELECT hnum, blob FROM r");
        }
        Run run = scan(archive(new TarBuilder().file("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db), 0644)),
                "--format", "json");
        assertIncomplete(run, "holds a view");
    }

    @Test
    void oneLayerListedTenThousandTimesIsReadOnce() throws Exception {
        byte[] layer = new TarBuilder().file("etc/hello", "hi").tar();
        Run run = scan(archive(Collections.nCopies(10_000, layer)), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void aWhiteoutOfTheRootIsAnIncompleteReport() throws Exception {
        byte[] lower = new TarBuilder().file("var/lib/dpkg/status", "Package: a\nVersion: 1\n").tar();
        byte[] upper = new TarBuilder().file(".wh.", "").tar();
        Run run = scan(archive(List.of(lower, upper)), "--format", "json");
        assertIncomplete(run, "whiteout of the image root");
    }

    @Test
    void devicesAndFifosAreNeverReadAsFiles() throws Exception {
        TarBuilder layer = new TarBuilder();
        layer.entry(special("lib/apk/db/installed", TarConstants.LF_FIFO, 0644));
        layer.entry(special("dev/evil", TarConstants.LF_CHR, 04777));
        Run run = scan(archive(layer), "--format", "json");
        assertIncomplete(run, "not a regular file");
        assertThat(run.out()).doesNotContain("dev/evil");
    }

    @Test
    void controlCharactersInNamesAreEscapedInTheTable() throws Exception {
        Run run = scan(archive(new TarBuilder().file("bin/a\u001b[2J\rFAKE\nrow", "x".getBytes(StandardCharsets.UTF_8),
                04755)), "--format", "table");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("a\\x1b[2J\\x0dFAKE\\x0arow").doesNotContain("\u001b").doesNotContain("\r");
    }

    @Test
    void aDatabaseOverItsLimitIsAnIncompleteReport() throws Exception {
        Run run = scan(archive(new TarBuilder().file("var/lib/dpkg/status", "Package: a\nVersion: 1\n"
                + "X: " + "y".repeat(2 << 20) + "\n")), "--format", "json", "--max-file-size", "1m");
        assertIncomplete(run, "over the 1048576-byte limit");
    }

    @Test
    void aLayerOfTooManyEntriesIsOneLine() throws Exception {
        TarBuilder layer = new TarBuilder();
        for (int i = 0; i < 200; i++) {
            layer.file("f" + i, "");
        }
        Run run = scan(archive(layer), "--max-layer-entries", "100");
        assertOneLine(run, "more than 100 entries");
    }

    @Test
    void aGzipArchiveThatInflatesPastTheTemporaryLimitIsOneLineAndLeavesNothing() throws Exception {
        Path plain = archive(new TarBuilder().file("big", new byte[4 << 20], 0644));
        Path gz = work.resolve("image.tar.gz");
        Files.write(gz, TarBuilder.gzip(Files.readAllBytes(plain)));
        Run run = scan(gz, "--max-temp-size", "1m");
        assertOneLine(run, "limit for temporary files");
    }

    @Test
    void deepNpmKeysAndHugeCargoLocksAreWarnings() throws Exception {
        String deep = "node_modules/a/".repeat(100) + "node_modules/b";
        String lock = "{\"lockfileVersion\":3,\"packages\":{\"" + deep + "\":{\"version\":\"1.0.0\","
                + "\"dependencies\":{\"x\":\"1\"}}}}";
        Run run = scan(archive(new TarBuilder().file("app/package-lock.json", lock)
                .file("app/Cargo.lock", "[[package]]\n".repeat(100_001))), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("node_modules deep", "over the 100000 read from one lock file");
    }

    @Test
    void aLockFileLargerThanTheSecretSearchQueueIsReadAndSearchedWithoutWaitingForever() throws Exception {
        byte[] lock = "\n".repeat(40 << 20).getBytes(StandardCharsets.US_ASCII);
        Run run = scan(archive(new TarBuilder().file("app/Cargo.lock", lock, 0644)), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void dpkgFileListsNamingMillionsOfPathsAreCut() throws Exception {
        TarBuilder layer = new TarBuilder().file("var/lib/dpkg/status", "Package: a\nVersion: 1\n");
        for (int i = 0; i < 8; i++) {
            layer.file("var/lib/dpkg/info/p%d.list".formatted(i), "/x\n".repeat(2_000_000));
        }
        Run run = scan(archive(layer), "--format", "json");
        assertIncomplete(run, "the file lists pass");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "9223372036854775807", "1.0E30"})
    void aDescriptorSizeNoBlobHasIsOneLine(String size) throws Exception {
        byte[] layer = new TarBuilder().file("etc/hello", "hi").tar();
        Path layout = Files.createDirectories(work.resolve("oci/blobs/sha256"));
        String config = blob(layout, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + Digest.sha256(layer) + "\"]}}");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
                + "\",\"size\":" + Files.size(layout.resolve(config.substring(7))) + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + blob(layout, layer) + "\",\"size\":"
                + size + "}]}";
        String manifestDigest = blob(layout, manifest);
        Files.writeString(work.resolve("oci/oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(work.resolve("oci/index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                + manifest.length() + "}]}");
        Run run = scan("oci-dir:" + work.resolve("oci"));
        assertOneLine(run, "has size " + size + ", which no blob has");
    }

    @Test
    void aScanPastItsTimeoutIsOneLineNamingIt() throws Exception {
        try (HostileRegistry registry = new HostileRegistry(HostileRegistry::drip)) {
            Run run = scan(registry.image(), "--insecure", "--timeout", "2s");
            assertOneLine(run, "took longer than its 2 s");
        }
    }

    @Test
    void aRegistryLayerThatNeverEndsIsCutAtTheTimeout() throws Exception {
        try (HostileRegistry registry = new HostileRegistry(HostileRegistry::endless)) {
            Run run = scan(registry.image(), "--insecure", "--timeout", "2s");
            assertOneLine(run, "took longer than its 2 s");
        }
    }

    @Test
    void sigtermEndsAScanMidLayerAndRemovesItsTemporaryFiles() throws Exception {
        try (HostileRegistry registry = new HostileRegistry(HostileRegistry::drip)) {
            Process p = start(registry.image(), "--insecure");
            assertThat(registry.layerAsked.await(DEADLINE_SECONDS, TimeUnit.SECONDS))
                    .as("the scan asked for the layer within %d s", DEADLINE_SECONDS).isTrue();
            try (Stream<Path> scratch = Files.list(tmp())) {
                assertThat(scratch).as("the scan's directory under $TMPDIR").isNotEmpty();
            }
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the scan did not end within 30 s of SIGTERM");
            }
            assertThat(Files.readString(work.resolve("err"))).as("no stack trace").doesNotContain("\tat ");
            assertNoTemporaryFiles();
        }
    }

    /** Stores this blob in the OCI layout's {@code blobs/sha256} and gives its digest. */
    private static String blob(Path blobs, String content) throws IOException {
        return blob(blobs, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String blob(Path blobs, byte[] content) throws IOException {
        String digest = Digest.sha256(content).toString();
        Files.write(blobs.resolve(digest.substring(7)), content);
        return digest;
    }

    /**
     * A registry on 127.0.0.1 serving {@code app:1}, whose one layer (of no stated size) is a tar header of an
     * 8 GiB file and then what {@code body} writes until the scan hangs up.
     */
    private static final class HostileRegistry implements AutoCloseable {

        interface Body {
            void write(OutputStream out) throws IOException, InterruptedException;
        }

        private static final String LAYER = Digest.sha256(new byte[] {1}).toString();

        final CountDownLatch layerAsked = new CountDownLatch(1);
        private final HttpServer server;
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

        HostileRegistry(Body body) throws IOException {
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                    + "\"diff_ids\":[\"" + LAYER + "\"]}}").getBytes(StandardCharsets.UTF_8);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                    + Digest.sha256(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + LAYER + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            Map<String, byte[]> documents = Map.of("/v2/", "{}".getBytes(StandardCharsets.UTF_8),
                    "/v2/app/manifests/1", manifest, "/v2/app/blobs/" + Digest.sha256(config), config);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                try (exchange; OutputStream out = exchange.getResponseBody()) {
                    String path = exchange.getRequestURI().getPath();
                    if (path.equals("/v2/app/blobs/" + LAYER)) {
                        layerAsked.countDown();
                        exchange.sendResponseHeaders(200, 0);
                        TarArchiveEntry huge = new TarArchiveEntry("huge");
                        huge.setSize((8L << 30) - 1);
                        byte[] header = new byte[512];
                        huge.writeEntryHeader(header);
                        out.write(header);
                        body.write(out);
                    } else if (documents.containsKey(path)) {
                        exchange.getResponseHeaders().add("Content-Type",
                                "application/vnd.oci.image.manifest.v1+json");
                        exchange.sendResponseHeaders(200, documents.get(path).length);
                        out.write(documents.get(path));
                    } else {
                        exchange.sendResponseHeaders(404, -1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        /** One byte every 50 ms, forever. */
        static void drip(OutputStream out) throws IOException, InterruptedException {
            while (true) {
                out.write(0);
                out.flush();
                Thread.sleep(50);
            }
        }

        /** Zeros as fast as they are taken, forever. */
        static void endless(OutputStream out) throws IOException {
            byte[] zeros = new byte[64 << 10];
            while (true) {
                out.write(zeros);
            }
        }

        String image() {
            return "registry:127.0.0.1:" + server.getAddress().getPort() + "/app:1";
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static TarArchiveEntry special(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        return e;
    }

    private void assertIncomplete(Run run, String reason) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.err()).singleElement().asString()
                .startsWith("bulwark: the report is incomplete").contains(reason);
        assertThat(run.out()).contains("\"incomplete\" : true");
    }

    private static void assertOneLine(Run run, String reason) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.err()).singleElement().asString().startsWith("bulwark: ")
                .contains(reason);
    }

    private Path archive(TarBuilder layer) throws IOException {
        return archive(List.of(layer.tar()));
    }

    /** A docker-archive of these layer tars, bottom first. */
    private Path archive(List<byte[]> layers) throws IOException {
        TarBuilder out = new TarBuilder();
        List<String> names = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (byte[] layer : layers) {
            String digest = Digest.sha256(layer).toString();
            String name = digest.substring(7) + "/layer.tar";
            if (!names.contains(name)) {
                out.file(name, layer, 0644);
            }
            names.add(name);
            diffIds.add("\"" + digest + "\"");
        }
        out.file("config.json", "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[" + String.join(",", diffIds) + "]}}");
        out.file("manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[" + String.join(",",
                names.stream().map(n -> "\"" + n + "\"").toList()) + "]}]");
        Path file = Files.createTempFile(work, "image", ".tar");
        Files.write(file, out.tar());
        return file;
    }

    /** {@code bulwark scan --scanners secret} of this docker-archive; see {@link #scan(String, String...)}. */
    private Run scan(Path image, String... options) throws Exception {
        return scan("docker-archive:" + image, options);
    }

    /** {@code bulwark scan --scanners secret} (no database needed) of this source, waited for and checked. */
    private Run scan(String source, String... options) throws Exception {
        Process p = start(source, options);
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the scan of %s did not end within %d s".formatted(source, DEADLINE_SECONDS));
        }
        String err = Files.readString(work.resolve("err"));
        assertThat(err).as("no stack trace, no out of memory").doesNotContain("\tat ", "OutOfMemory",
                "out of memory");
        assertNoTemporaryFiles();
        return new Run(p.exitValue(), Files.readString(work.resolve("out")), err);
    }

    /** Starts {@code bulwark scan --scanners secret} in a child JVM with a 256 MB heap and $TMPDIR {@code tmp}. */
    private Process start(String source, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmp(), "-cp", System.getProperty("java.class.path"), "dev.bulwark.cli.Main",
                "scan", "--scanners", "secret"));
        command.addAll(List.of(options));
        command.add(source);
        return new ProcessBuilder(command).redirectOutput(work.resolve("out").toFile())
                .redirectError(work.resolve("err").toFile()).start();
    }

    private Path tmp() throws IOException {
        return Files.createDirectories(work.resolve("tmp"));
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> left = Files.list(tmp())) {
            assertThat(left).as("temporary files left in $TMPDIR").isEmpty();
        }
    }
}
