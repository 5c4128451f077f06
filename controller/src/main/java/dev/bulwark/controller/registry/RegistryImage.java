package dev.bulwark.controller.registry;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.scan.Reports;
import java.util.List;
import java.util.Map;

/**
 * The last scan of one {@code repository:tag} of a registry, as {@code GET /v1/scan/registry/{name}/images} lists it
 * ({@code RESTRegistryImageSummary}, its {@code RESTScanBrief} flattened; the counts from what was {@code found},
 * as the vulnerability profile has it when shown). Its report is kept apart, by image id ({@link Report}), as tags
 * often share an image.
 *
 * @param status {@code finished} or {@code failed}
 * @param result {@code succeeded}, else the scanner's one line
 * @param digest the manifest digest the tag named when it was scanned: an unchanged digest is not scanned again
 * @param gone the registry's last listing no longer had this tag (or its filters no longer take it): kept as
 *     history, not shown as current
 */
public record RegistryImage(String registry, String domain, String repository, String tag, String imageId,
        String digest, long size, String author, boolean runAsRoot, String createdAt, List<String> envs,
        Map<String, String> labels, List<String> layers, String status, List<Reports.Found> found,
        String result, long scannedTimestamp, String scannedAt, String baseOs, String scannerVersion,
        String cvedbCreateTime, boolean gone) {

    public static final Kind<RegistryImage> KIND = Kind.internal("object/scan/registry_image/", RegistryImage.class,
            "Registry image");
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";

    public RegistryImage {
        envs = List.copyOf(envs);
        labels = Map.copyOf(labels);
        layers = List.copyOf(layers);
        found = List.copyOf(found);
    }

    /** The id of a registry's image record: registry, repository and tag. */
    public static String id(String registry, String repository, String tag) {
        return registry + "/" + repository + ":" + tag;
    }

    public String id() {
        return id(registry, repository, tag);
    }

    /** The critical, high and medium vulnerabilities found that the profile does not accept for this image. */
    public int[] counts(dev.bulwark.controller.policy.VulnerabilityProfiles.Acceptance accepted) {
        return Reports.severities(found, accepted, domain, repository + ":" + tag);
    }

    /** This image, as history: its tag is no longer in the registry's listing. */
    public RegistryImage asGone() {
        return new RegistryImage(registry, domain, repository, tag, imageId, digest, size, author, runAsRoot,
                createdAt, envs, labels, layers, status, found, result, scannedTimestamp, scannedAt, baseOs,
                scannerVersion, cvedbCreateTime, true);
    }

    /**
     * An image's last report as its scanner wrote it (NeuVector's {@code RESTScanRepoReport}), gzipped and in base64
     * (the store keeps text), by registry and image id.
     */
    public record Report(String registry, String imageId, String gzip) {

        public static final Kind<Report> KIND = Kind.internal("object/scan/registry_report/", Report.class,
                "Registry image report");

        public static String id(String registry, String imageId) {
            return registry + "/" + imageId;
        }
    }
}
