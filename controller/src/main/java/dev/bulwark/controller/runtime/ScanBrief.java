package dev.bulwark.controller.runtime;

/**
 * {@code RESTScanBrief}: the last scan of a container or node, its status while one is on its way; {@link #NONE}
 * before any.
 *
 * @param status empty (never scanned), {@code scheduled}, {@code scanning}, {@code finished} or {@code failed}
 */
public record ScanBrief(String status, int critical, int high, int medium, String result, long scannedTimestamp,
        String scannedAt, String baseOs, String scannerVersion, String cvedbCreateTime) {

    public static final ScanBrief NONE = new ScanBrief("", 0, 0, 0, "", 0, "", "", "", "");

    /** The scan briefs of containers and nodes, by id. */
    public interface Source {
        ScanBrief workload(String id);

        ScanBrief host(String id);

        Source NONE = new Source() {
            @Override
            public ScanBrief workload(String id) {
                return ScanBrief.NONE;
            }

            @Override
            public ScanBrief host(String id) {
                return ScanBrief.NONE;
            }
        };
    }
}
