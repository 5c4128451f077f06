package dev.bulwark.scanner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.scan.Vulnerability;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CycloneDX 1.6 JSON: the image as metadata component, the OS and every package as components (purl, licenses,
 * location as a property), dependencies (the image on every package, and the edges lock files and Go build info
 * give), and the findings as vulnerabilities affecting their components.
 */
final class CycloneDxWriter {

    private static final String IMAGE_REF = "image";

    void write(ScanReport report, Writer out) throws IOException {
        ImageInventory inventory = report.inventory();
        ObjectNode bom = ReportJson.MAPPER.createObjectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", "1.6");
        bom.put("serialNumber", "urn:uuid:" + UUID.randomUUID());
        bom.put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        metadata.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
        tool.put("type", "application");
        tool.put("name", ReportJson.TOOL);
        tool.put("version", ReportJson.version());
        ObjectNode image = metadata.putObject("component");
        image.put("type", "container");
        image.put("bom-ref", IMAGE_REF);
        image.put("name", inventory.source());
        if (!inventory.digest().isEmpty()) {
            image.put("version", inventory.digest());
        }

        Map<InstalledPackage, String> refs = refs(inventory.packages());
        Map<String, String> refByPurl = new HashMap<>();
        refs.forEach((p, ref) -> refByPurl.putIfAbsent(p.purl(), ref));
        ArrayNode components = bom.putArray("components");
        if (inventory.os().isKnown()) {
            ObjectNode os = components.addObject();
            os.put("type", "operating-system");
            os.put("bom-ref", "os");
            os.put("name", inventory.os().family());
            os.put("version", inventory.os().version());
        }
        refs.forEach((p, ref) -> component(components.addObject(), p, ref));

        ArrayNode dependencies = bom.putArray("dependencies");
        ObjectNode root = dependencies.addObject();
        root.put("ref", IMAGE_REF);
        ArrayNode all = root.putArray("dependsOn");
        refs.values().forEach(all::add);
        refs.forEach((p, ref) -> {
            ObjectNode d = dependencies.addObject();
            d.put("ref", ref);
            ArrayNode on = d.putArray("dependsOn");
            Set<String> seen = new HashSet<>();
            p.dependsOn().stream().map(refByPurl::get).filter(r -> r != null && seen.add(r)).forEach(on::add);
        });

        if (report.matched()) {
            ArrayNode vulnerabilities = bom.putArray("vulnerabilities");
            for (Vulnerability v : report.vulnerabilities()) {
                vulnerability(vulnerabilities.addObject(), v, refFor(v, refs));
            }
        }
        ReportJson.write(bom, out);
    }

    /** Each package's bom-ref: its purl, made unique with its location where two copies exist. */
    private static Map<InstalledPackage, String> refs(List<InstalledPackage> packages) {
        Map<String, Integer> count = new HashMap<>();
        packages.forEach(p -> count.merge(p.purl().isEmpty() ? p.name() : p.purl(), 1, Integer::sum));
        Map<InstalledPackage, String> refs = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (InstalledPackage p : packages) {
            String base = p.purl().isEmpty() ? p.name() : p.purl();
            String ref = count.get(base) > 1 ? base + "#" + p.location() + p.layer() : base;
            while (!used.add(ref)) {
                ref = ref + "+";
            }
            refs.put(p, ref);
        }
        return refs;
    }

    private static String refFor(Vulnerability v, Map<InstalledPackage, String> refs) {
        for (var e : refs.entrySet()) {
            InstalledPackage p = e.getKey();
            if (p.purl().equals(v.purl()) && p.location().equals(v.path()) && p.name().equals(v.packageName())) {
                return e.getValue();
            }
        }
        return IMAGE_REF;
    }

    private static void component(ObjectNode c, InstalledPackage p, String ref) {
        c.put("type", "library");
        c.put("bom-ref", ref);
        c.put("name", p.name());
        if (!p.version().isEmpty()) {
            c.put("version", p.version());
        }
        if (!p.purl().isEmpty()) {
            c.put("purl", p.purl());
        }
        if (!p.licenses().isEmpty()) {
            ArrayNode licenses = c.putArray("licenses");
            for (String l : p.licenses()) {
                licenses.addObject().putObject("license").put(ReportJson.isSpdxId(l) ? "id" : "name", l);
            }
        }
        ArrayNode properties = c.putArray("properties");
        property(properties, "bulwark:package:type", p.type().id());
        property(properties, "bulwark:package:location", p.location());
        property(properties, "bulwark:package:source", p.sourceName());
        property(properties, "bulwark:layer", p.layer());
        if (properties.isEmpty()) {
            c.remove("properties");
        }
    }

    private static void property(ArrayNode properties, String name, String value) {
        if (!value.isEmpty()) {
            ObjectNode p = properties.addObject();
            p.put("name", name);
            p.put("value", value);
        }
    }

    private static void vulnerability(ObjectNode node, Vulnerability v, String ref) {
        node.put("id", v.id());
        ObjectNode source = node.putObject("source");
        source.put("name", v.namespace());
        if (!v.link().isEmpty()) {
            source.put("url", v.link());
        }
        if (!v.aliases().isEmpty()) {
            ArrayNode refs = node.putArray("references");
            for (String alias : v.aliases()) {
                ObjectNode r = refs.addObject();
                r.put("id", alias);
                r.putObject("source").put("name", v.namespace());
            }
        }
        ObjectNode rating = node.putArray("ratings").addObject();
        rating.putObject("source").put("name", v.severitySource());
        if (v.cvssScore() > 0) {
            rating.put("score", v.cvssScore());
        }
        rating.put("severity", ReportJson.lower(v.severity()));
        String method = method(v.cvssVector());
        if (!method.isEmpty()) {
            rating.put("method", method);
            rating.put("vector", v.cvssVector());
        }
        if (!v.title().isEmpty()) {
            node.put("description", v.title());
        }
        if (v.fixable()) {
            node.put("recommendation", "Upgrade " + v.packageName() + " to " + v.fixedVersion() + " or later.");
        }
        if (!v.published().isEmpty() && v.published().length() >= 10) {
            node.put("published", normalizeTime(v.published()));
        }
        ObjectNode affects = node.putArray("affects").addObject();
        affects.put("ref", ref);
        ObjectNode version = affects.putArray("versions").addObject();
        version.put("version", v.installedVersion());
        version.put("status", "affected");
    }

    private static String method(String vector) {
        if (vector.startsWith("CVSS:3.1/")) {
            return "CVSSv31";
        }
        if (vector.startsWith("CVSS:3.0/")) {
            return "CVSSv3";
        }
        if (vector.startsWith("CVSS:4.0/")) {
            return "CVSSv4";
        }
        return vector.startsWith("AV:") ? "CVSSv2" : "";
    }

    /** A date-time as the schema wants it; a bare date gets midnight UTC. */
    static String normalizeTime(String published) {
        try {
            return Instant.parse(published).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return published.substring(0, 10) + "T00:00:00Z";
        }
    }
}
