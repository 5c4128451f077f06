package dev.bulwark.scanner.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Passes bytes through while hashing them; {@link #drainAndDigest()} reads to the end and returns the digest. */
final class CountingDigestStream extends FilterInputStream {

    private final MessageDigest digest;
    private final String algorithm;

    CountingDigestStream(InputStream in, String algorithm, MessageDigest digest) {
        super(in);
        this.algorithm = algorithm;
        this.digest = digest;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    String drainAndDigest() throws IOException {
        byte[] scratch = new byte[65536];
        while (read(scratch, 0, scratch.length) >= 0) {
            // reading hashes the rest (tar padding, trailing blocks)
        }
        return algorithm + ":" + HexFormat.of().formatHex(digest.digest());
    }
}
