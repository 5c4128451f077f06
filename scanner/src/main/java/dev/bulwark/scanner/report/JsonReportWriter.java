package dev.bulwark.scanner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.ScanReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The JSON report: the {@link ScanReport} with snake_case names. Owned files make reports of big images
 * large, so they are written only when asked for.
 */
final class JsonReportWriter {

    private static final ObjectMapper JSON = Json.snakeCase();

    private final boolean listFiles;

    JsonReportWriter(boolean listFiles) {
        this.listFiles = listFiles;
    }

    void write(ScanReport report, Writer out) throws IOException {
        ScanReport shown = listFiles ? report
                : new ScanReport(withoutFiles(report.inventory()), report.database(), report.vulnerabilities(),
                        report.suppressed());
        JSON.writeValue(new NonClosingWriter(out), shown);
        out.write('\n');
        out.flush();
    }

    private static ImageInventory withoutFiles(ImageInventory i) {
        return i.withPackages(i.packages().stream().map(p -> p.withFiles(List.of())).toList());
    }

    /** Jackson closes its target after writing; the caller owns the writer. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
