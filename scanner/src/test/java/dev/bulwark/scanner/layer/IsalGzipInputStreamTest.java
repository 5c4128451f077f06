package dev.bulwark.scanner.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ISA-L's inflate, checked against zlib's (java.util.zip) on the same streams, good and bad. */
class IsalGzipInputStreamTest {

    @BeforeAll
    static void libraryInstalled() {
        assumeTrue(IsalGzipInputStream.installed(), "libisal2 is not installed (apt-get install libisal2): ISA-L "
                + "tests skipped, gzip goes through zlib");
    }

    private static InputStream isal(byte[] gzip) {
        return IsalGzipInputStream.open(new ByteArrayInputStream(gzip)).orElseThrow();
    }

    private static byte[] gzip(byte[]... members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : members) {
            try (GZIPOutputStream g = new GZIPOutputStream(out)) {
                g.write(m);
            }
        }
        return out.toByteArray();
    }

    /** Text-like bytes that compress with matches and literals, as file systems do. */
    private static byte[] sample(int size, long seed) {
        Random random = new Random(seed);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : (byte) ("the quick brown fox ".charAt(i % 20));
        }
        return b;
    }

    @Test
    void inflatesWhatZlibDeflatedInSmallAndLargeReads() throws IOException {
        for (int size : new int[] {0, 1, 255, 65_536, 3_000_001}) {
            byte[] data = sample(size, size);
            try (InputStream in = isal(gzip(data))) {
                assertThat(in.readAllBytes()).as("%d bytes", size).isEqualTo(data);
            }
        }
        byte[] data = sample(100_000, 7);
        try (InputStream in = isal(gzip(data))) {
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                back.write(b);
            }
            assertThat(back.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void readsEveryMemberOfAConcatenatedStreamAndIgnoresTrailingBytesThatAreNotGzip() throws IOException {
        byte[] a = sample(400_000, 1);
        byte[] b = sample(10, 2);
        byte[] joined = gzip(a, new byte[0], b);
        try (InputStream in = isal(joined)) {
            byte[] back = in.readAllBytes();
            assertThat(Arrays.copyOfRange(back, 0, a.length)).isEqualTo(a);
            assertThat(Arrays.copyOfRange(back, a.length, back.length)).isEqualTo(b);
        }
        byte[] trailing = Arrays.copyOf(gzip(b), gzip(b).length + 3);
        try (InputStream in = isal(trailing); InputStream zlib = new GZIPInputStream(new ByteArrayInputStream(
                trailing))) {
            assertThat(in.readAllBytes()).isEqualTo(zlib.readAllBytes()).isEqualTo(b);
        }
    }

    @Test
    void membersAreAllReadFromASourceThatHandsOutOneByteAtATime() throws IOException {
        byte[] a = sample(70_000, 5);
        byte[] b = sample(3_000, 6);
        byte[] joined = gzip(a, b, a);
        InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(joined)) {
            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                return super.read(buffer, off, Math.min(len, 1));
            }
        };
        try (InputStream in = IsalGzipInputStream.open(trickle).orElseThrow()) {
            assertThat(in.readAllBytes()).hasSize(2 * a.length + b.length);
        }
    }

    @Test
    void aTruncatedStreamIsAnEndOfFileAndACorruptOneAZipException() throws IOException {
        byte[] whole = gzip(sample(500_000, 3));
        for (int cut : new int[] {5, 11, whole.length / 2, whole.length - 4}) {
            assertThatThrownBy(() -> isal(Arrays.copyOf(whole, cut)).readAllBytes()).as("cut at %d", cut)
                    .isInstanceOf(EOFException.class);
        }
        byte[] flipped = whole.clone();
        flipped[whole.length - 8] ^= 1; // the CRC-32 of the trailer
        assertThatThrownBy(() -> isal(flipped).readAllBytes()).isInstanceOf(ZipException.class);
        byte[] length = whole.clone();
        length[whole.length - 1] ^= 1; // ISIZE
        assertThatThrownBy(() -> isal(length).readAllBytes()).isInstanceOf(ZipException.class);
        byte[] garbage = whole.clone();
        Arrays.fill(garbage, 10, 400, (byte) 0xff);
        assertThatThrownBy(() -> isal(garbage).readAllBytes()).isInstanceOf(IOException.class);
        byte[] notGzip = "plain text, not gzip".getBytes();
        assertThatThrownBy(() -> isal(notGzip).readAllBytes()).isInstanceOf(ZipException.class);
    }

    @Test
    void aBombInflatesInBoundedMemory() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 512; i++) {
                g.write(zeros);
            }
        }
        assertThat(out.size()).isLessThan(1 << 20);
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = isal(out.toByteArray())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(512L << 20);
    }

    @Test
    void realImageLayersInflateToWhatZlibGives() throws Exception {
        Path images = SharedData.path("fixtures/images");
        try (var files = Files.list(images)) {
            for (Path image : files.filter(p -> p.toString().endsWith(".tar.gz")).toList()) {
                assertThat(digest(isal(Files.readAllBytes(image)))).as(image.toString())
                        .isEqualTo(digest(new GZIPInputStream(Files.newInputStream(image))));
            }
        }
    }

    private static String digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (in) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }
}
