package dev.bulwark.controller.harbor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Harbor's {@code HarborVulnerabilityReport}, the body of both report types the adapter produces (the v1.0 native
 * one and v1.1's {@code application/vnd.security.vulnerability.report}, which adds {@code preferred_cvss},
 * {@code cwe_ids} and {@code vendor_attributes}; a v1.0 reader skips them). Written with the API's snake_case mapper.
 *
 * <p>Made from the scanner's {@code RESTScanRepoReport}: each NeuVector vulnerability is one item, in the
 * scanner's order; the severity is mapped by {@link HarborSeverity}; a CVSS v3 score and vector are preferred, v2
 * beside them, and a CVSS v4 one, which Harbor has no field for, goes into {@code vendor_attributes}, with
 * NeuVector's {@code feed_rating}, {@code file_name} and related {@code cves} when there are any. The scanner knows
 * no CWE ids. {@code vendor_attributes} is an object, as Harbor's Go struct reads it (a map), although the v1.1
 * spec draws an array. The report is read with the scanner's own mapper and written with the API's.
 *
 * @param generatedAt when the scanner's report came, RFC 3339
 * @param severity the highest of the vulnerabilities', {@code Unknown} when there are none
 */
record HarborReport(String generatedAt, HarborScanRequest.Artifact artifact, Scanner scanner, String severity,
        List<Item> vulnerabilities) {

    /** A report larger than this, unpacked, is refused rather than held (the link carries 4 MiB packed). */
    static final int MAX_REPORT = 128 << 20;
    /** The scanner's own reading of its JSON: unknown fields skipped, a missing text or list empty. */
    private static final ObjectMapper SCANNER_JSON = Json.compactSnakeCase();

    /** {@code Scanner}: name, vendor and version. */
    record Scanner(String name, String vendor, String version) {}

    /** {@code VulnerabilityItem}. */
    record Item(String id, @JsonProperty("package") String pkg, String version, String fixVersion, String severity,
            String description, List<String> links, Cvss preferredCvss, List<String> cweIds,
            Map<String, Object> vendorAttributes) {}

    /** {@code CVSSDetails}: zero and empty where the advisory has no such score. */
    record Cvss(double scoreV3, double scoreV2, String vectorV3, String vectorV2) {}

    /** The fields of NeuVector's {@code RESTScanRepoReport} read here; the others are skipped unread. */
    record NeuVectorScan(String cvedbVersion, List<NeuVectorVuln> vulnerabilities) {}

    /** {@code RESTVulnerability}: {@code score} and {@code vectors} are CVSS v2, the {@code _v3} pair v3 or v4. */
    record NeuVectorVuln(String name, double score, String severity, String vectors, String description,
            String fileName, String packageName, String packageVersion, String fixedVersion, String link,
            double scoreV3, String vectorsV3, List<String> cves, String feedRating, long publishedTimestamp) {}

    /**
     * The Harbor report of a scanner's report as the link carried it (gzipped JSON).
     *
     * @throws ApiException 500 when the report cannot be read or is larger than {@link #MAX_REPORT} unpacked, and
     *     when the scanner had no vulnerability database: Harbor would show the artifact as free of vulnerabilities
     *     that were never looked for
     */
    static HarborReport of(byte[] packed, HarborScanRequest.Artifact artifact, Scanner scanner, Instant generatedAt) {
        return of(packed, artifact, scanner, generatedAt, (name, published) -> false);
    }

    /** {@link #of}, leaving out the vulnerabilities {@code accepted} takes (by name and publication time). */
    static HarborReport of(byte[] packed, HarborScanRequest.Artifact artifact, Scanner scanner, Instant generatedAt,
            java.util.function.BiPredicate<String, Long> accepted) {
        NeuVectorScan scan;
        try {
            scan = SCANNER_JSON.readValue(gunzip(packed), NeuVectorScan.class);
        } catch (JacksonException e) {
            throw unusable("The scanner's report cannot be read: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw unusable("The scanner's report cannot be read: " + e.getMessage());
        }
        if (scan == null) {
            throw unusable("The scanner's report is empty");
        }
        if (scan.cvedbVersion() == null || scan.cvedbVersion().isEmpty()) {
            throw unusable("The scanner has no vulnerability database, so vulnerabilities were not checked; give"
                    + " the scanners one (bulwark db --help) and scan again");
        }
        List<NeuVectorVuln> kept = scan.vulnerabilities() == null ? List.of() : scan.vulnerabilities().stream()
                .filter(v -> !accepted.test(v.name(), v.publishedTimestamp())).toList();
        return of(new NeuVectorScan(scan.cvedbVersion(), kept), artifact, scanner, generatedAt);
    }

    /** The Harbor report of a NeuVector report read already. */
    static HarborReport of(NeuVectorScan scan, HarborScanRequest.Artifact artifact, Scanner scanner,
            Instant generatedAt) {
        List<Item> items = scan.vulnerabilities() == null ? List.of()
                : scan.vulnerabilities().stream().map(HarborReport::item).toList();
        HarborSeverity highest = items.stream().map(i -> HarborSeverity.of(i.severity()))
                .max(Comparator.naturalOrder()).orElse(HarborSeverity.UNKNOWN);
        return new HarborReport(generatedAt.toString(), artifact, scanner, highest.text(), items);
    }

    private static Item item(NeuVectorVuln v) {
        String v3 = text(v.vectorsV3());
        boolean v4 = v3.startsWith("CVSS:4");
        Map<String, Object> vendor = new LinkedHashMap<>();
        if (v4) {
            vendor.put("cvss_v4_score", v.scoreV3());
            vendor.put("cvss_v4_vector", v3);
        }
        if (!text(v.feedRating()).isEmpty()) {
            vendor.put("feed_rating", v.feedRating());
        }
        if (!text(v.fileName()).isEmpty()) {
            vendor.put("file_name", v.fileName());
        }
        if (v.cves() != null && !v.cves().isEmpty()) {
            vendor.put("cves", List.copyOf(v.cves()));
        }
        return new Item(text(v.name()), text(v.packageName()), text(v.packageVersion()), text(v.fixedVersion()),
                HarborSeverity.of(v.severity()).text(), text(v.description()),
                text(v.link()).isEmpty() ? List.of() : List.of(v.link()),
                new Cvss(v4 ? 0 : v.scoreV3(), v.score(), v4 ? "" : v3, text(v.vectors())), List.of(), vendor);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static byte[] gunzip(byte[] packed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            byte[] report = in.readNBytes(MAX_REPORT + 1);
            if (report.length > MAX_REPORT) {
                throw new IOException("it is larger than %d MiB".formatted(MAX_REPORT >> 20));
            }
            return report;
        }
    }

    /** A 500 in one line: a parser's message may run over several. */
    private static ApiException unusable(String message) {
        return new ApiException(500, ApiError.FAIL_REPO_SCAN, message.replaceAll("\\p{Cntrl}+", " "));
    }
}
