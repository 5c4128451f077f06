package dev.bulwark.scanner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.scan.ComplianceCheck;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.core.scan.SetIdFile;
import dev.bulwark.core.scan.Vulnerability;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NeuVector's scan report, {@code RESTScanReportData} of its REST API ({@code {"report": RESTScanReport}}), so that
 * tools reading NeuVector results read ours: vulnerabilities, modules with their CVEs and status, image compliance
 * checks, secrets, setuid/setgid files, environment, labels and build commands.
 */
final class NeuVectorWriter {

    void write(ScanReport report, Writer out) throws IOException {
        ImageInventory inventory = report.inventory();
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        ObjectNode r = root.putObject("report");
        ArrayNode vulnerabilities = r.putArray("vulnerabilities");
        Map<String, List<Vulnerability>> byModule = new LinkedHashMap<>();
        if (report.matched()) {
            for (Vulnerability v : report.vulnerabilities()) {
                vulnerability(vulnerabilities.addObject(), v);
                byModule.computeIfAbsent(moduleKey(v.packageName(), v.installedVersion(), v.path()),
                        k -> new ArrayList<>()).add(v);
            }
        }
        ArrayNode modules = r.putArray("modules");
        for (InstalledPackage p : inventory.packages()) {
            ObjectNode m = modules.addObject();
            m.put("name", p.name());
            m.put("file", p.location());
            m.put("version", p.version());
            m.put("source", p.type().id());
            ArrayNode cves = m.putArray("cves");
            for (Vulnerability v : byModule.getOrDefault(moduleKey(p.name(), p.version(), p.location()), List.of())) {
                ObjectNode c = cves.addObject();
                c.put("name", v.id());
                c.put("status", switch (v.status()) {
                    case FIXED -> "FixExists";
                    case WILL_NOT_FIX -> "WillNotFix";
                    case AFFECTED, NOT_AFFECTED -> "Unpatched";
                });
            }
        }
        ArrayNode checks = r.putArray("checks");
        for (ComplianceCheck c : inventory.checks()) {
            ObjectNode item = checks.addObject();
            item.put("catalog", "image");
            item.put("type", "image");
            item.put("level", c.level());
            item.put("test_number", c.id());
            item.put("profile", "Level 1");
            item.put("scored", true);
            item.put("automated", true);
            item.put("description", c.description());
            ArrayNode message = item.putArray("message");
            c.evidence().forEach(message::add);
            item.put("remediation", c.remediation());
            item.put("group", "");
        }
        ArrayNode secrets = r.putArray("secrets");
        for (SecretFinding s : inventory.secrets()) {
            ObjectNode n = secrets.addObject();
            n.put("type", s.category());
            n.put("evidence", s.match() + " (line " + s.line() + ")");
            n.put("path", "/" + s.path());
            n.put("suggestion", "Remove the " + s.title().toLowerCase(Locale.ROOT)
                    + " from the image and rotate it: it is readable by anyone who can pull the image");
        }
        ArrayNode setIds = r.putArray("setid_perms");
        for (SetIdFile f : inventory.setIdFiles()) {
            ObjectNode n = setIds.addObject();
            n.put("type", f.kind());
            n.put("evidence", f.mode());
            n.put("path", "/" + f.path());
        }
        ArrayNode envs = r.putArray("envs");
        inventory.settings().env().forEach(envs::add);
        ObjectNode labels = r.putObject("labels");
        inventory.settings().labels().forEach(labels::put);
        ArrayNode cmds = r.putArray("cmds");
        inventory.settings().history().forEach(cmds::add);
        ReportJson.write(root, out);
    }

    private static String moduleKey(String name, String version, String location) {
        return name + "\u0000" + version + "\u0000" + location;
    }

    private static void vulnerability(ObjectNode n, Vulnerability v) {
        boolean v3 = v.cvssVector().startsWith("CVSS:3") || v.cvssVector().startsWith("CVSS:4");
        n.put("name", v.id());
        n.put("score", v3 ? 0 : v.cvssScore());
        n.put("severity", switch (v.severity()) {
            case CRITICAL -> "Critical";
            case HIGH -> "High";
            case MEDIUM -> "Medium";
            case LOW -> "Low";
            default -> "Unknown";
        });
        n.put("vectors", v3 ? "" : v.cvssVector());
        n.put("description", v.title());
        n.put("file_name", v.path());
        n.put("package_name", v.packageName());
        n.put("package_version", v.installedVersion());
        n.put("fixed_version", v.fixedVersion());
        n.put("link", v.link());
        n.put("score_v3", v3 ? v.cvssScore() : 0);
        n.put("vectors_v3", v3 ? v.cvssVector() : "");
        long published = epochSeconds(v.published());
        n.put("published_timestamp", published);
        n.put("last_modified_timestamp", published);
        ArrayNode cves = n.putArray("cves");
        v.aliases().stream().filter(a -> a.startsWith("CVE-")).forEach(cves::add);
        n.put("feed_rating", v.severity().name());
        n.put("in_base_image", false);
    }

    private static long epochSeconds(String time) {
        if (time.length() < 10) {
            return 0;
        }
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return LocalDate.parse(time.substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (java.time.format.DateTimeParseException e2) {
                return 0;
            }
        }
    }
}
