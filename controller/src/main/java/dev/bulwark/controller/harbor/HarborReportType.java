package dev.bulwark.controller.harbor;

import java.util.Locale;
import java.util.Optional;

/**
 * The report types the adapter produces, both with the body {@link HarborReport}; a GET of a report names the one
 * it wants in {@code Accept}, and the answer's {@code Content-Type} is that type as spelt here. The raw report
 * type ({@code application/vnd.scanner.adapter.vuln.report.raw}) is not produced.
 */
enum HarborReportType {
    /** The v1.0 report, which every Harbor since 1.10 reads. */
    NATIVE("application/vnd.scanner.adapter.vuln.report.harbor+json", "1.0"),
    /** v1.1's report of the same shape, which Harbor 2.x prefers. */
    GENERIC("application/vnd.security.vulnerability.report", "1.1");

    private final String type;
    private final String version;

    HarborReportType(String type, String version) {
        this.type = type;
        this.version = version;
    }

    /** {@code TYPE; version=V}, as Harbor spells it. */
    String text() {
        return type + "; version=" + version;
    }

    /**
     * The first type {@code Accept} lists that is produced here, reading types and parameter names in any letter
     * case and with any spaces; a type without a version is taken as the one produced, and one with {@code q=0} is
     * skipped. No {@code Accept} header, or a wildcard range in it (any type, any application type), gets
     * {@link #NATIVE}. Empty when nothing listed is produced here (406).
     */
    static Optional<HarborReportType> accepted(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(NATIVE);
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            String version = "";
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = parts[i].substring(eq + 1).strip().replace("\"", "");
                if (name.equals("version")) {
                    version = value;
                } else if (name.equals("q")) {
                    refused = value.matches("0(\\.0*)?");
                }
            }
            if (refused) {
                continue;
            }
            if (type.equals("*/*") || type.equals("application/*")) {
                return Optional.of(NATIVE);
            }
            for (HarborReportType t : values()) {
                if (t.type.equals(type) && (version.isEmpty() || t.version.equals(version))) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }
}
