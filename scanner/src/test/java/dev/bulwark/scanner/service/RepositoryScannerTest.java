package dev.bulwark.scanner.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.Image;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.SourceOptions;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleWriter;
import dev.bulwark.vulndb.feed.FeedKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the alpine:3.11 fixture (a real {@code docker save}) as a repository scan would give it, against
 * NeuVector's {@code RESTScanRepoReportData} schema. The database is an Alpine secdb written for the test: the
 * snapshot in ../shared predates every fix the image lacks, so it finds nothing.
 */
class RepositoryScannerTest {

    private static final ObjectMapper JSON = Json.snakeCase();
    private static final RepositoryScanner SCANNER = new RepositoryScanner(Analyzers.scanner());

    @TempDir
    static Path dir;

    private static ImageInventory inventory;
    private static Image image;
    private static Bundle bundle;

    @BeforeAll
    static void scan() throws IOException {
        image = (Image) ImageSources.open("docker-archive:" + SharedData.path("fixtures/images/alpine-3.11.tar.gz"),
                SourceOptions.defaults());
        inventory = Analyzers.scanner().scan(image, ScanProgress.NONE);
        Path secdb = Files.createDirectories(dir.resolve("secdb/v3.11"));
        Files.writeString(secdb.resolve("main.yaml"), """
                ---
                distroversion: v3.11
                reponame: main
                archs:
                  - x86_64
                urlprefix: http://dl-cdn.alpinelinux.org/alpine
                apkurl: "{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk"
                packages:
                  - pkg:
                      name: musl
                      secfixes:
                        1.1.24-r3:
                          - CVE-2020-28928
                  - pkg:
                      name: openssl
                      secfixes:
                        1.1.1g-r0:
                          - CVE-2020-1967
                """);
        BundleWriter writer = new BundleWriter();
        writer.add(new BundleWriter.Source(FeedKind.ALPINE_SECDB, secdb));
        writer.write(dir.resolve("db"), Optional.empty(), Instant.parse("2026-01-02T03:04:05Z"));
        bundle = Bundle.open(dir.resolve("db"), new Bundle.Trust.Unverified());
    }

    @AfterAll
    static void close() {
        if (image != null) {
            image.close();
        }
        if (bundle != null) {
            bundle.close();
        }
    }

    private static RepositoryScanRequest request(boolean scanLayers, String baseImage) {
        return new RepositoryScanRequest(null, "https://registry.example.com/", "", "", "alpine", "3.11", scanLayers,
                baseImage);
    }

    private static JsonNode report(RepositoryScanRequest request, Optional<Bundle> database) {
        return JSON.valueToTree(Map.of("report", SCANNER.report(ScannedImage.of(request, image, inventory),
                database)));
    }

    @Test
    void reportFollowsNeuVectorsSchemaWithEveryRequiredField() {
        NeuVectorSchema schema = new NeuVectorSchema("RESTScanRepoReportData");
        List<JsonNode> reports = List.of(report(request(true, ""), Optional.of(bundle)),
                report(request(false, ""), Optional.empty()));

        for (JsonNode report : reports) {
            assertThat(schema.validate(report)).isEmpty();
            List<String> required = new ArrayList<>();
            new NeuVectorSchema("RESTScanRepoReport").definition().path("required")
                    .forEach(f -> required.add(f.asText()));
            assertThat(required).contains("image_id", "layers", "vulnerabilities", "labels");
            required.forEach(f -> assertThat(report.path("report").has(f)).as(f).isTrue());
            // RESTScanReport's fields, which NeuVector's CLI reads by key from this reply
            assertThat(report.path("report").has("secrets")).isTrue();
            assertThat(report.path("report").has("setid_perms")).isTrue();
            assertThat(report.path("report").has("checks")).isTrue();
            assertThat(report.path("report").has("cmds")).isTrue();
            assertThat(report.path("report").has("verdict")).isFalse();
        }
    }

