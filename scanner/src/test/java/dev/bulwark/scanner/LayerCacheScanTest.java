package dev.bulwark.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.scanner.layer.TarBuilder;
import dev.bulwark.scanner.source.Digest;
import dev.bulwark.scanner.source.Image;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.OciLayoutWriter;
import dev.bulwark.scanner.source.SourceOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans through the layer cache give what scans without it give, to the byte: images that share the real alpine 3.11
 * base and a layer of node packages and a secret, and whose own top layer deletes the apk database and a package
 * (whiteouts) or rewrites the database, scanned in several orders, on two threads at once, and with a corrupt top.
 */
class LayerCacheScanTest {

    private static final ObjectMapper JSON = Json.snakeCase();
    private static final String TOKEN = "ghp_" + "Zq8Xv2Lm4Np6Rt1Yw3Bc5Df7Gh9Jk0Mn2Pq4";
    private static final String APK_DB = "lib/apk/db/installed";

    @TempDir
    static Path dir;

    private static byte[] base;
    private static byte[] shared;
    private static byte[] deletes;
    private static byte[] rewrites;

    @BeforeAll
    static void images() throws Exception {
        try (Image alpine = (Image) ImageSources.open(SharedData.path("fixtures/images/alpine-3.11.tar.gz")
                .toString(), SourceOptions.defaults()); InputStream layer = alpine.openLayer(alpine.layers().getFirst())) {
            base = layer.readAllBytes();
        }
        shared = new TarBuilder()
                .file("app/node_modules/left-pad/package.json", "{\"name\":\"left-pad\",\"version\":\"1.3.0\"}")
                .file("app/node_modules/ms/package.json", "{\"name\":\"ms\",\"version\":\"2.1.2\"}")
                .file("app/deploy.sh", "git clone https://x:" + TOKEN + "@github.com/o/r\n").tar();
        deletes = new TarBuilder().file("lib/apk/db/.wh.installed", "").file("app/node_modules/.wh.ms", "").tar();
        String db = entry(base, APK_DB);
        // the last package gone, and musl at another version
        String changed = db.substring(0, db.lastIndexOf("\n\nC:") + 2).replaceFirst("\nV:1\\.1\\.24-r2\n", "\nV:1.1.24-r9\n");
        assertThat(changed).isNotEqualTo(db).contains("V:1.1.24-r9");
        rewrites = new TarBuilder().file(APK_DB, changed).file("app/.env", "TOKEN=" + TOKEN + "\n").tar();
        OciLayoutWriter writer = new OciLayoutWriter(dir.resolve("oci"));
        image(writer, "deletes", base, shared, deletes);
        image(writer, "rewrites", base, shared, rewrites);
        image(writer, "shared", base, shared);
        image(writer, "base", base);
        byte[] packed = TarBuilder.gzip(rewrites);
        writer.image("corrupt", "linux/amd64", List.of(TarBuilder.gzip(base), TarBuilder.gzip(shared),
                Arrays.copyOf(packed, packed.length / 2)), List.of(base, shared, rewrites));
        writer.write();
    }

    private static void image(OciLayoutWriter writer, String tag, byte[]... layers) {
        writer.image(tag, "linux/amd64", Arrays.stream(layers).map(TarBuilder::gzip).toList(), List.of(layers));
    }

