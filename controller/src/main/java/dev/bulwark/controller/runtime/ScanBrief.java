package dev.bulwark.controller.runtime;

/**
 * {@code RESTScanBrief} of a container or node: empty, since the runtime scan of containers and nodes is not part
 * of the runtime plane yet (images are scanned by the scanner, which reports nothing here).
 */
record ScanBrief(String status, int critical, int high, int medium, String result, long scannedTimestamp,
        String scannedAt, String baseOs, String scannerVersion, String cvedbCreateTime) {

    static final ScanBrief NONE = new ScanBrief("", 0, 0, 0, "", 0, "", "", "", "");
}
