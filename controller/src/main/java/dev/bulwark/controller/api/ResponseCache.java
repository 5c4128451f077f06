package dev.bulwark.controller.api;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Serialized list responses for callers that see everything, by request (path and query) and by the version of
 * the data they were made from: repeated reads of an unchanged policy cost no serialization, and a client that
 * accepts gzip (browsers, the console, Python's requests) gets bytes compressed once, not per request. Holds at
 * most {@link #CAPACITY} responses, least recently used first out. Thread-safe.
 */
public final class ResponseCache {

    static final int CAPACITY = 64;

    /** Below this, compression costs more than it saves. */
    private static final int MIN_GZIP = 1500;

    private static final class Cached {
        final long version;
        final byte[] json;
        private byte[] gzip;

        Cached(long version, byte[] json) {
            this.version = version;
            this.json = json;
        }

        synchronized byte[] gzip() {
            if (gzip == null) {
                gzip = compress(json);
            }
            return gzip;
        }
    }

    private final Map<String, Cached> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Sends the JSON response for this request at this data version, gzip-encoded when the client accepts it. */
    public void serve(Context ctx, long version, Supplier<Object> build) {
        Cached c = cached(ctx.path() + "?" + ctx.queryString(), version, build);
        ctx.contentType("application/json");
        ctx.header("Vary", "Accept-Encoding");
        if (c.json.length >= MIN_GZIP && acceptsGzip(ctx.header("Accept-Encoding"))) {
            ctx.header("Content-Encoding", "gzip").result(c.gzip());
        } else {
            ctx.result(c.json);
        }
    }

    private Cached cached(String request, long version, Supplier<Object> build) {
        synchronized (entries) {
            Cached e = entries.get(request);
            if (e != null && e.version == version) {
                return e;
            }
        }
        Cached made = new Cached(version, Bodies.write(build.get()));
        synchronized (entries) {
            entries.put(request, made);
        }
        return made;
    }

    /** Whether an Accept-Encoding header allows gzip: listed (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        for (String coding : header.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("gzip") || name.equals("*")) {
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].strip().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
                    refused |= param.matches("q=0(\\.0{0,3})?");
                }
                return !refused;
            }
        }
        return false;
    }

    private static byte[] compress(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