    private static String entry(byte[] tar, String name) throws Exception {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().replaceFirst("^\\./", "").equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " is not in the alpine layer");
    }

    private static String scan(ImageScanner scanner, String tag) {
        try (Image image = (Image) ImageSources.open("oci-dir:" + dir.resolve("oci") + ":" + tag,
                SourceOptions.defaults())) {
            ImageInventory inventory = scanner.scan(image, ScanProgress.NONE);
            return JSON.writeValueAsString(inventory);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static final List<String> TAGS = List.of("deletes", "rewrites", "shared", "base");

    @Test
    void scansFromCachedLayersGiveWhatScansWithoutTheCacheGive() {
        ImageScanner plain = Analyzers.scanner();
        List<String> expected = TAGS.stream().map(t -> scan(plain, t)).toList();
        assertThat(expected.get(0)).doesNotContain("\"musl\"").doesNotContain("\"ms\"").contains("left-pad");
        assertThat(expected.get(1)).contains("1.1.24-r9").contains("\"ms\"");
        assertThat(expected.get(2)).contains("1.1.24-r2");
        for (List<String> order : List.of(TAGS, TAGS.reversed(), List.of("shared", "deletes", "base", "rewrites"))) {
            ImageScanner cached = Analyzers.scanner().caching(new LayerCache(LayerCache.DEFAULT_BYTES));
            for (int round = 0; round < 2; round++) {
                for (String tag : order) {
                    assertThat(scan(cached, tag)).as("%s in the order %s", tag, order)
                            .isEqualTo(expected.get(TAGS.indexOf(tag)));
                }
            }
            LayerCache.Stats stats = cached.cache().stats();
            assertThat(stats.records()).hasSize(4);
            assertThat(stats.hits() + stats.misses()).isEqualTo(2 * (3 + 3 + 2 + 1));
            assertThat(stats.misses()).isEqualTo(4);
        }
    }

    @Test
    void aCachedLayerIsNeitherOpenedNorRead() throws Exception {
        Path copy = dir.resolve("copy");
        try (var files = Files.walk(dir.resolve("oci"))) {
            for (Path p : files.toList()) {
                Files.copy(p, copy.resolve(dir.resolve("oci").relativize(p).toString()));
            }
        }
        ImageScanner cached = Analyzers.scanner().caching(new LayerCache(LayerCache.DEFAULT_BYTES));
        String deletes = scan(cached, "deletes");
        Files.delete(new OciLayoutWriter(copy).blobPath(Digest.sha256(TarBuilder.gzip(base)).toString()));
        try (Image image = (Image) ImageSources.open("oci-dir:" + copy + ":rewrites", SourceOptions.defaults())) {
            assertThat(JSON.writeValueAsString(cached.scan(image, ScanProgress.NONE)).replace(copy.toString(),
                    dir.resolve("oci").toString())).isEqualTo(scan(Analyzers.scanner(), "rewrites"));
        }
        assertThat(deletes).isEqualTo(scan(Analyzers.scanner(), "deletes"));
    }

    @Test
    void aCorruptLayerAfterACachedPrefixFailsAsItDoesWithoutTheCache() {
        ImageScanner cached = Analyzers.scanner().caching(new LayerCache(LayerCache.DEFAULT_BYTES));
        scan(cached, "shared");
        String truncated = "layer " + Digest.sha256(rewrites) + " is truncated";
        assertThatThrownBy(() -> scan(Analyzers.scanner(), "corrupt")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(truncated);
        assertThatThrownBy(() -> scan(cached, "corrupt")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(truncated);
        assertThat(cached.cache().stats().hits()).isEqualTo(2);
        assertThat(cached.cache().stats().records()).hasSize(2);
        assertThat(scan(cached, "rewrites")).isEqualTo(scan(Analyzers.scanner(), "rewrites"));
    }

    @Test
    void concurrentScansSharingAPrefixEachGetTheirOwnResult() throws Exception {
        ImageScanner plain = Analyzers.scanner();
        List<String> expected = TAGS.stream().map(t -> scan(plain, t)).toList();
        ImageScanner cached = Analyzers.scanner().caching(new LayerCache(LayerCache.DEFAULT_BYTES));
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Boolean>> scans = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String tag = TAGS.get(i % TAGS.size());
                scans.add(() -> scan(cached, tag).equals(expected.get(TAGS.indexOf(tag))));
            }
            for (Future<Boolean> same : pool.invokeAll(scans)) {
                assertThat(same.get()).isTrue();
            }
        }
        assertThat(cached.cache().stats().hits()).isPositive();
    }

    @Test
    void aDisabledCacheKeepsAndCountsNothing() {
        ImageScanner scanner = Analyzers.scanner().caching(LayerCache.disabled());
        assertThat(scan(scanner, "deletes")).isEqualTo(scan(Analyzers.scanner(), "deletes"));
        assertThat(scanner.cache().stats()).isEqualTo(new LayerCache.Stats(List.of(), 0, 0, 0));
    }
}
