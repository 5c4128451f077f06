package dev.bulwark.controller.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** The gzipped JSON a scanner answers with, unpacked under a bound. */
public final class Packed {

    /** A report larger than this, unpacked, is refused rather than held. */
    public static final int MAX_UNPACKED = 256 << 20;

    private Packed() {}

    public static byte[] unpack(byte[] packed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            byte[] json = in.readNBytes(MAX_UNPACKED + 1);
            if (json.length > MAX_UNPACKED) {
                throw new IOException("it is larger than %d MiB".formatted(MAX_UNPACKED >> 20));
            }
            return json;
        }
    }
}
