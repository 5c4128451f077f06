package dev.bulwark.manager.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body read on to the controller that fails once it passes its bound, remembering that it did. */
final class BoundedInput extends FilterInputStream {

    /** Thrown when the body passes the bound. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private long read;
    private volatile boolean exceeded;

    BoundedInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws TooLarge {
        read += n;
        if (read > limit) {
            exceeded = true;
            throw new TooLarge(limit);
        }
    }
}
