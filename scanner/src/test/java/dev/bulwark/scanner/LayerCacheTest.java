package dev.bulwark.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.layer.FileTree;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The cache's bookkeeping: chain ids as OCI defines them, the bound by size, least recently used first out. */
class LayerCacheTest {

    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);
    private static final LayerState STATE = new LayerState(new FileTree(_ -> false, Long.MAX_VALUE).snapshot(), List.of(), Map.of("apk musl", A),
            new FileAnalysis(List.of(), List.of()).snapshot());

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-02T03:04:05Z"));
    private final InstantSource clock = () -> now.get();

    @Test
    void chainIdsAreOcisChainIds() throws Exception {
        String ab = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((A + " " + B).getBytes(StandardCharsets.UTF_8)));
        assertThat(LayerCache.chainIds(List.of(A, B))).containsExactly(A, ab);
        assertThat(LayerCache.chainIds(List.of(A, "", C))).containsExactly(A);
        assertThat(LayerCache.chainIds(List.of(B, A))).doesNotContain(ab);
    }

    @Test
    void theLeastRecentlyUsedGoFirstWhenTheBytesRunOut() {
        long size = STATE.bytes();
        assertThat(size).isPositive();
        LayerCache cache = new LayerCache(2 * size, clock);
        cache.store("f", A, () -> STATE);
        cache.store("f", B, () -> STATE);
        now.set(now.get().plusSeconds(60));
        assertThat(cache.restore("f", List.of(A), 2)).map(LayerCache.Hit::layers).contains(1);
        cache.store("f", C, () -> STATE);

        LayerCache.Stats stats = cache.stats();
        assertThat(stats.records()).containsExactly(
                new LayerCache.Record(A, size, 1, Instant.parse("2026-01-02T03:05:05Z")),
                new LayerCache.Record(C, size, 0, Instant.parse("2026-01-02T03:05:05Z")));
        assertThat(stats.totalBytes()).isEqualTo(2 * size);
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(cache.restore("f", List.of(B), 1)).isEmpty();
    }

    @Test
    void aRestoreCountsEveryLayerOfThePrefixAndTheFingerprintKeepsAnalyzerSetsApart() {
        LayerCache cache = new LayerCache(1 << 20, clock);
        List<String> chain = LayerCache.chainIds(List.of(A, B, C));
        cache.store("f", chain.get(0), () -> STATE);
        cache.store("f", chain.get(1), () -> STATE);
        assertThat(cache.restore("f", chain, 3)).map(LayerCache.Hit::layers).contains(2);
        assertThat(cache.restore("other analyzers", chain, 3)).isEmpty();
        LayerCache.Stats stats = cache.stats();
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.misses()).isEqualTo(1 + 3);
        assertThat(stats.records()).extracting(LayerCache.Record::referenceCount).containsExactly(1L, 1L);
    }

    @Test
    void aStateLargerThanTheWholeCacheIsNotKept() {
        LayerCache cache = new LayerCache(STATE.bytes() - 1, clock);
        cache.store("f", A, () -> STATE);
        assertThat(cache.stats().records()).isEmpty();
        assertThat(cache.stats().totalBytes()).isZero();
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> new LayerCache(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a layer cache of -1 bytes");
    }
}
