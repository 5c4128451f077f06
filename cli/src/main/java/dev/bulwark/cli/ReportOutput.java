package dev.bulwark.cli;

import dev.bulwark.core.io.AtomicFiles;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.scanner.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a report to standard output, or to a file that is replaced atomically, so a reader never sees half. */
final class ReportOutput {

    private ReportOutput() {}

    static ReportFormat format(String name, List<String> allowed) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new InvalidInputException("unknown format '%s' (use one of: %s)".formatted(name,
                    String.join(", ", allowed)));
        }
        return ReportFormat.valueOf(lower.toUpperCase(Locale.ROOT));
    }

    static void write(ScanReport report, ReportFormat format, boolean listFiles, Path file, PrintWriter stdout)
            throws IOException {
        write(file, stdout, w -> format.write(report, listFiles, w));
    }

    /** What writes a report. */
    interface Body {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes to {@code file}, replacing it whole, or to standard output when there is no file. */
    static void write(Path file, PrintWriter stdout, Body body) throws IOException {
        if (file == null) {
            body.writeTo(stdout);
            stdout.flush();
            return;
        }
        AtomicFiles.write(file, AtomicFiles.PUBLIC, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            body.writeTo(w);
            w.flush();
        });
    }
}
