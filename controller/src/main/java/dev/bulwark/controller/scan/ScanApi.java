package dev.bulwark.controller.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import dev.bulwark.link.proto.CacheStats;
import dev.bulwark.link.proto.Database;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * NeuVector's scanner endpoints: {@code GET /v1/scan/scanner} (the scanners connected), {@code
 * /v1/scan/cache_stat/{id}} and {@code /v1/scan/cache_data/{id}} (a scanner's layer cache), {@code /v1/scan/status}
 * (the jobs), {@code GET|PATCH /v1/scan/config} (automatic scans) and the CI scan, {@code POST /v1/scan/repository}
 * ({@link RepositoryScans}): the request goes to a scanner as it came, and the scanner's {@code RESTScanRepoReport}
 * comes back as it was made, less the vulnerabilities the vulnerability profile accepts for the image.
 *
 * <p>Permissions as NeuVector's: {@code rt_scan} for the scanners, their caches, the status and the configuration, {@code ci_scan}
 * for the CI scan.
 */
public final class ScanApi implements Consumer<Routes> {

    static final Duration CACHE_QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final ScanJobs jobs;
    private final Databases databases;
    private final Records records;
    private final RepositoryScans repositoryScans;
    private final VulnerabilityProfiles profiles;

    public ScanApi(ScanJobs jobs, Databases databases, Records records, VulnerabilityProfiles profiles,
            InstantSource clock) {
        this.jobs = jobs;
        this.databases = databases;
        this.records = records;
        this.profiles = profiles;
        this.repositoryScans = new RepositoryScans(jobs, clock);
    }

    /** {@code RESTScanner}. */
    record ScannerView(String id, String cvedbVersion, String cvedbCreateTime, long joinedTimestamp, String server,
            int port, long scannedContainers, long scannedHosts, long scannedImages, long scannedServerless) {}

    /** {@code RESTScanStatus}. */
    record StatusView(long scanned, int scheduled, int scanning, long failed, String cvedbVersion,
            String cvedbCreateTime) {}

    /** {@code RESTScanCacheStat}. */
    record CacheStatView(long recordCount, long recordTotalSize, long cacheMisses, long cacheHits) {}

    /** {@code RESTScanCacheRecord}. */
    record CacheRecordView(String layerId, long size, long referenceCount, String lastReferred) {}

    /** {@code RESTScanCacheData}. */
    record CacheDataView(List<CacheRecordView> cacheRecords, long recordTotalSize, long cacheMisses,
            long cacheHits) {}

    /** {@code RESTScanConfig}. */
    record ConfigView(boolean autoScan, boolean enableAutoScanWorkload, boolean enableAutoScanHost) {}

    /** {@code RESTScanConfigConfig}: any of the three; the detailed ones win over {@code auto_scan}. */
    record ConfigChange(Boolean autoScan, Boolean enableAutoScanWorkload, Boolean enableAutoScanHost) {}

    record ConfigData(ConfigChange config) {}

    /** {@code RESTScanRepoReqData}: the request goes to the scanner, which reads and checks it. */
    record RepositoryData(JsonNode request) {}

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/scan/scanner", Permissions.RT_SCAN, ctx -> ctx.json(Map.of("scanners",
                ListQuery.of(ctx).select(jobs.scanners().stream().map(ScanApi::view).toList(),
                        Bodies.JSON::valueToTree))));
        routes.get("/v1/scan/cache_stat/{id}", Permissions.RT_SCAN, ctx -> {
            CacheStats c = cacheStats(ctx.pathParam("id"));
            ctx.json(new CacheStatView(c.getRecordsCount(), c.getTotalSize(), c.getMisses(), c.getHits()));
        });
        routes.get("/v1/scan/cache_data/{id}", Permissions.RT_SCAN, ctx -> {
            CacheStats c = cacheStats(ctx.pathParam("id"));
            ctx.json(new CacheDataView(c.getRecordsList().stream().map(r -> new CacheRecordView(r.getLayerId(),
                    r.getSize(), r.getReferenceCount(), Instant.ofEpochMilli(r.getLastReferred()).toString()))
                    .toList(), c.getTotalSize(), c.getMisses(), c.getHits()));
        });
        routes.get("/v1/scan/status", Permissions.RT_SCAN, ctx -> ctx.json(Map.of("status", status())));
        routes.get("/v1/scan/config", Permissions.RT_SCAN, ctx -> ctx.json(Map.of("config", config())));
        routes.patch("/v1/scan/config", Permissions.RT_SCAN, ctx -> {
            ConfigChange change = Bodies.read(ctx, ConfigData.class).config();
            if (change == null || (change.autoScan() == null && change.enableAutoScanWorkload() == null
                    && change.enableAutoScanHost() == null)) {
                throw ApiException.badRequest("config: give auto_scan, enable_auto_scan_workload or"
                        + " enable_auto_scan_host");
            }
            records.upsert(ScanConfig.KIND, old -> changed(old.orElse(ScanConfig.DEFAULT), change));
            ctx.json(Map.of());
        });
        routes.post("/v1/scan/repository", Permissions.CI_SCAN, this::scanRepository);
    }

    private static ScannerView view(ConnectedScanner s) {
        Database db = s.database() == null ? Database.getDefaultInstance() : s.database();
        return new ScannerView(s.id(), db.getBuilt(), db.getBuilt(), s.joinedAt().getEpochSecond(),
                s.address().map(a -> a.getAddress().getHostAddress()).orElse(""),
                s.address().map(java.net.InetSocketAddress::getPort).orElse(0), 0, 0, s.scanned(), 0);
    }

    /**
     * A connected scanner's layer cache, asked over its session: 404 for a scanner not connected, 400 code 7 (as
     * NeuVector answers a failed call to its scanner) when it does not answer.
     */
    private CacheStats cacheStats(String id) throws InterruptedException {
        ConnectedScanner scanner = jobs.scanners().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("scanner " + id));
        try {
            return scanner.cacheStats(CACHE_QUERY_TIMEOUT).get();
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof TimeoutException ? "no answer in %d s"
                    .formatted(CACHE_QUERY_TIMEOUT.toSeconds()) : e.getCause().getMessage();
            throw new ApiException(400, ApiError.OBJECT_NOT_FOUND, "scanner %s: %s".formatted(id, why));
        }
    }

    private StatusView status() {
        ScanJobs.Counts c = jobs.counts();
        String built = databases.newest().map(Database::getBuilt).orElse("");
        return new StatusView(c.scanned(), c.scheduled(), c.scanning(), c.failed(), built, built);
    }

    private ConfigView config() {
        ScanConfig c = records.find(ScanConfig.KIND).orElse(ScanConfig.DEFAULT);
        return new ConfigView(c.autoScan(), c.autoScanWorkload(), c.autoScanHost());
    }

    static ScanConfig changed(ScanConfig old, ConfigChange change) {
        boolean workload = old.autoScanWorkload();
        boolean host = old.autoScanHost();
        if (change.autoScan() != null) {
            workload = change.autoScan();
            host = change.autoScan();
        }
        if (change.enableAutoScanWorkload() != null) {
            workload = change.enableAutoScanWorkload();
        }
        if (change.enableAutoScanHost() != null) {
            host = change.enableAutoScanHost();
        }
        return new ScanConfig(workload, host);
    }

    /**
     * A CI scan, long-polled as NeuVector's: 304 while it runs (the client asks again with the same request), the
     * report when it is done.
     */
    private void scanRepository(Context ctx) throws InterruptedException {
        JsonNode request = Bodies.read(ctx, RepositoryData.class).request();
        if (request == null || !request.isObject()) {
            throw ApiException.badRequest("request: an object with the registry, repository and tag to scan");
        }
        if (request.path("repository").asText("").isBlank()) {
            throw ApiException.badRequest("No repository name provided");
        }
        String registry = request.path("registry").asText("");
        if (!registry.isEmpty() && !registry.matches("(?i)https?://[^/\\s]+(/.*)?")) {
            throw ApiException.badRequest("Invalid Registry URL");
        }
        Principal who = Access.of(ctx);
        RepositoryScans.Poll poll;
        try {
            poll = repositoryScans.poll(who.name() + "\n" + who.session(), Bodies.write(request),
                    RepositoryScans.POLL);
        } catch (ScanJobs.QueueFull e) {
            throw new ApiException(429, ApiError.FAIL_REPO_SCAN, e.getMessage());
        } catch (ScanJobs.ScanFailed e) {
            throw e.badRequest() ? ApiException.badRequest(e.getMessage())
                    : new ApiException(500, ApiError.FAIL_REPO_SCAN, e.getMessage());
        }
        if (!(poll instanceof RepositoryScans.Poll.Done done)) {
            ctx.status(304);
            return;
        }
        try {
            ObjectNode body = Bodies.JSON.createObjectNode();
            JsonNode report = Bodies.JSON.readTree(Reports.unpack(done.report()));
            body.set("report", Reports.accepted(report, profiles.acceptance(), "", report.path("repository").asText()
                    + ":" + report.path("tag").asText(), false));
            ctx.contentType("application/json").result(Bodies.write(body));
        } catch (IOException e) {
            throw new ApiException(500, ApiError.FAIL_REPO_SCAN, "The scanner's report cannot be read: "
                    + e.getMessage());
        }
    }

}
