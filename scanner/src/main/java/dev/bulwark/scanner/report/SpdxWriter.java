package dev.bulwark.scanner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.ScanReport;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SPDX 2.3 JSON: the image as the described package, which CONTAINS every package found; packages carry their
 * purl as a package-manager reference, their declared license when it is an SPDX id, and their location as source
 * information. DEPENDS_ON relationships come from lock files and Go build info. SPDX has no place for findings.
 */
final class SpdxWriter {

    private static final String IMAGE_ID = "SPDXRef-Image";
    private static final String NOASSERTION = "NOASSERTION";

    void write(ScanReport report, Writer out) throws IOException {
        ImageInventory inventory = report.inventory();
        ObjectNode doc = ReportJson.MAPPER.createObjectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", inventory.source());
        doc.put("documentNamespace", ReportJson.TOOL_URI + "/spdx/" + UUID.randomUUID());
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        creation.putArray("creators").add("Tool: " + ReportJson.TOOL + "-" + ReportJson.version());

        ArrayNode packages = doc.putArray("packages");
        ObjectNode image = packages.addObject();
        image.put("name", inventory.source());
        image.put("SPDXID", IMAGE_ID);
        if (!inventory.digest().isEmpty()) {
            image.put("versionInfo", inventory.digest());
        }
        image.put("downloadLocation", NOASSERTION);
        image.put("filesAnalyzed", false);
        image.put("primaryPackagePurpose", "CONTAINER");

        List<InstalledPackage> found = inventory.packages();
        Map<String, String> idByPurl = new HashMap<>();
        for (int i = 0; i < found.size(); i++) {
            idByPurl.putIfAbsent(found.get(i).purl(), id(i));
        }
        ArrayNode relationships = doc.putArray("relationships");
        relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", IMAGE_ID);
        for (int i = 0; i < found.size(); i++) {
            InstalledPackage p = found.get(i);
            packageNode(packages.addObject(), p, id(i));
            relationship(relationships, IMAGE_ID, "CONTAINS", id(i));
            for (String dep : p.dependsOn()) {
                String target = idByPurl.get(dep);
                if (target != null) {
                    relationship(relationships, id(i), "DEPENDS_ON", target);
                }
            }
        }
        ReportJson.write(doc, out);
    }

    private static String id(int index) {
        return "SPDXRef-Package-" + (index + 1);
    }

    private static void packageNode(ObjectNode node, InstalledPackage p, String id) {
        node.put("name", p.name());
        node.put("SPDXID", id);
        if (!p.version().isEmpty()) {
            node.put("versionInfo", p.version());
        }
        node.put("downloadLocation", NOASSERTION);
        node.put("filesAnalyzed", false);
        String declared = p.licenses().size() == 1 && ReportJson.isSpdxId(p.licenses().getFirst())
                ? p.licenses().getFirst() : NOASSERTION;
        node.put("licenseConcluded", NOASSERTION);
        node.put("licenseDeclared", declared);
        node.put("copyrightText", NOASSERTION);
        String where = p.location().isEmpty() ? p.type().id() + " database" : p.location();
        node.put("sourceInfo", "found in " + where + (p.layer().isEmpty() ? "" : " (layer " + p.layer() + ")"));
        if (!p.purl().isEmpty()) {
            ObjectNode ref = node.putArray("externalRefs").addObject();
            ref.put("referenceCategory", "PACKAGE-MANAGER");
            ref.put("referenceType", "purl");
            ref.put("referenceLocator", p.purl());
        }
    }

    private static void relationship(ArrayNode relationships, String from, String type, String to) {
        ObjectNode r = relationships.addObject();
        r.put("spdxElementId", from);
        r.put("relationshipType", type);
        r.put("relatedSpdxElement", to);
    }
}
