package dev.bulwark.scanner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.ScanReport;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * NeuVector's scan report, {@code RESTScanReportData} of its REST API ({@code {"report": RESTScanReport}}), so that
 * tools reading NeuVector results read ours; {@link NeuVectorReport} makes it.
 */
final class NeuVectorWriter {

    private static final ObjectMapper JSON = Json.snakeCase();

    void write(ScanReport report, Writer out) throws IOException {
        out.write(JSON.writeValueAsString(Map.of("report", NeuVectorReport.of(report))));
        out.write('\n');
        out.flush();
    }
}
