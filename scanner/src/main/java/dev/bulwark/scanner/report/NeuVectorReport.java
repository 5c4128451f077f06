package dev.bulwark.scanner.report;

import dev.bulwark.core.scan.ComplianceCheck;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.core.scan.SetIdFile;
import dev.bulwark.core.scan.Vulnerability;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * NeuVector's {@code RESTScanReport}: vulnerabilities, modules with their CVEs and status, image compliance checks,
 * secrets, setuid/setgid files, environment, labels and build commands. Written with snake_case names
 * ({@code Json.snakeCase()}), it reads as NeuVector's JSON. The {@code neuvector} report format and the repository
 * scan of {@code scanner.service} both make theirs here.
 */
public record NeuVectorReport(List<Vuln> vulnerabilities, List<Module> modules, List<BenchItem> checks,
        List<Secret> secrets, List<SetIdPerm> setidPerms, List<String> envs, Map<String, String> labels,
        List<String> cmds) {

    public NeuVectorReport {
        vulnerabilities = List.copyOf(vulnerabilities);
        modules = List.copyOf(modules);
        checks = List.copyOf(checks);
        secrets = List.copyOf(secrets);
        setidPerms = List.copyOf(setidPerms);
        envs = List.copyOf(envs);
        labels = new TreeMap<>(labels);
        cmds = List.copyOf(cmds);
    }

    /** {@code RESTVulnerability}: {@code score} and {@code vectors} hold CVSS v2, the {@code _v3} pair v3 or v4. */
    public record Vuln(String name, double score, String severity, String vectors, String description,
            String fileName, String packageName, String packageVersion, String fixedVersion, String link,
            double scoreV3, String vectorsV3, long publishedTimestamp, long lastModifiedTimestamp, List<String> cves,
            String feedRating, boolean inBaseImage) {}

    /** {@code RESTScanModule}; {@code source} is the package type ({@code apk}, {@code maven}). */
    public record Module(String name, String file, String version, String source, List<ModuleCve> cves) {}

    /** {@code RESTModuleCve}: {@code status} is {@code FixExists}, {@code WillNotFix} or {@code Unpatched}. */
    public record ModuleCve(String name, String status) {}

    /** {@code RESTBenchItem} of an image compliance check. */
    public record BenchItem(String catalog, String type, String level, String testNumber, String profile,
            boolean scored, boolean automated, String description, List<String> message, String remediation,
            String group) {}

    /** {@code RESTScanSecret}: {@code evidence} is the redacted match. */
    public record Secret(String type, String evidence, String path, String suggestion) {}

    /** {@code RESTScanSetIdPerm}: {@code evidence} is the file mode. */
    public record SetIdPerm(String type, String evidence, String path) {}

    /** The report of a scan; without a database, no vulnerabilities and modules without CVEs. */
    public static NeuVectorReport of(ScanReport report) {
        return of(report, Set.of());
    }

    /** The report of a scan whose vulnerabilities from the layers {@code baseLayers} (diff ids) are in the base. */
    public static NeuVectorReport of(ScanReport report, Set<String> baseLayers) {
        ImageInventory inventory = report.inventory();
        List<Vulnerability> found = report.matched() ? report.vulnerabilities() : List.of();
        Map<String, List<ModuleCve>> byModule = new HashMap<>();
        for (Vulnerability v : found) {
            byModule.computeIfAbsent(moduleKey(v.packageName(), v.installedVersion(), v.path()),
                    k -> new ArrayList<>()).add(new ModuleCve(v.id(), switch (v.status()) {
                        case FIXED -> "FixExists";
                        case WILL_NOT_FIX -> "WillNotFix";
                        case AFFECTED, NOT_AFFECTED -> "Unpatched";
                    }));
        }
        List<Module> modules = new ArrayList<>();
        for (InstalledPackage p : inventory.packages()) {
            modules.add(new Module(p.name(), p.location(), p.version(), p.type().id(),
                    byModule.getOrDefault(moduleKey(p.name(), p.version(), p.location()), List.of())));
        }
        return new NeuVectorReport(found.stream().map(v -> vuln(v, baseLayers.contains(v.layer()))).toList(), modules,
                inventory.checks().stream().map(NeuVectorReport::benchItem).toList(),
                inventory.secrets().stream().map(NeuVectorReport::secret).toList(),
                inventory.setIdFiles().stream().map(NeuVectorReport::setIdPerm).toList(),
                inventory.settings().env(), inventory.settings().labels(), inventory.settings().history());
    }

    public static Vuln vuln(Vulnerability v, boolean inBaseImage) {
        boolean v3 = v.cvssVector().startsWith("CVSS:3") || v.cvssVector().startsWith("CVSS:4");
        String severity = switch (v.severity()) {
            case CRITICAL -> "Critical";
            case HIGH -> "High";
            case MEDIUM -> "Medium";
            case LOW -> "Low";
            default -> "Unknown";
        };
        long published = epochSeconds(v.published());
        return new Vuln(v.id(), v3 ? 0 : v.cvssScore(), severity, v3 ? "" : v.cvssVector(), v.title(), v.path(),
                v.packageName(), v.installedVersion(), v.fixedVersion(), v.link(), v3 ? v.cvssScore() : 0,
                v3 ? v.cvssVector() : "", published, published,
                v.aliases().stream().filter(a -> a.startsWith("CVE-")).toList(), v.severity().name(), inBaseImage);
    }

    private static BenchItem benchItem(ComplianceCheck c) {
        return new BenchItem("image", "image", c.level(), c.id(), "Level 1", true, true, c.description(),
                c.evidence(), c.remediation(), "");
    }

    private static Secret secret(SecretFinding s) {
        return new Secret(s.category(), s.match() + " (line " + s.line() + ")", "/" + s.path(),
                "Remove the " + s.title().toLowerCase(Locale.ROOT)
                        + " from the image and rotate it: it is readable by anyone who can pull the image");
    }

    private static SetIdPerm setIdPerm(SetIdFile f) {
        return new SetIdPerm(f.kind(), f.mode(), "/" + f.path());
    }

    private static String moduleKey(String name, String version, String location) {
        return name + "\u0000" + version + "\u0000" + location;
    }

    private static long epochSeconds(String time) {
        if (time.length() < 10) {
            return 0;
        }
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(time.substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException e2) {
                return 0;
            }
        }
    }
}
