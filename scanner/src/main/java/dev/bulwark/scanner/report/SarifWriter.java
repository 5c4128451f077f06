package dev.bulwark.scanner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.scan.ComplianceCheck;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.core.scan.Vulnerability;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for code scanning (GitHub's among others): one rule per advisory, secret rule and compliance check,
 * one result per finding, each located in a file of the image (the package's file, or the OS package database)
 * and rated with {@code security-severity}, which GitHub reads.
 */
final class SarifWriter {

    void write(ScanReport report, Writer out) throws IOException {
        ImageInventory inventory = report.inventory();
        ObjectNode log = ReportJson.MAPPER.createObjectNode();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Bulwark");
        driver.put("informationUri", ReportJson.TOOL_URI);
        driver.put("version", ReportJson.version());
        ArrayNode rules = driver.putArray("rules");
        ArrayNode results = run.putArray("results");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();

        if (report.matched()) {
            for (Vulnerability v : report.vulnerabilities()) {
                int index = rule(rules, ruleIndex, v.id(), v.title().isEmpty() ? v.id() : v.title(),
                        "%s in %s %s%s".formatted(v.id(), v.packageName(), v.installedVersion(),
                                v.fixable() ? ", fixed in " + v.fixedVersion() : ""),
                        v.link(), v.severity(), v.cvssScore(), "vulnerability");
                result(results, v.id(), index, v.severity(), "Package: %s\nInstalled version: %s\nFixed version: %s\n"
                        .formatted(v.packageName(), v.installedVersion(), v.fixable() ? v.fixedVersion() : "none yet")
                        + "Vulnerability: %s\nSeverity: %s".formatted(v.id(), v.severity()),
                        fileOf(v, inventory), 1);
            }
        }
        for (SecretFinding s : inventory.secrets()) {
            int index = rule(rules, ruleIndex, s.ruleId(), s.title(), s.title() + " (" + s.category() + ")", "",
                    s.severity(), 0, "secret");
            result(results, s.ruleId(), index, s.severity(), "%s: %s".formatted(s.title(), s.match()), s.path(),
                    Math.max(1, s.line()));
        }
        for (ComplianceCheck c : inventory.checks()) {
            if (c.failed()) {
                int index = rule(rules, ruleIndex, c.id(), c.description(), c.description() + ". " + c.remediation(),
                        "", SeverityLevel.MEDIUM, 0, "compliance");
                result(results, c.id(), index, SeverityLevel.MEDIUM, c.description() + ": " + String.join("; ",
                        c.evidence()), "Dockerfile", 1);
            }
        }
        ReportJson.write(log, out);
    }

    private static String fileOf(Vulnerability v, ImageInventory inventory) {
        for (InstalledPackage p : inventory.packages()) {
            if (p.name().equals(v.packageName()) && p.location().equals(v.path()) && p.purl().equals(v.purl())) {
                return ReportJson.recordFile(p);
            }
        }
        return v.path().isEmpty() ? inventory.source() : v.path();
    }

    private static int rule(ArrayNode rules, Map<String, Integer> index, String id, String name, String description,
            String link, SeverityLevel severity, double score, String kind) {
        Integer known = index.get(id);
        if (known != null) {
            return known;
        }
        ObjectNode rule = rules.addObject();
        rule.put("id", id);
        rule.put("name", kind + "/" + id);
        rule.putObject("shortDescription").put("text", name);
        rule.putObject("fullDescription").put("text", description);
        if (!link.isEmpty()) {
            rule.put("helpUri", link);
        }
        ObjectNode help = rule.putObject("help");
        help.put("text", description + (link.isEmpty() ? "" : "\n" + link));
        help.put("markdown", "**" + id + "** " + description + (link.isEmpty() ? "" : "\n\n[" + link + "](" + link + ")"));
        rule.putObject("defaultConfiguration").put("level", level(severity));
        ObjectNode properties = rule.putObject("properties");
        properties.put("security-severity", String.format(java.util.Locale.ROOT, "%.1f",
                score > 0 ? score : securitySeverity(severity)));
        properties.putArray("tags").add("security").add(kind).add(ReportJson.lower(severity));
        index.put(id, rules.size() - 1);
        return rules.size() - 1;
    }

    private static void result(ArrayNode results, String ruleId, int ruleIndex, SeverityLevel severity,
            String message, String file, int line) {
        ObjectNode r = results.addObject();
        r.put("ruleId", ruleId);
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(severity));
        r.putObject("message").put("text", message);
        ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", file.startsWith("/") ? file.substring(1) : file);
        ObjectNode region = physical.putObject("region");
        region.put("startLine", line);
        region.put("startColumn", 1);
    }

    private static String level(SeverityLevel severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
    }

    private static double securitySeverity(SeverityLevel severity) {
        return switch (severity) {
            case CRITICAL -> 9.5;
            case HIGH -> 8.0;
            case MEDIUM -> 5.5;
            case LOW -> 2.0;
            default -> 0.0;
        };
    }
}
