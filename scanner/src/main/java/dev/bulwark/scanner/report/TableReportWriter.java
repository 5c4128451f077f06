package dev.bulwark.scanner.report;

import dev.bulwark.core.scan.ComplianceCheck;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.LayerInfo;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.core.scan.SetIdFile;
import dev.bulwark.core.scan.Vulnerability;
import dev.bulwark.core.io.Printable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The human report: a summary of the image, then one aligned row per finding when a database was used, else one
 * row per package.
 */
final class TableReportWriter {

    private static final int SHORT_DIGEST = 12;

    void write(ScanReport report, Writer out) throws IOException {
        ImageInventory inventory = report.inventory();
        out.write("Image:     " + Printable.of(inventory.source()) + "\n");
        if (!inventory.digest().isEmpty()) {
            out.write("Digest:    " + inventory.digest() + "\n");
        }
        if (!inventory.architecture().isEmpty()) {
            out.write("Platform:  " + inventory.architecture() + "\n");
        }
        out.write("OS:        " + Printable.of(describe(inventory.os())) + "\n");
        out.write("Layers:    " + inventory.layers().size() + "\n");
        for (int i = 0; i < inventory.layers().size(); i++) {
            LayerInfo l = inventory.layers().get(i);
            out.write("  %2d  %s  %s\n".formatted(i + 1, shortDigest(l.diffId()), AlignedRows.oneLine(l.createdBy(), 80)));
        }
        out.write("Packages:  " + inventory.packages().size() + "\n");
        if (report.matched()) {
            writeFindings(report, out);
        } else {
            writePackages(inventory, out);
        }
        writeImageFindings(inventory, out);
        if (!inventory.warnings().isEmpty()) {
            out.write("\nWarnings:\n");
            for (ScanWarning w : inventory.warnings()) {
                out.write("  " + Printable.of(w.toString()) + "\n");
            }
        }
        out.flush();
    }

    private static void writeFindings(ScanReport report, Writer out) throws IOException {
        out.write("Database:  built " + report.database().built() + "\n");
        String counts = report.summary().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
        out.write("Vulnerabilities: " + report.vulnerabilities().size() + (counts.isEmpty() ? "" : " (" + counts + ")")
                + "\n\n");
        if (report.suppressed() != null) {
            out.write("Suppressed: " + report.suppressed().size() + " (listed in the JSON report)\n");
        }
        if (report.vulnerabilities().isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PACKAGE", "ID", "SEVERITY", "STATUS", "INSTALLED", "FIXED", "TITLE"});
        for (Vulnerability v : report.vulnerabilities()) {
            rows.add(new String[] {v.packageName(), v.id(), v.severity().name(), v.status().id(), v.installedVersion(),
                v.fixedVersion(), AlignedRows.oneLine(v.title(), 60)});
        }
        AlignedRows.write(rows, out);
    }

    /** Secrets, setuid/setgid files and failed compliance checks, each section only when it has entries. */
    private static void writeImageFindings(ImageInventory inventory, Writer out) throws IOException {
        if (!inventory.secrets().isEmpty()) {
            out.write("\nSecrets: " + inventory.secrets().size() + "\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"FILE", "LINE", "RULE", "SEVERITY", "MATCH"});
            for (SecretFinding f : inventory.secrets()) {
                rows.add(new String[] {f.path(), String.valueOf(f.line()), f.ruleId(), f.severity().name(),
                    AlignedRows.oneLine(f.match(), 60)});
            }
            AlignedRows.write(rows, out);
        }
        if (!inventory.setIdFiles().isEmpty()) {
            out.write("\nSetuid/setgid files: " + inventory.setIdFiles().size() + "\n");
            for (SetIdFile f : inventory.setIdFiles()) {
                out.write("  %s  %s  /%s\n".formatted(f.mode(), f.kind(), Printable.of(f.path())));
            }
        }
        List<ComplianceCheck> failed = inventory.checks().stream().filter(ComplianceCheck::failed).toList();
        if (!failed.isEmpty()) {
            out.write("\nCompliance: %d of %d checks warn\n".formatted(failed.size(), inventory.checks().size()));
            for (ComplianceCheck c : failed) {
                out.write("  %-7s %s: %s\n".formatted(c.id(), c.description(), AlignedRows.oneLine(String.join("; ",
                        c.evidence()), 80)));
            }
        }
    }

    private static void writePackages(ImageInventory inventory, Writer out) throws IOException {
        out.write("\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "VERSION", "ARCH", "TYPE", "SOURCE", "LAYER"});
        for (InstalledPackage p : inventory.packages()) {
            String source = p.sourceName().equals(p.name()) && p.sourceVersion().equals(p.version()) ? ""
                    : p.sourceName() + (p.sourceVersion().equals(p.version()) ? "" : " " + p.sourceVersion());
            rows.add(new String[] {p.name(), p.version(), p.arch(), p.type().id(), source, shortDigest(p.layer())});
        }
        AlignedRows.write(rows, out);
    }

    private static String describe(OsInfo os) {
        if (!os.isKnown()) {
            return "not detected";
        }
        String text = os.family() + " " + os.version() + (os.codename().isEmpty() ? "" : " (" + os.codename() + ")");
        return os.distroless() ? text + ", distroless" : text;
    }

    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        String hex = colon < 0 ? digest : digest.substring(colon + 1);
        return hex.length() > SHORT_DIGEST ? hex.substring(0, SHORT_DIGEST) : hex;
    }
}
