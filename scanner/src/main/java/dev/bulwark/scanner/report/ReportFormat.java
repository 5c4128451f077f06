package dev.bulwark.scanner.report;

import dev.bulwark.core.scan.ScanReport;
import java.io.IOException;
import java.io.Writer;

/** The output formats of {@code bulwark scan}; each writes the whole report to a writer. */
public enum ReportFormat {
    TABLE,
    JSON;

    public void write(ScanReport report, boolean listFiles, Writer out) throws IOException {
        switch (this) {
            case TABLE -> new TableReportWriter().write(report, out);
            case JSON -> new JsonReportWriter(listFiles).write(report, out);
        }
    }
}
