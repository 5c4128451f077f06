package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.scanner.report.AlignedRows;
import dev.bulwark.scanner.service.RepositoryScanRequest;
import dev.bulwark.scanner.source.SourceOptions;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bulwark scan --controller}: the image is scanned by one of the controller's scanners, through NeuVector's
 * CI scan ({@code POST /v1/scan/repository}, asked again while the controller answers 304), and the report is
 * written as a table, or as NeuVector's JSON.
 */
final class ControllerScan {

    /** NeuVector's severities, most severe first, as the summary lists them. */
    private static final List<String> SEVERITIES = List.of("Critical", "High", "Medium", "Low");

    private ControllerScan() {}

    /** Scans {@code image} through the logged-in controller at {@code server}; NeuVector's report. */
    static JsonNode scan(ControllerClient client, String server, String image, SourceOptions options) {
        if (!client.login().server().equals(stripSlash(server))) {
            throw new InvalidInputException("logged in to %s, not %s: run `bulwark login --server %s` first"
                    .formatted(client.login().server(), server, server));
        }
        RepositoryScanRequest request = RepositoryScanRequest.forImage(image.replaceFirst("^registry:", ""),
                options.username(), options.password(), options.insecure());
        byte[] body;
        try {
            body = Json.snakeCase().writeValueAsBytes(Map.of("request", request));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        while (true) {
            ControllerClient.Reply r = client.send("POST", "/v1/scan/repository", body, "application/json");
            if (r.status() != 304) {
                return r.json().path("report");
            }
        }
    }

    /** Writes the report as the local scan's table does: the image, then one row per vulnerability. */
    static void table(JsonNode report, Writer out) throws IOException {
        out.write("Image:     %s%s:%s%n".formatted(report.path("registry").asText(), report.path("repository")
                .asText(), report.path("tag").asText()));
        out.write("Digest:    " + report.path("digest").asText() + "\n");
        String os = report.path("base_os").asText();
        out.write("OS:        " + (os.isEmpty() ? "unknown" : os) + "\n");
        out.write("Layers:    " + report.path("layers").size() + "\n");
        out.write("Packages:  " + report.path("modules").size() + "\n");
        String built = report.path("cvedb_create_time").asText();
        JsonNode vulns = report.path("vulnerabilities");
        if (!built.isEmpty()) {
            out.write("Database:  built " + built + "\n");
            Map<String, Integer> counts = new LinkedHashMap<>();
            SEVERITIES.forEach(level -> counts.put(level, 0));
            vulns.forEach(v -> counts.merge(v.path("severity").asText(), 1, Integer::sum));
            String summary = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
            out.write("Vulnerabilities: %d%s%n%n".formatted(vulns.size(), summary.isEmpty() ? "" : " (" + summary
                    + ")"));
        }
        rows(out, vulns, new String[] {"PACKAGE", "ID", "SEVERITY", "INSTALLED", "FIXED", "TITLE"},
                v -> new String[] {v.path("package_name").asText(), v.path("name").asText(),
                    v.path("severity").asText(), v.path("package_version").asText(), v.path("fixed_version").asText(),
                    AlignedRows.oneLine(v.path("description").asText(), 60)});
        section(out, "Secrets", report.path("secrets"), new String[] {"TYPE", "PATH", "EVIDENCE"},
                s -> new String[] {s.path("type").asText(), s.path("path").asText(), s.path("evidence").asText()});
        section(out, "Setuid and setgid files", report.path("setid_perms"), new String[] {"TYPE", "PATH"},
                s -> new String[] {s.path("type").asText(), s.path("path").asText()});
        JsonNode warnings = report.path("warnings");
        if (!warnings.isEmpty()) {
            out.write("\nWarnings:\n");
            for (JsonNode w : warnings) {
                out.write("  " + w.asText() + "\n");
            }
        }
        out.flush();
    }

    private static void section(Writer out, String title, JsonNode items, String[] header,
            java.util.function.Function<JsonNode, String[]> row) throws IOException {
        if (!items.isEmpty()) {
            out.write("\n%s: %d%n".formatted(title, items.size()));
            rows(out, items, header, row);
        }
    }

    private static void rows(Writer out, JsonNode items, String[] header,
            java.util.function.Function<JsonNode, String[]> row) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        items.forEach(i -> rows.add(row.apply(i)));
        AlignedRows.write(rows, out);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
