package dev.bulwark.scanner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.SeverityLevel;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;

/** What the document formats (CycloneDX, SPDX, SARIF, NeuVector) share: output, tool identity, license ids. */
final class ReportJson {

    static final ObjectMapper MAPPER = Json.indented();
    static final String TOOL = "bulwark";
    static final String TOOL_URI = "https://github.com/bulwark-security/bulwark";

    /** SPDX license ids common in package metadata; others are given as names, which no schema rejects. */
    private static final Set<String> SPDX_IDS = Set.of("MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC",
            "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-2.1-only",
            "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "MPL-2.0", "EPL-1.0", "EPL-2.0", "CC0-1.0",
            "Unlicense", "0BSD", "Zlib", "Python-2.0", "PSF-2.0", "Artistic-2.0", "BSL-1.0", "CDDL-1.0", "AGPL-3.0-only",
            "AGPL-3.0-or-later", "WTFPL", "CC-BY-4.0", "BlueOak-1.0.0", "Ruby", "PHP-3.01", "MS-PL");

    private ReportJson() {}

    static String version() {
        String v = ReportJson.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static boolean isSpdxId(String license) {
        return SPDX_IDS.contains(license);
    }

    static void write(ObjectNode document, Writer out) throws IOException {
        out.write(MAPPER.writeValueAsString(document));
        out.write('\n');
        out.flush();
    }

    /** Where an OS package's record lives, for formats that need a file for every finding. */
    static String recordFile(InstalledPackage p) {
        if (!p.location().isEmpty()) {
            return p.location();
        }
        return switch (p.type()) {
            case DEB -> "var/lib/dpkg/status";
            case APK -> "lib/apk/db/installed";
            case RPM -> "var/lib/rpm/rpmdb.sqlite";
            default -> p.type().id();
        };
    }

    /** CycloneDX and SARIF severity words. */
    static String lower(SeverityLevel level) {
        return switch (level) {
            case CRITICAL -> "critical";
            case HIGH -> "high";
            case MEDIUM -> "medium";
            case LOW -> "low";
            case NEGLIGIBLE -> "info";
            case UNKNOWN -> "unknown";
        };
    }
}
