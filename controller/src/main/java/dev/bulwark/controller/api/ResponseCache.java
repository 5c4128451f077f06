package dev.bulwark.controller.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serialized list responses for callers that see everything, by request (path and query) and by the version of
 * the data they were made from: repeated reads of an unchanged policy cost no serialization. Holds at most
 * {@link #CAPACITY} responses, least recently used first out. Thread-safe.
 */
public final class ResponseCache {

    static final int CAPACITY = 64;

    private record Cached(long version, byte[] json) {}

    private final Map<String, Cached> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The response for the request at this data version, made by {@code build} when not cached. */
    public byte[] get(String request, long version, Supplier<Object> build) {
        synchronized (entries) {
            Cached e = entries.get(request);
            if (e != null && e.version() == version) {
                return e.json();
            }
        }
        byte[] json = Bodies.write(build.get());
        synchronized (entries) {
            entries.put(request, new Cached(version, json));
        }
        return json;
    }
}
