package dev.bulwark.controller.harbor;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ForeignProtocol;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.scan.Databases;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import dev.bulwark.controller.scan.ScanJobs;
import dev.bulwark.link.proto.Database;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Harbor's Pluggable Scanner API v1.1 ({@code goharbor/pluggable-scanner-spec}), which Harbor calls at
 * {@code REGISTRATION_URL/api/v1}: register the controller's address ({@code https://HOST:10443}) as the scanner's
 * URL.
 *
 * <ul>
 *   <li>{@code GET /api/v1/metadata}: the scanner, what it consumes (OCI and Docker v2 image manifests) and produces
 *       ({@link HarborReportType}), and properties: {@code os-package-vulnerability}, the build time of the newest
 *       database a scanner brought (left out while there is none), and {@code Basic} as the registry
 *       authorization Harbor should send.
 *   <li>{@code POST /api/v1/scan}: 202 with the scan's {@code id} as soon as the job is queued
 *       ({@link HarborScanRequest}, {@link HarborScans}); 400 for a body that is not JSON or has a value of the
 *       wrong type, 422 for a field that is missing or wrong, 503 when the scanning service's queue is full.
 *   <li>{@code GET /api/v1/scan/{id}/report}: 302 with {@code Refresh-After: 5} (seconds) while the scan runs, 200
 *       with the {@link HarborReport} in the type {@code Accept} asks for, 500 with the scanner's one line when the
 *       scan failed, 404 for an id never given or no longer kept, 406 for an {@code Accept} naming no type produced.
 * </ul>
 *
 * <p>Errors are Harbor's {@code {"error": {"message": ...}}} as
 * {@code application/vnd.scanner.adapter.error+json; version=1.0}, unknown request fields are skipped as Harbor's
 * Go client would, and a body is at most {@link Bodies#MAX_BODY}.
 *
 * <p>Authentication: Harbor sends the registration's access credential with each call, and here that credential is
 * a Bulwark API key, {@code NAME:SECRET} as {@code X-Auth-Apikey} takes it, in whichever of Harbor's authentication
 * types the registration chose: {@code Bearer} ({@code Authorization: Bearer NAME:SECRET}), {@code Basic} (Harbor
 * sends {@code Basic base64(NAME:SECRET)}, so the key's name is the user and its secret the password) or
 * {@code X-ScannerAdapter-API-Key}. The session token and {@code X-Auth-Apikey} work as on the rest of the API.
 * There is no anonymous access. Scanning needs {@code ci_scan} for writing, as NeuVector's CI scan does (the
 * reserved {@code ciops} role holds it); the metadata and reports need it for reading. Writes get an activity record
 * like any other.
 */
public final class HarborApi implements ForeignProtocol {

    static final String PREFIX = "/api/v1";
    static final String METADATA_MIME = "application/vnd.scanner.adapter.metadata+json; version=1.0";
    static final String SCAN_RESPONSE_MIME = "application/vnd.scanner.adapter.scan.response+json; version=1.0";
    static final String ERROR_MIME = "application/vnd.scanner.adapter.error+json; version=1.0";
    /**
     * Seconds Harbor waits before it asks for a running scan's report again; its client reads the header as an
     * 8-bit number, so it must stay below 128.
     */
    static final int REFRESH_AFTER_SECONDS = 5;
    static final String SCANNER_NAME = "Bulwark";
    static final String SCANNER_VENDOR = "Bulwark";

    /** {@code ScannerAdapterMetadata}. */
    record Metadata(HarborReport.Scanner scanner, List<Capability> capabilities, Map<String, String> properties) {}

    /** {@code ScannerCapability}; {@code type} is v1.2's, which a v1.1 reader skips. */
    record Capability(String type, List<String> consumesMimeTypes, List<String> producesMimeTypes) {}

    /** {@code ScanResponse}. */
    record ScanResponse(String id) {}

    private final Databases databases;
    private final HarborReport.Scanner scanner;
    private final HarborScans scans;
    private final VulnerabilityProfiles profiles;

    /**
     * @param version this controller's version, which the metadata and reports give as the scanner's
     * @param profiles whose accepted vulnerabilities are left out of reports, as from every other report
     */
    public HarborApi(ScanJobs jobs, Databases databases, VulnerabilityProfiles profiles, String version,
            InstantSource clock) {
        this.databases = databases;
        this.profiles = profiles;
        this.scanner = new HarborReport.Scanner(SCANNER_NAME, SCANNER_VENDOR, version);
        this.scans = new HarborScans(request -> jobs.submit("repository", request, ScanJobs.Priority.HIGH), clock);
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void accept(Routes routes) {
        routes.get(PREFIX + "/metadata", Permissions.CI_SCAN,
                ctx -> typed(ctx, METADATA_MIME).result(Bodies.write(metadata())));
        routes.post(PREFIX + "/scan", Permissions.CI_SCAN, this::scan);
        routes.get(PREFIX + "/scan/{id}/report", Permissions.CI_SCAN, this::report);
    }

    Metadata metadata() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("harbor.scanner-adapter/scanner-type", "os-package-vulnerability");
        // Harbor refuses a property with an empty value: without a database the property is left out
        databases.newest().map(Database::getBuilt).filter(b -> !b.isEmpty())
                .ifPresent(b -> properties.put("harbor.scanner-adapter/vulnerability-database-updated-at", b));
        properties.put("harbor.scanner-adapter/registry-authorization-type", "Basic");
        return new Metadata(scanner, List.of(new Capability("vulnerability", HarborScanRequest.CONSUMES,
                Arrays.stream(HarborReportType.values()).map(HarborReportType::text).toList())), properties);
    }

    private void scan(Context ctx) {
        HarborScanRequest request = HarborScanRequest.of(Bodies.read(ctx, HarborScanRequest.Body.class));
        String id;
        try {
            id = scans.submit(request);
        } catch (ScanJobs.QueueFull e) {
            throw new ApiException(503, ApiError.FAIL_REPO_SCAN, e.getMessage());
        }
        typed(ctx.status(202), SCAN_RESPONSE_MIME).result(Bodies.write(new ScanResponse(id)));
    }

    private void report(Context ctx) {
        HarborScans.Outcome outcome = scans.find(ctx.pathParam("id")).orElseThrow(() -> new ApiException(404,
                ApiError.OBJECT_NOT_FOUND, "No scan has this id; a report is kept for %d minutes after its scan ends"
                        .formatted(HarborScans.KEEP.toMinutes())));
        HarborReportType type = HarborReportType.accepted(ctx.header("Accept")).orElseThrow(() -> new ApiException(406,
                ApiError.INVALID_REQUEST, "Accept names no report type this scanner produces: "
                        + String.join(", ", Arrays.stream(HarborReportType.values()).map(HarborReportType::text)
                                .toList())));
        switch (outcome) {
            case HarborScans.Outcome.Running _ -> ctx.status(302).header("Refresh-After",
                    Integer.toString(REFRESH_AFTER_SECONDS));
            case HarborScans.Outcome.Failed failed -> throw new ApiException(500, ApiError.FAIL_REPO_SCAN,
                    failed.message());
            case HarborScans.Outcome.Done done -> typed(ctx.status(200), type.text()).result(Bodies.write(
                    HarborReport.of(done.packedReport(), done.artifact(), scanner, done.at(), accepted(done))));
        }
    }

    /**
     * The API key from Harbor's authentication headers: {@code Authorization: Bearer KEY},
     * {@code Authorization: Basic base64(KEY)} or {@code X-ScannerAdapter-API-Key: KEY}. A decoded Basic value
     * with control characters, which no header could carry, is no key.
     */
    @Override
    public Optional<String> apiKey(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            int space = authorization.indexOf(' ');
            String scheme = space < 0 ? authorization : authorization.substring(0, space);
            String value = space < 0 ? "" : authorization.substring(space + 1).strip();
            if (scheme.equalsIgnoreCase("Bearer") && !value.isEmpty()) {
                return Optional.of(value);
            }
            if (scheme.equalsIgnoreCase("Basic") && !value.isEmpty()) {
                try {
                    return Optional.of(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
                            .filter(key -> key.chars().noneMatch(c -> c < 0x20 || c == 0x7f));
                } catch (IllegalArgumentException _) {
                    return Optional.empty();
                }
            }
        }
        return Optional.ofNullable(ctx.header("X-ScannerAdapter-API-Key"));
    }

    @Override
    public void error(Context ctx, int status, String message) {
        typed(ctx.status(status), ERROR_MIME).result(Bodies.write(Map.of("error", Map.of("message", message))));
    }

    /** Sets the type as Harbor spells it; the server would add a charset, which these JSON types do not take. */
    private static Context typed(Context ctx, String type) {
        ctx.contentType(type);
        ctx.res().setCharacterEncoding(null);
        return ctx;
    }

    /** What the profile accepts for the artifact: no namespace, its repository and tag as the image. */
    private java.util.function.BiPredicate<String, Long> accepted(HarborScans.Outcome.Done done) {
        VulnerabilityProfiles.Acceptance acceptance = profiles.acceptance();
        String image = done.artifact().repository() + ":" + (done.artifact().tag() == null ? ""
                : done.artifact().tag());
        return (name, published) -> acceptance.accepts(name, published, "", image);
    }
}