    @Test
    void fillsTheImageFieldsFromConfigManifestAndDatabase() {
        JsonNode r = report(request(true, ""), Optional.of(bundle)).path("report");

        assertThat(r.path("registry").asText()).isEqualTo("https://registry.example.com/");
        assertThat(r.path("repository").asText()).isEqualTo("alpine");
        assertThat(r.path("tag").asText()).isEqualTo("3.11");
        assertThat(r.path("image_id").asText()).matches("[0-9a-f]{64}");
        assertThat(r.path("base_os").asText()).isEqualTo("alpine:3.11.5");
        assertThat(r.path("created_at").asText()).startsWith("2020-");
        assertThat(r.path("cvedb_version").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(r.path("cvedb_create_time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(r.path("envs").toString()).contains("PATH=");
        assertThat(r.path("cmds")).isNotEmpty();
        assertThat(r.path("checks")).isNotEmpty();
        assertThat(r.path("modules")).extracting(m -> m.path("name").asText()).contains("musl", "busybox");
        assertThat(r.path("warnings")).isEmpty();
    }

    @Test
    void reportsVulnerabilitiesInTheModulesAndTheLayerThatIntroducedThem() {
        JsonNode r = report(request(true, ""), Optional.of(bundle)).path("report");

        assertThat(r.path("vulnerabilities")).extracting(v -> v.path("name").asText() + " "
                + v.path("package_name").asText() + " " + v.path("fixed_version").asText())
                .containsExactlyInAnyOrder("CVE-2020-28928 musl 1.1.24-r3", "CVE-2020-28928 musl-utils 1.1.24-r3",
                        "CVE-2020-1967 libcrypto1.1 1.1.1g-r0", "CVE-2020-1967 libssl1.1 1.1.1g-r0");
        assertThat(r.path("modules")).filteredOn(m -> m.path("name").asText().equals("musl")).singleElement()
                .satisfies(m -> assertThat(m.path("cves").toString())
                        .isEqualTo("[{\"name\":\"CVE-2020-28928\",\"status\":\"FixExists\"}]"));
        assertThat(r.path("layers")).singleElement().satisfies(layer -> {
            assertThat(layer.path("digest").asText()).startsWith("sha256:");
            assertThat(layer.path("cmds").asText()).contains("ADD file:");
            assertThat(layer.path("vulnerabilities")).hasSize(4);
        });
    }

    @Test
    void withoutDatabaseReportsTheInventoryAndSaysSo() {
        JsonNode r = report(request(false, "alpine:3.10"), Optional.empty()).path("report");

        assertThat(r.path("vulnerabilities")).isEmpty();
        assertThat(r.path("layers")).isEmpty();
        assertThat(r.path("cvedb_version").asText()).isEmpty();
        assertThat(r.path("modules")).isNotEmpty().allSatisfy(m -> assertThat(m.path("cves")).isEmpty());
        assertThat(r.path("warnings")).extracting(JsonNode::asText)
                .containsExactly(RepositoryScanner.NO_DATABASE);
    }

    @Test
    void vulnerabilitiesFromTheBaseImagesLayersAreInTheBase() {
        RepositoryScanRequest request = request(true, "alpine:3.10");
        String onlyLayer = image.layers().getFirst().diffId();
        for (var base : List.of(new BaseImage(java.util.Set.of(onlyLayer), Optional.empty()),
                new BaseImage(java.util.Set.of("sha256:" + "0".repeat(64)), Optional.empty()))) {
            boolean inBase = base.diffIds().contains(onlyLayer);
            JsonNode r = JSON.valueToTree(Map.of("report", SCANNER.report(ScannedImage.of(request, image, inventory,
                    base), Optional.of(bundle)))).path("report");

            assertThat(r.path("vulnerabilities")).hasSize(4)
                    .allSatisfy(v -> assertThat(v.path("in_base_image").asBoolean()).isEqualTo(inBase));
            assertThat(r.path("layers").get(0).path("vulnerabilities")).hasSize(4)
                    .allSatisfy(v -> assertThat(v.path("in_base_image").asBoolean()).isEqualTo(inBase));
        }
    }
}
