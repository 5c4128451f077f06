package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark db update --from-feeds}: the public feeds' files served from a local HTTP server as their sites
 * publish them (OSV as a zip of records, Alpine's secdb as one file), built, signed and installed; a bad feed list,
 * a missing feed or a hostile zip leaves nothing installed.
 */
class DbFromFeedsTest {

    @TempDir
    Path dir;

    HttpServer server;
    String base;

    @BeforeEach
    void serve() throws IOException {
        Path pypi = zip(SharedData.path("feeds/osv-pypi"), dir.resolve("PyPI-all.zip"), 40);
        Path secdb = SharedData.path("feeds/alpine-secdb/v3.11/main.yaml");
        Path slip = Files.write(dir.resolve("slip.zip"), zipOf("../../evil.json", "{}"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (var served : List.of(List.of("/osv/PyPI/all.zip", pypi), List.of("/alpine/v3.11/main.yaml", secdb),
                List.of("/slip/all.zip", slip))) {
            Path file = (Path) served.get(1);
            server.createContext((String) served.get(0), exchange -> {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
        }
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        assertThat(CliRun.of("db", "keygen", dir.resolve("k").toString()).exitCode()).isZero();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CliRun update(String list) throws IOException {
        Path file = Files.writeString(dir.resolve("feeds.txt"), list.replace("BASE", base));
        return CliRun.of("db", "update", "--from-feeds", file.toString(), "--sign-key", dir.resolve("k.key")
                .toString(), "--public-key", dir.resolve("k.pub").toString(), "--db", dir.resolve("db.bwdb")
                .toString());
    }

    @Test
    void theFeedsAListNamesAreDownloadedBuiltSignedAndInstalled() throws IOException {
        CliRun run = update("""
                # the two feeds of this test
                osv BASE/osv/PyPI/all.zip
                alpine-secdb   BASE/alpine/v3.11/main.yaml
                """);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("installed database built");
        CliRun verify = CliRun.of("db", "verify", "--db", dir.resolve("db.bwdb").toString(), "--public-key",
                dir.resolve("k.pub").toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        CliRun info = CliRun.of("db", "info", "--db", dir.resolve("db.bwdb").toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("osv", "alpine-secdb");
        assertThat(run.err()).containsPattern("osv=\\S+: \\d+ files, [1-9]\\d* advisories imported");
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("bulwark-feeds-"))).isEmpty();
        }
    }

    @Test
    void aBadListAMissingFeedOrAHostileZipInstallsNothing() throws IOException {
        CliRun malformed = update("osv\n");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(malformed.err()).contains("feeds.txt:1: a feed is KIND URL");
        assertThat(update("cvrf BASE/x.json\n").err()).contains("feeds.txt:1:");
        assertThat(update("osv file:///etc/passwd\n").err()).contains("not an http(s) URL");

        CliRun missing = update("osv BASE/osv/Go/all.zip\n");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.err()).contains("server answered 404");

        CliRun slip = update("osv BASE/slip/all.zip\n");
        assertThat(slip.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(slip.err()).contains("the zip names a file outside it (../../evil.json)");
        assertThat(dir.getParent().resolve("evil.json")).doesNotExist();

        assertThat(dir.resolve("db.bwdb")).doesNotExist();
    }

    /** The first {@code records} OSV records (files) below {@code root} as a zip, as OSV's all.zip holds them. */
    private static Path zip(Path root, Path out, int records) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out));
                Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")
                    || p.toString().endsWith(".yaml")).sorted().limit(records).toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return out;
    }

    private static byte[] zipOf(String name, String body) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
