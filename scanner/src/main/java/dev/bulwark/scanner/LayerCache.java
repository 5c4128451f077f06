package dev.bulwark.scanner;

import static java.util.Objects.requireNonNull;

import dev.bulwark.scanner.source.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The scan state after an image's first layers, kept in memory so that images sharing those layers (a common base)
 * are read and analysed from the next layer on. A state is keyed by the layers' chain id (OCI's ChainID: the diff
 * id of the first layer, then {@code sha256(chain + " " + diff id)} for each next one) and by a fingerprint of the
 * analyzers that made it. Bounded by the estimated bytes of the states kept; the least recently used go first. Only
 * layers whose diff id was verified while read are stored, and a layer restored is never read again: its bytes are
 * trusted to be what its diff id says, as a container runtime trusts the layers it has.
 *
 * <p>Thread-safe: the scans of a scanner's jobs share one cache.
 */
public final class LayerCache {

    /** What {@code bulwark scanner} keeps unless told otherwise. */
    public static final long DEFAULT_BYTES = 256L << 20;

    private final long maxBytes;
    private final InstantSource clock;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long totalBytes;
    private long hits;
    private long misses;

    /** One state kept, with how often it spared a scan its layers and when it last did. */
    private static final class Entry {
        final String chainId;
        final LayerState state;
        final long bytes;
        long references;
        Instant lastReferred;

        Entry(String chainId, LayerState state, long bytes, Instant now) {
            this.chainId = chainId;
            this.state = state;
            this.bytes = bytes;
            this.lastReferred = now;
        }
    }

    private record Key(String fingerprint, String chainId) {}

    /** The first {@code layers} of an image, restored. */
    record Hit(int layers, LayerState state) {}

    /**
     * One state kept; {@code layerId} is the chain id of the layers it holds.
     *
     * @param referenceCount the scans that skipped this layer thanks to the cache
     */
    public record Record(String layerId, long size, long referenceCount, Instant lastReferred) {}

    /** The states kept, least recently used first, and the layers skipped (hits) and read (misses) so far. */
    public record Stats(List<Record> records, long totalBytes, long hits, long misses) {
        public Stats {
            records = List.copyOf(records);
        }
    }

    /** @param maxBytes the most the states kept may take, estimated; 0 disables the cache */
    public LayerCache(long maxBytes) {
        this(maxBytes, InstantSource.system());
    }

    LayerCache(long maxBytes, InstantSource clock) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("a layer cache of " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
        this.clock = requireNonNull(clock, "clock");
    }

    /** A cache that keeps nothing. */
    public static LayerCache disabled() {
        return new LayerCache(0);
    }

    boolean enabled() {
        return maxBytes > 0;
    }

    /**
     * The chain ids of the first layers, one per layer, up to the first without a diff id (files collected from a
     * running container have none, and are never cached).
     */
    static List<String> chainIds(List<String> diffIds) {
        List<String> chain = new ArrayList<>();
        for (String diffId : diffIds) {
            if (diffId.isEmpty()) {
                break;
            }
            chain.add(chain.isEmpty() ? diffId
                    : Digest.sha256((chain.getLast() + " " + diffId).getBytes(StandardCharsets.UTF_8)).toString());
        }
        return chain;
    }

    /**
     * The state after the longest run of first layers kept, of an image of {@code layers} layers whose first ones
     * have the chain ids {@code chain}: one hit per layer it spares, one miss per layer left to read.
     */
    synchronized Optional<Hit> restore(String fingerprint, List<String> chain, int layers) {
        if (!enabled()) {
            return Optional.empty();
        }
        int found = chain.size();
        while (found > 0 && !entries.containsKey(new Key(fingerprint, chain.get(found - 1)))) {
            found--;
        }
        hits += found;
        misses += layers - found;
        Instant now = clock.instant();
        Entry top = null;
        for (int i = 0; i < found; i++) {
            Entry e = entries.get(new Key(fingerprint, chain.get(i)));
            if (e != null) {
                e.references++;
                e.lastReferred = now;
                top = e;
            }
        }
        return top == null ? Optional.empty() : Optional.of(new Hit(found, top.state));
    }

    /**
     * Keeps the state after the layers of chain id {@code chainId}, unless it is kept already or larger than the
     * whole cache; evicts the least recently used states until the rest fit. The state is taken outside the lock.
     */
    void store(String fingerprint, String chainId, Supplier<LayerState> state) {
        Key key = new Key(fingerprint, chainId);
        synchronized (this) {
            if (!enabled() || entries.containsKey(key)) {
                return;
            }
        }
        LayerState taken = state.get();
        long bytes = taken.bytes();
        if (bytes > maxBytes) {
            return;
        }
        synchronized (this) {
            if (entries.putIfAbsent(key, new Entry(chainId, taken, bytes, clock.instant())) != null) {
                return;
            }
            totalBytes += bytes;
            var eldest = entries.values().iterator();
            while (totalBytes > maxBytes) {
                totalBytes -= eldest.next().bytes;
                eldest.remove();
            }
        }
    }

    public synchronized Stats stats() {
        List<Record> records = new ArrayList<>();
        for (Entry e : entries.values()) {
            records.add(new Record(e.chainId, e.bytes, e.references, e.lastReferred));
        }
        return new Stats(records, totalBytes, hits, misses);
    }
}
