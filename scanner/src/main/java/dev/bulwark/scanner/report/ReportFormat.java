package dev.bulwark.scanner.report;

import dev.bulwark.core.scan.ScanReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The output formats of {@code bulwark scan} and {@code bulwark sbom}; each writes the whole report to a writer. */
public enum ReportFormat {
    TABLE,
    JSON,
    CYCLONEDX,
    SPDX,
    SARIF,
    NEUVECTOR;

    public void write(ScanReport report, boolean listFiles, Writer out) throws IOException {
        switch (this) {
            case TABLE -> new TableReportWriter().write(report, out);
            case JSON -> new JsonReportWriter(listFiles).write(report, out);
            case CYCLONEDX -> new CycloneDxWriter().write(report, out);
            case SPDX -> new SpdxWriter().write(report, out);
            case SARIF -> new SarifWriter().write(report, out);
            case NEUVECTOR -> new NeuVectorWriter().write(report, out);
        }
    }

    /** The lower-case names users type. */
    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
