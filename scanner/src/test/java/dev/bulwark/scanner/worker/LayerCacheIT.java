package dev.bulwark.scanner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.LayerCache;
import dev.bulwark.scanner.service.NeuVectorSchema;
import dev.bulwark.scanner.service.RepositoryScanner;
import dev.bulwark.scanner.source.RegistryServer;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scanner's layer cache through NeuVector's API: a real registry holding alpine 3.11 in two repositories, behind a
 * proxy that counts blob pulls, a real controller, and a scanner joined to it whose jobs share one cache. The second
 * image's layer is never pulled, and {@code /v1/scan/cache_stat} and {@code /v1/scan/cache_data} say so.
 */
class LayerCacheIT {

    @TempDir
    static Path dir;

    private static WorkerFixture fixture;
    private static HoldingProxy proxy;
    private static Rest rest;

    @BeforeAll
    static void start() throws Exception {
        fixture = WorkerFixture.start(dir, new RegistryServer.Auth.None(), new RepositoryScanner(Analyzers.scanner()
                .caching(new LayerCache(LayerCache.DEFAULT_BYTES))), "team/a:1", "team/b:1");
        proxy = fixture.proxy();
        rest = fixture.rest();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static JsonNode scan(String repository) throws Exception {
        String body = """
                {"request": {"registry": "http://%s/", "repository": "%s", "tag": "1"}}"""
                .formatted(proxy.host(), repository);
        long deadline = Patience.deadline();
        Rest.Reply r = rest.send("POST", "/v1/scan/repository", body);
        while (r.status() == 304 && System.nanoTime() - deadline < 0) {
            r = rest.send("POST", "/v1/scan/repository", body);
        }
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body().path("report");
    }

    @Test
    void theSecondImageOfABaseIsScannedFromTheCacheAndTheControllerShowsItsRecords() throws Exception {
        String id = rest.get("/v1/scan/scanner").body().path("scanners").get(0).path("id").asText();
        JsonNode first = scan("team/a");
        Rest.Reply stat = rest.get("/v1/scan/cache_stat/" + id);
        assertThat(stat.status()).isEqualTo(200);
        assertThat(new NeuVectorSchema("RESTScanCacheStat").validate(stat.body())).isEmpty();
        assertThat(stat.body().path("record_count").asLong()).isEqualTo(1);
        assertThat(stat.body().path("record_total_size").asLong()).isPositive();
        assertThat(stat.body().path("cache_misses").asLong()).isEqualTo(1);
        assertThat(stat.body().path("cache_hits").asLong()).isZero();

        int blobs = proxy.blobs();
        JsonNode second = scan("team/b");
        assertThat(proxy.blobs() - blobs).as("blobs pulled: the config only").isEqualTo(1);
        assertThat(second.path("modules")).isEqualTo(first.path("modules"));
        assertThat(second.path("vulnerabilities")).isEqualTo(first.path("vulnerabilities"));
        assertThat(second.path("layers")).isEqualTo(first.path("layers"));

        Rest.Reply data = rest.get("/v1/scan/cache_data/" + id);
        assertThat(data.status()).isEqualTo(200);
        assertThat(new NeuVectorSchema("RESTScanCacheData").validate(data.body())).isEmpty();
        JsonNode record = data.body().path("cache_records").get(0);
        assertThat(data.body().path("cache_records")).hasSize(1);
        assertThat(record.path("layer_id").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(record.path("size").asLong()).isEqualTo(stat.body().path("record_total_size").asLong());
        assertThat(record.path("reference_count").asInt()).isEqualTo(1);
        assertThat(Instant.parse(record.path("last_referred").asText())).isAfter(Instant.EPOCH);
        assertThat(data.body().path("cache_hits").asLong()).isEqualTo(1);
        assertThat(data.body().path("cache_misses").asLong()).isEqualTo(1);
    }

    @Test
    void anUnknownScannerIsNotFound() throws Exception {
        for (String path : new String[] {"/v1/scan/cache_stat/nobody", "/v1/scan/cache_data/nobody"}) {
            Rest.Reply r = rest.get(path);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body().path("code").asInt()).isEqualTo(7);
            assertThat(r.body().path("error").asText()).isEqualTo("Object not found");
        }
    }
}
