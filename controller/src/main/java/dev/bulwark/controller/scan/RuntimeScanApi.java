package dev.bulwark.controller.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * NeuVector's runtime scan endpoints: {@code POST|GET /v1/scan/workload/{id}} and {@code /v1/scan/host/{id}} (a
 * request queues a scan ahead of the automatic ones; the report is empty until one finished, as NeuVector answers),
 * {@code GET /v1/scan/image} (the images of running containers, scanned, as {@code RESTScanImageSummary}) and
 * {@code /v1/scan/image/{id}}, and the rows of many reports at once ({@code POST /v1/scan/workloads/scan_report},
 * {@code /v1/scan/hosts/scan_report}, {@link AssetScanReports}). Permission {@code rt_scan}, globally, but for
 * containers: a namespace user scans, reads and lists those of its namespaces. The platform ({@code /v1/scan/platform},
 * {@code /v1/scan/platform/platform}) is not scanned: a request on Kubernetes records a failed scan saying why,
 * elsewhere it is refused, and a report is never found (404, as NeuVector's before a scan).
 */
public final class RuntimeScanApi implements Consumer<Routes> {

    /** NeuVector's bound on a scan report query's body. */
    static final int MAX_QUERY = 2 << 20;

    private final RuntimeScans scans;
    private final AssetScanReports reports;

    public RuntimeScanApi(RuntimeScans scans, AssetScanReports reports) {
        this.scans = scans;
        this.reports = reports;
    }

    /** {@code RESTScanImageSummary}: an image of running containers and the brief of its last scan. */
    record ImageView(String image, String imageId, String author, String createdAt, String status, int critical,
            int high, int medium, String result, long scannedTimestamp, String scannedAt, String baseOs,
            String scannerVersion, String cvedbCreateTime) {}

    /** {@code RESTScanPlatformSummary}: the platform and the brief of its last scan. */
    record PlatformView(String platform, String kubeVersion, String openshiftVersion, String status, int critical,
            int high, int medium, String result, long scannedTimestamp, String scannedAt, String baseOs,
            String scannerVersion, String cvedbCreateTime) {}

    /** A container's scan is a namespace user's when the container is in one of its namespaces. */
    private void mayScan(Context ctx, boolean write) {
        Optional<String> domain = scans.workloadDomain(ctx.pathParam("id"));
        if (domain.isPresent() && !Policy.allowed(Access.of(ctx), Permissions.RT_SCAN, write,
                domain.get().isEmpty() ? List.of() : List.of(domain.get()))) {
            throw ApiException.forbidden();
        }
    }

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.RT_SCAN;
        routes.inNamespaces().post("/v1/scan/workload/{id}", perm, ctx -> {
            mayScan(ctx, true);
            if (!scans.scanWorkload(ctx.pathParam("id"), ScanJobs.Priority.HIGH)) {
                throw ApiException.notFound("Container");
            }
            ctx.json(Map.of());
        });
        routes.inNamespaces().get("/v1/scan/workload/{id}", perm, ctx -> {
            mayScan(ctx, false);
            ctx.json(Map.of("report", report(scans.report(RuntimeScan.WORKLOAD, ctx.pathParam("id"),
                    showAccepted(ctx)).orElse(null))));
        });
        routes.post("/v1/scan/host/{id}", perm, ctx -> {
            if (!scans.scanHost(ctx.pathParam("id"), ScanJobs.Priority.HIGH)) {
                throw ApiException.notFound("Host");
            }
            ctx.json(Map.of());
        });
        routes.get("/v1/scan/host/{id}", perm, ctx -> ctx.json(Map.of("report", report(
                scans.report(RuntimeScan.HOST, ctx.pathParam("id"), showAccepted(ctx)).orElse(null)))));
        routes.get("/v1/scan/image", perm, this::images);
        routes.post("/v1/scan/platform/platform", perm, ctx -> {
            if (!scans.scanPlatform()) {
                throw ApiException.badRequest("The platform is not Kubernetes: no enforcer runs on a Kubernetes node,"
                        + " so there are no platform components to scan");
            }
            ctx.json(Map.of());
        });
        routes.get("/v1/scan/platform", perm, ctx -> {
            RuntimeScan s = scans.platformScan().orElseThrow(() -> ApiException.notFound("Platform scan"));
            int[] c = s.counts(scans.acceptance());
            ctx.json(Map.of("platforms", List.of(new PlatformView(s.name(), "", "", s.status(), c[0], c[1], c[2],
                    s.result(), s.scannedTimestamp(), s.scannedAt(), s.baseOs(), s.cvedbVersion(),
                    s.cvedbCreateTime()))));
        });
        routes.get("/v1/scan/platform/platform", perm, ctx -> ctx.json(Map.of("report", report(scans.report(
                RuntimeScan.PLATFORM, RuntimeScan.PLATFORM, showAccepted(ctx)).orElseThrow(() ->
                ApiException.notFound("Platform scan report"))))));
        routes.inNamespaces().post("/v1/scan/workloads/scan_report", perm, ctx -> scanReport(ctx,
                RuntimeScan.WORKLOAD));
        routes.post("/v1/scan/hosts/scan_report", perm, ctx -> scanReport(ctx, RuntimeScan.HOST));
        routes.get("/v1/scan/image/{id}", perm, ctx -> {
            RuntimeScan first = scans.runningWorkloads().stream()
                    .filter(s -> s.imageId().equals(ctx.pathParam("id")) && s.status().equals("finished"))
                    .findFirst().orElseThrow(() -> ApiException.notFound("Image"));
            ctx.json(Map.of("report", report(scans.report(RuntimeScan.WORKLOAD, first.id(), showAccepted(ctx))
                    .orElse(null))));
        });
    }

    /** NeuVector's {@code RESTAssetScanReportData}: a page of the rows of every container or node scanned. */
    private void scanReport(Context ctx, String kind) {
        AssetScanReports.Query query = Bodies.read(ctx, AssetScanReports.Query.class, MAX_QUERY);
        query.check();
        ctx.json(reports.page(kind, Access.of(ctx), query));
    }

    /** The images of running containers with a finished scan, one per image id, the most severe kept. */
    private void images(Context ctx) {
        VulnerabilityProfiles.Acceptance accepted = scans.acceptance();
        Map<String, ImageView> byImage = new LinkedHashMap<>();
        Comparator<ImageView> severity = Comparator.comparingInt(ImageView::critical)
                .thenComparingInt(ImageView::high).thenComparingInt(ImageView::medium);
        for (RuntimeScan s : scans.runningWorkloads()) {
            if (s.status().equals("finished")) {
                int[] c = s.counts(accepted);
                byImage.merge(s.imageId().isEmpty() ? s.image() : s.imageId(), new ImageView(s.image(), s.imageId(),
                        "", "", s.status(), c[0], c[1], c[2], s.result(), s.scannedTimestamp(), s.scannedAt(),
                        s.baseOs(), s.cvedbVersion(), s.cvedbCreateTime()), (a, b) -> severity.compare(a, b) >= 0
                        ? a : b);
            }
        }
        List<ImageView> images = new ArrayList<>(byImage.values());
        images.sort(Comparator.comparing(ImageView::image));
        ctx.json(Map.of("images", ListQuery.of(ctx).select(images, Bodies.JSON::valueToTree)));
    }

    private static boolean showAccepted(Context ctx) {
        return "accepted".equals(ctx.queryParam("show"));
    }

    /**
     * {@code RESTVulnerabilityReport}'s parts NeuVector shows for what runs: vulnerabilities (an empty list before
     * a scan) and modules.
     */
    private static JsonNode report(JsonNode scanned) {
        ObjectNode report = Bodies.JSON.createObjectNode();
        report.set("vulnerabilities", scanned == null || !scanned.path("vulnerabilities").isArray()
                ? Bodies.JSON.createArrayNode() : scanned.path("vulnerabilities"));
        if (scanned != null && scanned.path("modules").isArray()) {
            report.set("modules", scanned.path("modules"));
        }
        return report;
    }
}
