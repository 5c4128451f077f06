package dev.bulwark.controller.scan;

import dev.bulwark.controller.domain.Kind;
import java.util.List;

/**
 * The last scan of a running container or a node: its brief ({@code RESTScanBrief}, counted from what was
 * {@code found} as the vulnerability profile has it when shown) and its report as the scanner wrote it (gzipped JSON
 * in base64, as the store keeps text), by the container's or host's id. Kept when the
 * container stops, until it is scanned again or forgotten with its node.
 *
 * @param kind {@link #WORKLOAD}, {@link #HOST} or {@link #PLATFORM}
 * @param status {@code finished} or {@code failed}
 * @param result {@code succeeded}, else the one line of why not
 */
public record RuntimeScan(String id, String kind, String name, String domain, String image, String imageId,
        String status, String result, List<Reports.Found> found, long scannedTimestamp, String scannedAt,
        String baseOs, String cvedbVersion, String cvedbCreateTime, String gzip) {

    public static final Kind<RuntimeScan> KIND = Kind.internal("object/scan/runtime/", RuntimeScan.class,
            "Runtime scan");
    public static final String WORKLOAD = "workload";
    public static final String HOST = "host";
    /** The orchestration platform, NeuVector's single {@code platform} asset. */
    public static final String PLATFORM = "platform";

    public RuntimeScan {
        found = List.copyOf(found);
    }

    /** The critical, high and medium vulnerabilities found that the profile does not accept here. */
    public int[] counts(dev.bulwark.controller.policy.VulnerabilityProfiles.Acceptance accepted) {
        return Reports.severities(found, accepted, domain, Reports.imageName(image));
    }

    /** The key of a scan: containers and hosts apart. */
    public static String key(String kind, String id) {
        return kind + "/" + id;
    }
}
