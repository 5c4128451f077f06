package dev.bulwark.scanner.index.os.rpm;

import dev.bulwark.scanner.budget.TemporarySpace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.scanner.index.AnalysisException;
import dev.bulwark.scanner.index.CappedWarnings;
import dev.bulwark.scanner.index.FileContent;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.testing.Command;
import dev.bulwark.scanner.testing.MapAnalyzerInput;
import dev.bulwark.core.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real databases of {@code shared/fixtures/rpmdb} against what {@code rpm -qa} itself reads from them. Debian's
 * rpm reads SQLite and Berkeley DB but has no NDB support, so for NDB the header blobs we extract are stored in a
 * fresh SQLite database and rpm reads those: any byte we got wrong fails rpm's own header checks or shows in the
 * fields.
 */
class RpmDatabaseAnalyzerTest {

    private static final Pattern SOURCE_RPM = Pattern.compile("(.+)-([^-]+)-([^-]+)\\.(?:no)?src\\.rpm");
    private static final String QUERY_FORMAT =
            "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{MODULARITYLABEL}\\n";

    private final RpmDatabaseAnalyzer analyzer = new RpmDatabaseAnalyzer(TemporarySpace.systemDefault());

    @TempDir
    Path tmp;

    private static Path fixture(String dir, String file) {
        return SharedData.path("fixtures/rpmdb/" + dir + "/" + file);
    }

    private Inventory analyze(String path, byte[] body) throws AnalysisException {
        return analyzer.analyze(new MapAnalyzerInput(Map.of(path, body)));
    }

    /** Our packages in rpm's query format, to compare line by line with rpm's own. */
    private static List<String> asQueryLines(Inventory inventory) {
        return inventory.packages().stream().map(p -> {
            int colon = p.version().indexOf(':');
            String epoch = colon > 0 ? p.version().substring(0, colon) : "0";
            String vr = p.version().substring(colon + 1);
            int dash = vr.lastIndexOf('-');
            return String.join("\t", p.name(), epoch, vr.substring(0, dash), vr.substring(dash + 1),
                    p.arch().isEmpty() ? "(none)" : p.arch(), p.sourceName() + "-" + p.sourceVersion()
                            .substring(p.sourceVersion().indexOf(':') + 1),
                    p.modularityLabel().isEmpty() ? "(none)" : p.modularityLabel());
        }).sorted().toList();
    }

