package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.layer.TarBuilder;
import dev.bulwark.scanner.source.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** {@code bulwark scan --scanners secret} (no database needed) in a child JVM with a 256 MB heap. */
    private Run scan(Path image, String... options) throws Exception {
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), "dev.bulwark.cli.Main",
                "scan", "--scanners", "secret"));
        command.addAll(List.of(options));
        command.add("docker-archive:" + image);
        Process p = new ProcessBuilder(command).redirectOutput(work.resolve("out").toFile())
                .redirectError(work.resolve("err").toFile()).start();
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the scan of %s did not end within %d s".formatted(image, DEADLINE_SECONDS));
        }
        String err = Files.readString(work.resolve("err"));
        assertThat(err).as("no stack trace, no out of memory").doesNotContain("\tat ", "OutOfMemory",
                "out of memory");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("temporary files left in $TMPDIR").isEmpty();
        }
        return new Run(p.exitValue(), Files.readString(work.resolve("out")), err);
    }
}
