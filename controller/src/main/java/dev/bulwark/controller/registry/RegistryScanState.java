package dev.bulwark.controller.registry;

import static java.util.Objects.requireNonNull;


/**
 * What a registry's scan reports, as its summary shows it ({@code status}, {@code error_message},
 * {@code error_detail}, {@code started_at} of {@code RESTRegistrySummary} and the counts of {@code RESTScanStatus}).
 * {@link RegistryScanStates} keeps each registry's.
 *
 * @param status {@link #STATUS_IDLE} or {@link #STATUS_SCANNING}
 * @param startedAt when the running or last scan started, RFC 3339; empty if none did
 * @param scanned images scanned (NeuVector counts an image once per repository and tag)
 * @param scheduled images waiting for a scanner
 * @param scanning images being scanned
 * @param failed images whose scan failed
 * @param cvedbVersion the vulnerability database the scans used; empty if none
 * @param cvedbCreateTime when that database was made, RFC 3339; empty if none
 */
public record RegistryScanState(String status, String errorMessage, String errorDetail, String startedAt,
        int scanned, int scheduled, int scanning, int failed, String cvedbVersion, String cvedbCreateTime) {

    public static final String STATUS_IDLE = "idle";
    public static final String STATUS_SCANNING = "scanning";

    /** A registry never scanned. */
    public static final RegistryScanState IDLE = new RegistryScanState(STATUS_IDLE, "", "", "", 0, 0, 0, 0, "", "");

    public RegistryScanState {
        requireNonNull(status, "status");
        requireNonNull(errorMessage, "errorMessage");
        requireNonNull(errorDetail, "errorDetail");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(cvedbVersion, "cvedbVersion");
        requireNonNull(cvedbCreateTime, "cvedbCreateTime");
        if (scanned < 0 || scheduled < 0 || scanning < 0 || failed < 0) {
            throw new IllegalArgumentException("image counts are not negative");
        }
    }

    /** Whether a scan of the registry runs: it cannot be deleted meanwhile, as in NeuVector. */
    public boolean running() {
        return status.equals(STATUS_SCANNING);
    }

}
