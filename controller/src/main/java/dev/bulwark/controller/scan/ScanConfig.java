package dev.bulwark.controller.scan;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;

/**
 * Which running containers and hosts are scanned without being asked ({@code /v1/scan/config}); they are rescanned
 * when a scanner brings a newer database. Off until turned on, as in NeuVector.
 */
public record ScanConfig(boolean autoScanWorkload, boolean autoScanHost) {

    public static final Kind<ScanConfig> KIND = Kind.single("scan", "config", ScanConfig.class, "Scan config",
            Section.SYSTEM);
    public static final ScanConfig DEFAULT = new ScanConfig(false, false);

    /** NeuVector's global {@code auto_scan}: on when anything is scanned automatically. */
    public boolean autoScan() {
        return autoScanWorkload || autoScanHost;
    }
}
