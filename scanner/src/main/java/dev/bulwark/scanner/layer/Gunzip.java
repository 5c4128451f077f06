package dev.bulwark.scanner.layer;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens gzip streams with the fastest inflater installed: ISA-L when {@code libisal2} is there, else zlib. */
public final class Gunzip {

    private static final int BUFFER = 64 << 10;

    private Gunzip() {}

    /** The inflated content of a gzip stream (every member); closing it closes {@code gzip}. */
    public static InputStream open(InputStream gzip) throws IOException {
        var fast = IsalGzipInputStream.open(gzip);
        return fast.isPresent() ? fast.get() : new GZIPInputStream(gzip, BUFFER);
    }

    /** Which inflater {@link #open} uses here, for diagnostics and benchmarks. */
    public static String inflater() {
        return IsalGzipInputStream.installed() ? "ISA-L (libisal2)" : "zlib (java.util.zip)";
    }
}
