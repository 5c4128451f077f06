package dev.bulwark.scanner.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.bulwark.scanner.report.NeuVectorReport;
import java.util.List;

/**
 * The scan of a running container's or host's files: NeuVector's {@code RESTScanReport} (without image compliance
 * checks: a running container has no image config to check), the distribution found, the database used, and
 * {@code warnings}, ours, for what could not be checked.
 *
 * @param baseOs {@code family:version}, empty when none was found
 */
public record FilesScanReport(String baseOs, String cvedbVersion, String cvedbCreateTime,
        @JsonUnwrapped NeuVectorReport report, List<String> warnings) {

    public FilesScanReport {
        warnings = List.copyOf(warnings);
    }
}
