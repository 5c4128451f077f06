package dev.bulwark.vulndb.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Cvss;
import dev.bulwark.vulndb.advisory.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * NVD CVE API 2.0 documents ({@code {"vulnerabilities": [{"cve": {...}}]}}, as the API pages or the yearly
 * files give them), read as a stream. NVD records carry no affected packages here: they supply the description,
 * references and CVSS v2, v3.x and v4 metrics that vendor feeds lack, and are merged into the vendor advisories
 * by CVE id when the database is built. A metric with a vector but no score gets the score computed.
 */
final class NvdImporter implements FeedImporter {

    @Override
    public void importFrom(Path path, Consumer<Advisory> sink, ImportStats stats) throws IOException {
        for (Path file : FeedFiles.list(path)) {
            stats.countFile();
            try {
                StreamedObjects.eachElement(file, "vulnerabilities", (index, item) -> {
                    try {
                        sink.accept(parse(item.path("cve")));
                        stats.countImported();
                    } catch (IllegalArgumentException e) {
                        stats.skipped(file + " item " + index, e.getMessage());
                    }
                });
            } catch (IOException | RuntimeException e) {
                stats.skipped(file.toString(), "stopped reading: " + FeedFiles.firstLine(e.getMessage()));
            }
        }
    }

    static Advisory parse(JsonNode cve) {
        String id = OsvImporter.text(cve, "id");
        if (!id.startsWith("CVE-")) {
            throw new IllegalArgumentException("record without a CVE id");
        }
        String description = "";
        for (JsonNode d : cve.path("descriptions")) {
            if (OsvImporter.text(d, "lang").equals("en")) {
                description = OsvImporter.text(d, "value");
                break;
            }
        }
        List<String> references = new ArrayList<>();
        cve.path("references").forEach(r -> references.add(OsvImporter.text(r, "url")));
        references.removeIf(String::isEmpty);
        List<Severity> severities = new ArrayList<>();
        JsonNode metrics = cve.path("metrics");
        metrics.path("cvssMetricV40").forEach(m -> severities.add(metric(m, Severity.Type.CVSS_V4)));
        metrics.path("cvssMetricV31").forEach(m -> severities.add(metric(m, Severity.Type.CVSS_V3)));
        metrics.path("cvssMetricV30").forEach(m -> severities.add(metric(m, Severity.Type.CVSS_V3)));
        metrics.path("cvssMetricV2").forEach(m -> severities.add(metric(m, Severity.Type.CVSS_V2)));
        severities.removeIf(s -> s.vector().isEmpty());
        return new Advisory(id, "nvd", List.of(), "", description, references, OsvImporter.text(cve, "published"),
                OsvImporter.text(cve, "lastModified"), severities, List.of());
    }

    private static Severity metric(JsonNode metric, Severity.Type type) {
        JsonNode data = metric.path("cvssData");
        String vector = OsvImporter.text(data, "vectorString");
        double score = data.path("baseScore").isNumber() ? data.path("baseScore").asDouble()
                : switch (type) {
                    case CVSS_V3 -> Cvss.v3BaseScore(vector).orElse(0.0);
                    case CVSS_V2 -> Cvss.v2BaseScore(vector).orElse(0.0);
                    default -> 0.0;
                };
        SeverityLevel level = type == Severity.Type.CVSS_V2 ? Cvss.v2Level(score) : SeverityLevel.ofScore(score);
        String source = OsvImporter.text(metric, "source");
        return new Severity(source.isEmpty() || source.equals("nvd@nist.gov") ? "nvd" : source, type, vector, score,
                level);
    }
}
