package dev.bulwark.scanner.index.os.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.testing.Command;
import dev.bulwark.scanner.testing.MapAnalyzerInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DpkgAnalyzerTest {

    private static final String STATUS = "var/lib/dpkg/status";

    private final DpkgAnalyzer analyzer = new DpkgAnalyzer();

    private Inventory analyze(String... pathsAndTexts) {
        return analyzer.analyze(MapAnalyzerInput.of(pathsAndTexts));
    }

    private static String line(InstalledPackage p) {
        return String.join(" ", p.name(), p.version(), p.arch(), p.sourceName(), p.sourceVersion());
    }

    @Test
    void theHostDatabaseReadsAsDpkgQueryListsIt() throws IOException {
        Path admin = Path.of("/var/lib/dpkg");
        assumeTrue(Files.isRegularFile(admin.resolve("status")), "this machine has no dpkg database");
        assumeTrue(Command.executable("dpkg-query").isPresent(), "dpkg-query is not installed");
        Map<String, byte[]> bodies = new TreeMap<>();
        bodies.put(STATUS, Files.readAllBytes(admin.resolve("status")));
        try (Stream<Path> info = Files.list(admin.resolve("info"))) {
            for (Path list : info.filter(p -> p.toString().endsWith(".list")).toList()) {
                bodies.put("var/lib/dpkg/info/" + list.getFileName(), Files.readAllBytes(list));
            }
        }
        Inventory found = analyzer.analyze(new MapAnalyzerInput(bodies));

        String query = Command.of("dpkg-query", "--admindir=" + admin, "-W", "-f",
                "${db:Status-Status} ${Package} ${Version} ${Architecture} ${source:Package} ${source:Version}\\n")
                .run(Path.of(".")).stdout();
        List<String> expected = query.lines()
                .filter(l -> !l.startsWith("not-installed ") && !l.startsWith("config-files "))
                .map(l -> l.substring(l.indexOf(' ') + 1)).sorted().toList();
        assertThat(found.warnings()).isEmpty();
        assertThat(found.packages().stream().map(DpkgAnalyzerTest::line).sorted().toList())
                .isNotEmpty().containsExactlyElementsOf(expected);
        assertThat(found.packages()).filteredOn(p -> p.name().equals("dpkg")).singleElement()
                .satisfies(p -> assertThat(p.files()).contains("usr/bin/dpkg"));
    }

    @Test
    void sourceFieldWithAndWithoutItsOwnVersion() {
        Inventory found = analyze(STATUS, """
                Package: libc6
                Status: install ok installed
                Architecture: amd64
                Multi-Arch: same
                Source: glibc
                Version: 2.36-9+deb12u4
                Description: GNU C Library
                 Contains the standard libraries.
                 .
                 More text.

                Package: libpcre2-8-0
                Status: install ok installed
                Architecture: amd64
                Source: pcre2 (10.42-1)
                Version: 10.42-1+b1

                Package: adduser
                Status: install ok installed
                Architecture: all
                Version: 3.134
                """);
        assertThat(found.warnings()).isEmpty();
        assertThat(found.packages()).extracting(DpkgAnalyzerTest::line).containsExactly(
                "libc6 2.36-9+deb12u4 amd64 glibc 2.36-9+deb12u4",
                "libpcre2-8-0 10.42-1+b1 amd64 pcre2 10.42-1",
                "adduser 3.134 all adduser 3.134");
        assertThat(found.packages()).allSatisfy(p -> assertThat(p.type()).isEqualTo(PackageType.DEB));
    }

    @Test
    void removedPackagesWithConfigurationLeftAreNotInstalled() {
        Inventory found = analyze(STATUS, """
                Package: e2fsprogs
                Status: deinstall ok config-files
                Architecture: amd64
                Version: 1.47.0-2

                Package: ghost
                Status: purge ok not-installed
                Architecture: amd64
                Version: 1.0

                Package: half
                Status: install reinstreq half-configured
                Architecture: amd64
                Version: 2.0
                """);
        assertThat(found.packages()).extracting(InstalledPackage::name).containsExactly("half");
    }

    @Test
    void filesComeFromTheListOfThePackageAndArchitecture() {
        Inventory found = analyze(STATUS, """
                Package: libacl1
                Status: install ok installed
                Architecture: amd64
                Version: 2.3.1-3
                """,
                "var/lib/dpkg/info/libacl1:amd64.list", "/.\n/usr\n/usr/lib/x86_64-linux-gnu/libacl.so.1\n",
                "var/lib/dpkg/info/other.list", "/usr/bin/other\n");
        assertThat(found.packages()).singleElement().satisfies(p -> assertThat(p.files())
                .containsExactly("usr", "usr/lib/x86_64-linux-gnu/libacl.so.1"));
    }

    @Test
    void distrolessStatusDirectoryWithMd5sums() {
        Inventory found = analyze(
                "var/lib/dpkg/status.d/base", """
                        Package: base-files
                        Version: 12.4+deb12u5
                        Architecture: amd64
                        """,
                "var/lib/dpkg/status.d/libssl3", """
                        Package: libssl3
                        Version: 3.0.11-1~deb12u2
                        Architecture: amd64
                        Source: openssl
                        """,
                "var/lib/dpkg/status.d/libssl3.md5sums",
                "0123456789abcdef0123456789abcdef  usr/lib/x86_64-linux-gnu/libssl.so.3\n");
        assertThat(found.packages()).extracting(DpkgAnalyzerTest::line).containsExactlyInAnyOrder(
                "base-files 12.4+deb12u5 amd64 base-files 12.4+deb12u5",
                "libssl3 3.0.11-1~deb12u2 amd64 openssl 3.0.11-1~deb12u2");
        assertThat(found.packages()).filteredOn(p -> p.name().equals("libssl3")).singleElement()
                .satisfies(p -> assertThat(p.files()).containsExactly("usr/lib/x86_64-linux-gnu/libssl.so.3"));
    }

    @Test
    void aCorruptRecordIsSkippedWithAWarningAndTheRestKept() {
        Inventory found = analyze(STATUS, """
                Package: good
                Status: install ok installed
                Version: 1.0

                Package: noversion
                Status: install ok installed

                this line is garbage
                 continuation of nothing
                Package: after
                Version: 2.0
                """);
        assertThat(found.packages()).extracting(InstalledPackage::name).containsExactly("good", "after");
        assertThat(found.warnings()).extracting(w -> w.path() + ": " + w.reason()).containsExactly(
                STATUS + ": line 8: not a 'Field: value' line",
                STATUS + ": line 9: continuation line outside a field",
                STATUS + ": record at line 5 has no Package or Version; skipped");
    }

    @Test
    void binaryJunkAndEmptyDatabasesGiveNothingButWarnings() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Inventory found = analyzer.analyze(new MapAnalyzerInput(Map.of(STATUS, junk)));
        assertThat(found.packages()).isEmpty();
        assertThat(analyze(STATUS, "").packages()).isEmpty();
        assertThat(analyze(STATUS, "").warnings()).isEmpty();
    }

    @Test
    void aHugeDatabaseIsReadInOnePass() {
        StringBuilder status = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            status.append("Package: p").append(i).append("\nStatus: install ok installed\nVersion: 1.").append(i)
                    .append("\nDescription: x\n").append(" long line\n".repeat(5)).append('\n');
        }
        assertThat(analyze(STATUS, status.toString()).packages()).hasSize(50_000);
    }

    @Test
    void wantsTheDatabaseAndListsOnly() {
        assertThat(analyzer.wants(STATUS)).isTrue();
        assertThat(analyzer.wants("var/lib/dpkg/status.d/libc6")).isTrue();
        assertThat(analyzer.wants("var/lib/dpkg/info/bash.list")).isTrue();
        assertThat(analyzer.wants("var/lib/dpkg/info/bash.postinst")).isFalse();
        assertThat(analyzer.wants("var/lib/dpkg/status-old")).isFalse();
        assertThat(analyzer.wants("var/lib/dpkg/status.d/sub/x")).isFalse();
    }
}
