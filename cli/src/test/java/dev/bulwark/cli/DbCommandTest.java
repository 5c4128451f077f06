package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {

    /** A Debian tracker document in the published shape. */
    static final String TRACKER = """
            {"openssl": {"CVE-2024-0001": {"description": "test issue",
              "releases": {"bookworm": {"status": "resolved", "fixed_version": "3.0.13-1~deb12u1", "urgency": "high"}}}}}
            """;

    @TempDir
    Path dir;

    Path key;
    Path pub;
    Path db;

    @BeforeEach
    void keysAndDatabase() throws IOException {
        CliRun keygen = CliRun.of("db", "keygen", dir.resolve("signing").toString());
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        key = dir.resolve("signing.key");
        pub = dir.resolve("signing.pub");
        db = build("db.bwdb", "--sign-key", key.toString());
    }

    private Path build(String name, String... extra) throws IOException {
        Path tracker = Files.writeString(dir.resolve("tracker.json"), TRACKER);
        Path out = dir.resolve(name);
        String[] args = {"db", "build", "--source", "debian-tracker=" + tracker, "--out", out.toString()};
        CliRun run = CliRun.of(concat(args, extra));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void keygenKeepsThePrivateKeyPrivateAndNeverOverwrites() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");
        CliRun again = CliRun.of("db", "keygen", dir.resolve("signing").toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("bulwark: " + key + " exists; not overwriting a key\n");
    }

    @Test
    void buildReportsCountsAndInfoShowsThem() {
        CliRun info = CliRun.of("db", "info", "--db", db.toString());
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).contains("Signed:      yes", "Advisories:  1", "Packages:    1", "debian-tracker")
                .containsPattern("Version:     \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(schema 1\\)");
    }

    @Test
    void verifyChecksTheSignatureAgainstTheGivenKey() throws IOException {
        CliRun good = CliRun.of("db", "verify", "--db", db.toString(), "--public-key", pub.toString());
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.out()).startsWith(db + ": signature good, built ");
        CliRun.of("db", "keygen", dir.resolve("other").toString());
        CliRun wrong = CliRun.of("db", "verify", "--db", db.toString(), "--public-key", dir.resolve("other.pub").toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("signature does not match any trusted key");
        Path unsigned = build("unsigned.bwdb");
        CliRun notSigned = CliRun.of("db", "verify", "--db", unsigned.toString(), "--public-key", pub.toString());
        assertThat(notSigned.err()).isEqualTo("bulwark: " + unsigned + ": is not signed (use --skip-db-verify to use it"
                + " anyway)\n");
    }

    @Test
    void buildRefusesBadSourcesAndKeepsNoPartialFile() {
        CliRun kind = CliRun.of("db", "build", "--source", "cvrf=/tmp", "--out", dir.resolve("x").toString());
        assertThat(kind.exitCode()).isEqualTo(2);
        assertThat(kind.err()).startsWith("bulwark: --source cvrf=/tmp: unknown feed kind 'cvrf'");
        CliRun missing = CliRun.of("db", "build", "--source", "osv=" + dir.resolve("nope"), "--out",
                dir.resolve("x").toString());
        assertThat(missing.err()).endsWith(": no such file or directory\n");
        CliRun form = CliRun.of("db", "build", "--source", "osv", "--out", dir.resolve("x").toString());
        assertThat(form.err()).isEqualTo("bulwark: --source osv: expected KIND=PATH\n");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void importInstallsOnlyAVerifiedDatabase() throws IOException {
        Path installed = dir.resolve("installed/vulndb.bwdb");
        CliRun ok = CliRun.of("db", "import", db.toString(), "--db", installed.toString(), "--public-key", pub.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(installed).hasSameBinaryContentAs(db);

        byte[] tampered = Files.readAllBytes(db);
        tampered[tampered.length - 1] ^= 1;
        Path bad = Files.write(dir.resolve("bad.bwdb"), tampered);
        CliRun refused = CliRun.of("db", "import", bad.toString(), "--db", installed.toString(), "--public-key",
                pub.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(installed).hasSameBinaryContentAs(db);
        try (var files = Files.list(installed.getParent())) {
            assertThat(files).containsExactly(installed);
        }
    }

    @Test
    void updateDownloadsVerifiesAndSwaps() throws IOException {
        Path installed = dir.resolve("installed.bwdb");
        byte[] bundle = Files.readAllBytes(db);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/good", exchange -> {
            exchange.sendResponseHeaders(200, bundle.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bundle);
            }
        });
        server.createContext("/cut", exchange -> {
            exchange.sendResponseHeaders(200, bundle.length);
            OutputStream out = exchange.getResponseBody();
            out.write(bundle, 0, bundle.length / 2);
            out.flush();
            exchange.getHttpContext().getServer().stop(0);
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            CliRun missing = CliRun.of("db", "update", "--url", base + "/missing", "--db", installed.toString(),
                    "--public-key", pub.toString());
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("404");
            assertThat(installed).doesNotExist();

            CliRun good = CliRun.of("db", "update", "--url", base + "/good", "--db", installed.toString(),
                    "--public-key", pub.toString());
            assertThat(good.exitCode()).as(good.err()).isZero();
            assertThat(installed).hasSameBinaryContentAs(db);

            CliRun cut = CliRun.of("db", "update", "--url", base + "/cut", "--db", installed.toString(),
                    "--public-key", pub.toString());
            assertThat(cut.exitCode()).isNotZero();
            assertThat(installed).as("an interrupted download keeps the old database").hasSameBinaryContentAs(db);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".bulwark-db-"));
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void updateRefusesOtherSchemes() {
        CliRun run = CliRun.of("db", "update", "--url", "file:///etc/passwd", "--db", dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
