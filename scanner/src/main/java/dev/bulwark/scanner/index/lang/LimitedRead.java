package dev.bulwark.scanner.index.lang;

import java.io.IOException;
import java.io.InputStream;

/** Reads a bounded amount of a stream: metadata files are small, and a huge one is hostile. */
public final class LimitedRead {

    private LimitedRead() {}

    /** The whole stream, or an exception naming the limit when it holds more than {@code limit} bytes. */
    public static byte[] all(InputStream in, int limit, String what) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new IOException("%s is larger than %d bytes; not read".formatted(what, limit));
        }
        return body;
    }
}
