package dev.bulwark.vulndb.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Affected;
import dev.bulwark.vulndb.advisory.Severity;
import dev.bulwark.vulndb.advisory.VersionRange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {

    private static final KeyPair KEYS = BundleKeys.generate();
    private static final Instant BUILT = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    static Advisory advisory(String id, String source, String namespace, String pkg, String fixed) {
        return new Advisory(id, source, List.of(), "summary of " + id, "", List.of("https://example.org/" + id),
                "2024-01-02", "", List.of(new Severity("debian", Severity.Type.VENDOR, "", 0, SeverityLevel.HIGH)),
                List.of(new Affected(namespace, pkg, List.of(VersionRange.fixedIn(fixed)), List.of(),
                        AffectedStatus.FIXED)));
    }

    private Path write(String name, Optional<java.security.PrivateKey> key) throws IOException {
        BundleWriter writer = new BundleWriter();
        writer.add("test", List.of(advisory("CVE-2024-0001", "debian-tracker", "debian:12", "openssl", "3.0.13-1"),
                advisory("CVE-2024-0001", "alpine-secdb", "alpine:3.19", "openssl", "3.1.4-r5"),
                advisory("CVE-2024-0002", "osv", "PyPI", "Django_REST", "1.0"),
                new Advisory("CVE-2024-0001", "nvd", List.of(), "", "from NVD", List.of(), "", "", List.of(
                        new Severity("nvd", Severity.Type.CVSS_V3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                                9.8, SeverityLevel.CRITICAL)), List.of())));
        Path file = dir.resolve(name);
        writer.write(file, key, BUILT);
        return file;
    }

    @Test
    void looksUpByNamespaceAndNormalisedName() throws IOException {
        try (Bundle b = Bundle.open(write("db", Optional.of(KEYS.getPrivate())),
                new Bundle.Trust.Keys(List.of(KEYS.getPublic())))) {
            assertThat(b.signed()).isTrue();
            assertThat(b.header().built()).isEqualTo("2026-11-25T10:00:00Z");
            assertThat(b.header().advisories()).isEqualTo(2);
            assertThat(b.header().packages()).isEqualTo(3);
            assertThat(b.forPackage("debian:12", "openssl")).singleElement().satisfies(pa -> {
                assertThat(pa.advisoryId()).isEqualTo("CVE-2024-0001");
                assertThat(pa.affected().fixedVersions()).containsExactly("3.0.13-1");
            });
            assertThat(b.forPackage("alpine:3.19", "openssl")).hasSize(1);
            assertThat(b.forPackage("PyPI", "django-rest")).as("PEP 503 names").hasSize(1);
            assertThat(b.forPackage("debian:11", "openssl")).isEmpty();
            assertThat(b.forPackage("debian:12", "nosuch")).isEmpty();
            Advisory merged = b.advisory("CVE-2024-0001").orElseThrow();
            assertThat(merged.source()).isEqualTo("debian-tracker,alpine-secdb,nvd");
            assertThat(merged.details()).isEqualTo("from NVD");
            assertThat(merged.severities()).extracting(Severity::source).containsExactly("debian", "nvd");
            assertThat(b.advisory("CVE-1999-0000")).isEmpty();
        }
    }

    @Test
    void refusesUnsignedTamperedAndForeignBundles() throws IOException {
        Bundle.Trust trusted = new Bundle.Trust.Keys(List.of(KEYS.getPublic()));
        Path unsigned = write("unsigned", Optional.empty());
        assertThatThrownBy(() -> Bundle.open(unsigned, trusted)).isInstanceOf(InvalidBundleException.class)
                .hasMessage(unsigned + ": is not signed (use --skip-db-verify to use it anyway)");
        try (Bundle b = Bundle.open(unsigned, new Bundle.Trust.Unverified())) {
            assertThat(b.signed()).isFalse();
        }
        Path foreign = write("foreign", Optional.of(BundleKeys.generate().getPrivate()));
        assertThatThrownBy(() -> Bundle.open(foreign, trusted)).hasMessageContaining("does not match any trusted key");
        assertThatThrownBy(() -> Bundle.open(foreign, new Bundle.Trust.Keys(List.of())))
                .hasMessageContaining("no trusted public key");
        Path tampered = write("tampered", Optional.of(KEYS.getPrivate()));
        byte[] bytes = Files.readAllBytes(tampered);
        bytes[bytes.length - 3] ^= 1;
        Files.write(tampered, bytes);
        assertThatThrownBy(() -> Bundle.open(tampered, trusted)).hasMessageContaining("does not match");
    }

    @Test
    void refusesDamagedFilesWithAClearReason() throws IOException {
        Bundle.Trust any = new Bundle.Trust.Unverified();
        Path good = write("good", Optional.empty());
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = Files.write(dir.resolve("truncated"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> Bundle.open(truncated, any)).isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("truncated");

        byte[] newer = bytes.clone();
        ByteBuffer.wrap(newer).putInt(8, BundleFormat.SCHEMA + 1);
        Path future = Files.write(dir.resolve("future"), newer);
        assertThatThrownBy(() -> Bundle.open(future, any))
                .hasMessage(future + ": schema 2 is newer than this bulwark reads (1); update bulwark");

        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        Path noise = Files.write(dir.resolve("noise"), random);
        assertThatThrownBy(() -> Bundle.open(noise, any)).hasMessage(noise + ": not a Bulwark vulnerability database");

        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertThatThrownBy(() -> Bundle.open(empty, any)).isInstanceOf(InvalidBundleException.class);

        byte[] badHeader = bytes.clone();
        ByteBuffer.wrap(badHeader).putInt(BundleFormat.BODY_OFFSET, Integer.MAX_VALUE);
        Path header = Files.write(dir.resolve("header"), badHeader);
        assertThatThrownBy(() -> Bundle.open(header, any)).hasMessageContaining("not plausible");
    }

    @Test
    void everySingleByteFlipIsCaughtBySignatureOrStructure() throws IOException {
        Path signed = write("signed", Optional.of(KEYS.getPrivate()));
        byte[] bytes = Files.readAllBytes(signed);
        Bundle.Trust trusted = new Bundle.Trust.Keys(List.of(KEYS.getPublic()));
        for (int at = 0; at < bytes.length; at += Math.max(1, bytes.length / 200)) {
            byte[] copy = bytes.clone();
            copy[at] ^= 0x40;
            Path flipped = Files.write(dir.resolve("flip"), copy);
            assertThatThrownBy(() -> Bundle.open(flipped, trusted)).as("flip at %d", at)
                    .isInstanceOf(InvalidBundleException.class);
        }
    }

    @Test
    void aFailedWriteReplacesNothingAndLeavesNoTemporaryFile() throws IOException {
        Path db = write("db", Optional.empty());
        byte[] before = Files.readAllBytes(db);
        Path occupied = Files.createDirectory(dir.resolve("occupied"));
        Files.writeString(occupied.resolve("child"), "x");
        assertThatThrownBy(() -> new BundleWriter().write(occupied, Optional.empty(), BUILT))
                .isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(occupied.resolve("child")).hasContent("x");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }
}
