package dev.bulwark.scanner.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes a blob's bytes through while hashing and counting them. Reading past the expected size fails at once, so
 * an endless stream stops; at the end of the stream the size and digest must match, else the read that reached
 * the end throws. A reader that stops early (a tar reader at the end-of-archive blocks) gets no verdict.
 */
final class DigestVerifyingInputStream extends FilterInputStream {

    private final Digest expected;
    private final long expectedSize;
    private final String what;
    private final MessageDigest hash;
    private long count;
    private boolean ended;
    private String mismatch = "";

    /**
     * @param expectedSize the size the manifest gives, or -1 when it gives none
     * @param what the blob as messages should name it
     */
    DigestVerifyingInputStream(InputStream in, Digest expected, long expectedSize, String what) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.what = what;
        this.hash = expected.newMessageDigest();
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            hash.update((byte) b);
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            verify();
        } else {
            hash.update(buffer, offset, n);
            counted(n);
        }
        return n;
    }

    // Skipped bytes must still be hashed, so skipping reads.
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported: a reset would hash bytes twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void counted(int n) throws IOException {
        count += n;
        if (expectedSize >= 0 && count > expectedSize) {
            throw new IOException("%s: more than the %d bytes the manifest gives".formatted(what, expectedSize));
        }
    }

    // Every read at the end repeats the verdict, so a caller that ignored one failure does not see a clean end.
    private void verify() throws IOException {
        if (!ended) {
            ended = true;
            Digest actual = new Digest(expected.algorithm(), HexFormat.of().formatHex(hash.digest()));
            if (expectedSize >= 0 && count != expectedSize) {
                mismatch = "%s: ended after %d of %d bytes".formatted(what, count, expectedSize);
            } else if (!actual.equals(expected)) {
                mismatch = "%s: content has digest %s".formatted(what, actual);
            }
        }
        if (!mismatch.isEmpty()) {
            throw new IOException(mismatch);
        }
    }
}