    /** rpm's lines with the source rpm cut to {@code name-version-release}, as we report it. */
    private static List<String> rpmQuery(Path dbDir, String backend) throws IOException {
        String out = Command.of("rpm", "--define", "_db_backend " + backend, "--dbpath", dbDir.toString(), "-qa",
                "--qf", QUERY_FORMAT).run(dbDir).stdout();
        return out.lines().map(line -> {
            String[] f = line.split("\t", -1);
            Matcher m = SOURCE_RPM.matcher(f[5]);
            f[5] = m.matches() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) : f[0] + "-" + f[2] + "-" + f[3];
            return String.join("\t", f);
        }).sorted().toList();
    }

    private static Map<String, List<String>> rpmFiles(Path dbDir, String backend) throws IOException {
        String out = Command.of("rpm", "--define", "_db_backend " + backend, "--dbpath", dbDir.toString(), "-qa",
                "--qf", "[%{=NAME}\\t%{FILENAMES}\\n]").run(dbDir).stdout();
        Map<String, List<String>> files = new HashMap<>();
        out.lines().map(l -> l.split("\t", 2))
                .forEach(f -> files.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1].substring(1)));
        return files;
    }

    private Path copy(String dir, String file) throws IOException {
        Path target = Files.createDirectories(tmp.resolve(dir));
        Files.copy(fixture(dir, file), target.resolve(file));
        target.resolve(file).toFile().setWritable(true);
        return target;
    }

    private static void assumeRpm() {
        assumeTrue(Command.executable("rpm").isPresent(),
                "rpm is not installed (apt-get install rpm): oracle test skipped");
    }

    private static void assertSameFiles(Inventory ours, Map<String, List<String>> rpm) {
        for (InstalledPackage p : ours.packages()) {
            assertThat(p.files()).as(p.name()).containsExactlyElementsOf(rpm.getOrDefault(p.name(), List.of()));
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"cbl-mariner-2.0, rpmdb.sqlite, sqlite", "libuuid, Packages, bdb_ro"})
    void readsWhatRpmReads(String dir, String file, String backend) throws Exception {
        Inventory ours = analyze("var/lib/rpm/" + file, Files.readAllBytes(fixture(dir, file)));
        assumeRpm();
        Path db = copy(dir, file);
        assertThat(ours.warnings()).isEmpty();
        assertThat(asQueryLines(ours)).isNotEmpty().containsExactlyElementsOf(rpmQuery(db, backend));
        assertSameFiles(ours, rpmFiles(db, backend));
    }

    @Test
    void readsNdbAsRpmReadsTheSameHeaders() throws Exception {
        byte[] ndb = Files.readAllBytes(fixture("sle15-bci", "Packages.db"));
        Inventory ours = analyze("usr/lib/sysimage/rpm/Packages.db", ndb);
        assertThat(ours.warnings()).isEmpty();
        assertThat(ours.packages()).hasSize(35);
        assumeRpm();
        Path db = Files.createDirectories(tmp.resolve("ndb-as-sqlite"));
        Command.of("rpmdb", "--define", "_db_backend sqlite", "--dbpath", db.toString(), "--initdb").run(db);
        storeHeaders(db.resolve("rpmdb.sqlite"), NdbRpmdb.read(ndb, new CappedWarnings(new FileContent("Packages.db", "", 0, ndb))).headers());
        assertThat(asQueryLines(ours)).containsExactlyElementsOf(rpmQuery(db, "sqlite"));
        assertSameFiles(ours, rpmFiles(db, "sqlite"));
    }

    /** Adds headers to the Packages table of a database that {@code rpmdb --initdb} created. */
    private static void storeHeaders(Path file, List<HeaderBlobs.Blob> headers) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement insert = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
            for (HeaderBlobs.Blob h : headers) {
                insert.setBytes(1, h.bytes());
                insert.executeUpdate();
            }
        }
    }

    @Test
    void epochsAndSourcePackagesAreReported() throws Exception {
        Inventory ours = analyze("var/lib/rpm/rpmdb.sqlite",
                Files.readAllBytes(fixture("cbl-mariner-2.0", "rpmdb.sqlite")));
        assertThat(ours.packages()).filteredOn(p -> p.name().equals("openssl-libs")).singleElement()
                .satisfies(p -> {
                    assertThat(p.sourceName()).isEqualTo("openssl");
                    assertThat(p.sourceVersion()).isEqualTo(p.version());
                    assertThat(p.arch()).isEqualTo("x86_64");
                });
        assertThat(ours.packages()).filteredOn(p -> p.version().contains(":"))
                .allSatisfy(p -> assertThat(p.sourceVersion()).startsWith(p.version().split(":")[0] + ":"));
    }

    @Test
    void theNewestBackendWinsAndOnlyOneDirectoryIsRead() throws Exception {
        byte[] sqlite = Files.readAllBytes(fixture("cbl-mariner-2.0", "rpmdb.sqlite"));
        byte[] bdb = Files.readAllBytes(fixture("libuuid", "Packages"));
        Inventory both = analyzer.analyze(new MapAnalyzerInput(Map.of("var/lib/rpm/rpmdb.sqlite", sqlite,
                "var/lib/rpm/Packages", bdb, "usr/lib/sysimage/rpm/Packages", bdb)));
        assertThat(both.packages()).hasSize(129);
    }

    @Test
    void truncatedNdbKeepsWhatIsWholeAndSaysWhatIsNot() throws Exception {
        byte[] ndb = Files.readAllBytes(fixture("sle15-bci", "Packages.db"));
        Inventory half = analyze("var/lib/rpm/Packages.db", Arrays.copyOf(ndb, ndb.length / 2));
        assertThat(half.packages()).isNotEmpty().hasSizeLessThan(35);
        assertThat(half.warnings()).isNotEmpty()
                .allSatisfy(w -> assertThat(w.reason()).contains("blob lies outside the file"));
    }

    @Test
    void corruptNdbBlobIsSkippedWithAWarning() throws Exception {
        byte[] ndb = Files.readAllBytes(fixture("sle15-bci", "Packages.db"));
        ByteBuffer b = ByteBuffer.wrap(ndb).order(ByteOrder.LITTLE_ENDIAN);
        int firstBlob = b.getInt(32 + 8) * 16;
        b.putInt(firstBlob, 0x12345678);
        int secondBlob = b.getInt(48 + 8) * 16;
        ByteBuffer.wrap(ndb).putInt(secondBlob + 16, 0x7fffffff);
        Inventory found = analyze("var/lib/rpm/Packages.db", ndb);
        assertThat(found.packages()).hasSize(33);
        assertThat(found.warnings()).extracting(w -> w.path() + ": " + w.reason()).containsExactly(
                "var/lib/rpm/Packages.db: package 1: blob head is corrupt",
                ("var/lib/rpm/Packages.db: package 2: header declares 2147483647 entries and %d data bytes but has"
                        + " %d bytes; skipped").formatted(ByteBuffer.wrap(ndb).getInt(secondBlob + 20),
                        b.getInt(secondBlob + 12)));
    }

    @Test
    void berkeleyOverflowLoopEndsWithAWarning() throws Exception {
        byte[] bdb = Files.readAllBytes(fixture("libuuid", "Packages"));
        ByteBuffer b = ByteBuffer.wrap(bdb).order(ByteOrder.LITTLE_ENDIAN);
        int pageSize = b.getInt(20);
        int looped = 0;
        for (int page = 1; page * pageSize < bdb.length; page++) {
            if (bdb[page * pageSize + 25] == 7 && b.getInt(page * pageSize + 16) != 0) {
                b.putInt(page * pageSize + 16, page);
                looped++;
            }
        }
        assertThat(looped).isPositive();
        Inventory found = analyze("var/lib/rpm/Packages", bdb);
        assertThat(found.packages()).isEmpty();
        assertThat(found.warnings()).extracting(w -> w.reason()).anyMatch(r -> r.contains("loops"));
    }

    @Test
    void berkeleyItemsSharingOneOverflowChainReadItOnce() throws Exception {
        byte[] fixture = Files.readAllBytes(fixture("libuuid", "Packages"));
        int pageSize = ByteBuffer.wrap(fixture).order(ByteOrder.LITTLE_ENDIAN).getInt(20);
        byte[] offPage = null; // the 12-byte H_OFFPAGE item of the one package: type, pad, first page, length
        for (int base = pageSize; base + pageSize <= fixture.length && offPage == null; base += pageSize) {
            ByteBuffer page = ByteBuffer.wrap(fixture, base, pageSize).order(ByteOrder.LITTLE_ENDIAN);
            for (int value = 1; fixture[base + 25] == 13 && value < page.getShort(base + 20); value += 2) {
                int item = base + Short.toUnsignedInt(page.getShort(base + 26 + 2 * value));
                if (fixture[item] == 3) {
                    offPage = Arrays.copyOfRange(fixture, item, item + 12);
                }
            }
        }
        assertThat(offPage).isNotNull();
        // one more hash page of 150 records, each pointing at that chain
        int copies = 150;
        byte[] bdb = Arrays.copyOf(fixture, fixture.length + pageSize);
        ByteBuffer b = ByteBuffer.wrap(bdb).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(32, fixture.length / pageSize); // the meta page's last page number
        int base = fixture.length;
        bdb[base + 25] = 13;
        b.putShort(base + 20, (short) (2 * copies));
        int end = pageSize;
        for (int i = 0; i < copies; i++) {
            end -= 5;
            b.put(base + end, (byte) 1).putInt(base + end + 1, 1000 + i);
            b.putShort(base + 26 + 4 * i, (short) end);
            end -= 12;
            b.put(base + end, offPage);
            b.putShort(base + 26 + 4 * i + 2, (short) end);
        }

        Inventory found = analyze("var/lib/rpm/Packages", bdb);
        assertThat(found.packages()).hasSize(1);
        assertThat(found.warnings()).extracting(w -> w.reason()).hasSize(101)
                .contains("overflow chain at page %d is broken, loops or is another item's".formatted(
                        ByteBuffer.wrap(offPage).order(ByteOrder.LITTLE_ENDIAN).getInt(4)))
                .anyMatch(r -> r.contains("50 more warnings"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages.db", "var/lib/rpm/Packages"})
    void junkIsAnAnalysisErrorNamingTheFile(String path) {
        byte[] junk = new byte[8192];
        new Random(1).nextBytes(junk);
        assertThatThrownBy(() -> analyze(path, junk)).isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith(path + ": ");
        assertThatThrownBy(() -> analyze(path, new byte[0])).isInstanceOf(AnalysisException.class);
    }

    @Test
    void hostileHeadersAreRefusedWithAReason() {
        ByteBuffer huge = ByteBuffer.allocate(8).putInt(0x80000000).putInt(0);
        assertThatThrownBy(() -> RpmHeader.parse(huge.array())).hasMessageContaining("2147483648 entries");
        ByteBuffer outside = ByteBuffer.allocate(8 + 16 + 4).putInt(1).putInt(4)
                .putInt(RpmHeader.NAME).putInt(6).putInt(100).putInt(1).put(new byte[] {'a', 'b', 'c', 0});
        assertThatThrownBy(() -> RpmHeader.parse(outside.array())).hasMessageContaining("outside");
        ByteBuffer unterminated = ByteBuffer.allocate(8 + 16 + 3).putInt(1).putInt(3)
                .putInt(RpmHeader.NAME).putInt(6).putInt(0).putInt(1).put(new byte[] {'a', 'b', 'c'});
        assertThatThrownBy(() -> RpmHeader.parse(unterminated.array()).string(RpmHeader.NAME))
                .hasMessageContaining("not terminated");
        assertThatThrownBy(() -> RpmHeader.parse(new byte[3])).hasMessageContaining("truncated");
    }

    @Test
    void wantsDatabasesInBothLocationsOnly() {
        assertThat(analyzer.wants("var/lib/rpm/Packages")).isTrue();
        assertThat(analyzer.wants("usr/lib/sysimage/rpm/rpmdb.sqlite")).isTrue();
        assertThat(analyzer.wants("var/lib/rpm/rpmdb.sqlite-wal")).isTrue();
        assertThat(analyzer.wants("var/lib/rpm/Name")).isFalse();
        assertThat(analyzer.wants("opt/var/lib/rpm/Packages")).isFalse();
    }
}
