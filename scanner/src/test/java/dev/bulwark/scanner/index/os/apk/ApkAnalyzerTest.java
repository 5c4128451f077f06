package dev.bulwark.scanner.index.os.apk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.testing.MapAnalyzerInput;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Records in the shape apk-tools writes them; the real Alpine image is scanned in the CLI and image tests. */
class ApkAnalyzerTest {

    private static final String DB = "lib/apk/db/installed";

    private final ApkAnalyzer analyzer = new ApkAnalyzer();

    private Inventory analyze(String text) {
        return analyzer.analyze(MapAnalyzerInput.of(DB, text));
    }

    @Test
    void readsNameVersionArchOriginAndFiles() {
        Inventory found = analyze("""
                C:Q1y2Qw0Pz0AGDg2cDsOFM8bVqkOkM=
                P:libcrypto1.1
                V:1.1.1d-r3
                A:x86_64
                S:1220303
                I:2727936
                T:Crypto library from openssl
                U:https://www.openssl.org
                L:OpenSSL
                o:openssl
                m:Timo Teras <timo.teras@iki.fi>
                t:1576150722
                c:34a47d9dc42b2b1b1b3e9f9c45f0c9a1f3a1e2b4
                D:so:libc.musl-x86_64.so.1
                p:so:libcrypto.so.1.1=1.1
                r:libcrypto1.1
                F:etc
                F:etc/ssl
                R:openssl.cnf
                Z:Q1+x0A6d1K2wYQ6tJtBXzTY5cN8Dk=
                F:lib
                R:libcrypto.so.1.1
                a:0:0:755

                P:musl
                V:1.1.24-r2
                A:x86_64
                o:musl
                F:lib
                R:ld-musl-x86_64.so.1
                R:libc.musl-x86_64.so.1
                """);
        assertThat(found.warnings()).isEmpty();
        assertThat(found.packages()).extracting(p -> String.join(" ", p.name(), p.version(), p.arch(),
                p.sourceName(), p.sourceVersion())).containsExactly(
                "libcrypto1.1 1.1.1d-r3 x86_64 openssl 1.1.1d-r3",
                "musl 1.1.24-r2 x86_64 musl 1.1.24-r2");
        assertThat(found.packages().get(0).files()).containsExactly("etc/ssl/openssl.cnf", "lib/libcrypto.so.1.1");
        assertThat(found.packages().get(1).files())
                .containsExactly("lib/ld-musl-x86_64.so.1", "lib/libc.musl-x86_64.so.1");
        assertThat(found.packages()).allSatisfy(p -> assertThat(p.type()).isEqualTo(PackageType.APK));
    }

    @Test
    void withoutAnOriginThePackageIsItsOwnSource() {
        assertThat(analyze("P:alpine-keys\nV:2.1-r2\nA:x86_64\n").packages()).singleElement()
                .satisfies(p -> assertThat(p.sourceName()).isEqualTo("alpine-keys"));
    }

    @Test
    void aRecordWithoutNameOrVersionIsSkippedWithAWarning() {
        Inventory found = analyze("P:first\nV:1.0-r0\n\nP:broken\nA:x86_64\n\nthis is not a field\nP:last\nV:2-r1\n");
        assertThat(found.packages()).extracting(InstalledPackage::name).containsExactly("first", "last");
        assertThat(found.warnings()).extracting(w -> w.reason()).containsExactly(
                "record at line 4 has no P: or V: field; skipped",
                "line 7: not an 'X:value' line");
    }

    @Test
    void extraBlankLinesDoNotMakeEmptyRecords() {
        Inventory found = analyze("\n\nP:zlib\nV:1.2.11-r3\n\n\n\n");
        assertThat(found.packages()).extracting(InstalledPackage::version).containsExactly("1.2.11-r3");
        assertThat(found.warnings()).isEmpty();
    }

    @Test
    void junkGivesWarningsNotPackages() {
        byte[] junk = new byte[2048];
        new Random(3).nextBytes(junk);
        Inventory found = analyzer.analyze(new MapAnalyzerInput(Map.of(DB, junk)));
        assertThat(found.packages()).isEmpty();
        assertThat(analyze("").packages()).isEmpty();
    }

    @Test
    void noDatabaseIsNoPackages() {
        assertThat(analyzer.analyze(MapAnalyzerInput.of())).isEqualTo(Inventory.empty());
        assertThat(analyzer.wants(DB)).isTrue();
        assertThat(analyzer.wants("lib/apk/db/scripts.tar")).isFalse();
    }
}
