package dev.bulwark.controller.harbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scanner's {@code RESTScanRepoReport} as Harbor's vulnerability report. */
class HarborReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DIGEST = "sha256:39eda93d15866957feaee28f8fc5adb545276a64147445c64992ef69804dbf01";
    static final HarborScanRequest.Artifact ARTIFACT = new HarborScanRequest.Artifact("team/alpine", DIGEST, "3.11",
            HarborScanRequest.DOCKER_MANIFEST);
    private static final HarborReport.Scanner SCANNER = new HarborReport.Scanner("Bulwark", "Bulwark", "1.2.3");
    private static final Instant AT = Instant.parse("2026-02-03T04:05:06Z");

    static byte[] fixture() throws IOException {
        try (InputStream in = HarborReportTest.class.getResourceAsStream("alpine-3.11.repository-report.json")) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    private static JsonNode harbor(String neuVectorReport) throws IOException {
        return harbor(neuVectorReport.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode harbor(byte[] neuVectorReport) throws IOException {
        return JSON.readTree(Bodies.write(HarborReport.of(gzip(neuVectorReport), ARTIFACT, SCANNER, AT)));
    }

    /** A report of the given vulnerabilities, with a database. */
    private static String report(String vulnerabilities) {
        return """
                {"cvedb_version": "2026-01-02T03:04:05Z", "modules": [{"name": "x"}], "vulnerabilities": [%s]}"""
                .formatted(vulnerabilities);
    }

    @Test
    void vulnerabilitiesTheProfileAcceptsAreLeftOut() throws IOException {
        byte[] packed = gzip(report("""
                {"name": "CVE-1", "severity": "High", "published_timestamp": 100},
                {"name": "CVE-2", "severity": "Low", "published_timestamp": 200}""").getBytes(StandardCharsets.UTF_8));
        JsonNode shown = JSON.readTree(Bodies.write(HarborReport.of(packed, ARTIFACT, SCANNER, AT,
                (name, published) -> name.equals("CVE-1") && published == 100)));
        assertThat(shown.path("vulnerabilities")).extracting(v -> v.path("id").asText()).containsExactly("CVE-2");
        assertThat(shown.path("severity").asText()).isEqualTo("Low");
    }

    @Test
    void eachVulnerabilityOfTheScannersReportIsOneItemInItsOrder() throws IOException {
        JsonNode report = harbor(fixture());

        assertThat(report.path("generated_at").asText()).isEqualTo("2026-02-03T04:05:06Z");
        assertThat(report.path("artifact")).isEqualTo(JSON.readTree("""
                {"repository": "team/alpine", "digest": "%s", "tag": "3.11",
                 "mime_type": "application/vnd.docker.distribution.manifest.v2+json"}""".formatted(DIGEST)));
        assertThat(report.path("scanner")).isEqualTo(JSON.readTree("""
                {"name": "Bulwark", "vendor": "Bulwark", "version": "1.2.3"}"""));
        assertThat(report.path("severity").asText()).isEqualTo("High");
        assertThat(report.path("vulnerabilities")).extracting(v -> v.path("package").asText() + " "
                + v.path("id").asText() + " " + v.path("severity").asText()).containsExactly(
                        "musl CVE-2020-28928 Medium", "musl-utils CVE-2020-28928 Medium",
                        "busybox CVE-2021-28831 High", "ssl_client CVE-2021-28831 High");
        assertThat(report.path("vulnerabilities").get(2)).isEqualTo(JSON.readTree("""
                {"id": "CVE-2021-28831", "package": "busybox", "version": "1.31.1-r9", "fix_version": "1.31.1-r10",
                 "severity": "High", "description": "decompress_gunzip.c in BusyBox through 1.32.1 ...",
                 "links": ["https://nvd.nist.gov/vuln/detail/CVE-2021-28831"],
                 "preferred_cvss": {"score_v3": 7.5, "score_v2": 0.0,
                   "vector_v3": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "vector_v2": ""},
                 "cwe_ids": [], "vendor_attributes": {"feed_rating": "HIGH"}}"""));
        assertThat(report.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("generated_at",
                "artifact", "scanner", "severity", "vulnerabilities");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {"Critical, Critical", "critical, Critical", "HIGH, High",
            "Medium, Medium", "Low, Low", "Negligible, Negligible", "Unknown, Unknown", "'', Unknown",
            "null, Unknown", "Important, Unknown", "None, Unknown", "' High ', High"})
    void severitiesAreHarborsAndAnyOtherIsUnknownNeverPassedThrough(String neuVector, String harbor) {
        assertThat(HarborSeverity.of(neuVector).text()).isEqualTo(harbor);
    }

    @Test
    void theReportsSeverityIsTheHighestAndUnknownWithoutVulnerabilities() throws IOException {
        assertThat(harbor(report("""
                {"name": "CVE-1", "severity": "Low"}, {"name": "CVE-2", "severity": "Important"},
                {"name": "CVE-3", "severity": "Critical"}, {"name": "CVE-4", "severity": "Medium"}"""))
                .path("severity").asText()).isEqualTo("Critical");
        assertThat(harbor(report("{\"name\": \"CVE-1\", \"severity\": \"Important\"}")).path("severity").asText())
                .isEqualTo("Unknown");
        JsonNode clean = harbor(report(""));
        assertThat(clean.path("severity").asText()).isEqualTo("Unknown");
        assertThat(clean.path("vulnerabilities").isArray()).as("Harbor wants [] rather than null").isTrue();
        assertThat(clean.path("vulnerabilities")).isEmpty();
    }

    @Test
    void aCvssV4ScoreAndNeuVectorsExtrasGoToVendorAttributes() throws IOException {
        JsonNode item = harbor(report("""
                {"name": "GHSA-xxxx-yyyy-zzzz", "severity": "High", "score": 6.8, "vectors": "AV:N/AC:M/Au:N/C:P/I:P/A:P",
                 "score_v3": 8.7, "vectors_v3": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N",
                 "package_name": "org.example:lib", "package_version": "1.0", "file_name": "app/lib/lib-1.0.jar",
                 "cves": ["CVE-2024-0001"], "feed_rating": "", "link": ""}"""))
                .path("vulnerabilities").get(0);

        assertThat(item.path("preferred_cvss")).isEqualTo(JSON.readTree("""
                {"score_v3": 0.0, "score_v2": 6.8, "vector_v3": "", "vector_v2": "AV:N/AC:M/Au:N/C:P/I:P/A:P"}"""));
        assertThat(item.path("vendor_attributes")).isEqualTo(JSON.readTree("""
                {"cvss_v4_score": 8.7,
                 "cvss_v4_vector": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N",
                 "file_name": "app/lib/lib-1.0.jar", "cves": ["CVE-2024-0001"]}"""));
        assertThat(item.path("links")).as("no link, no empty one").isEmpty();
        assertThat(item.path("fix_version").asText()).isEmpty();
    }

    @Test
    void fieldsTheScannerLeftOutReadAsEmpty() throws IOException {
        JsonNode item = harbor(report("{\"name\": \"CVE-1\"}")).path("vulnerabilities").get(0);

        assertThat(item.path("package").asText()).isEmpty();
        assertThat(item.path("severity").asText()).isEqualTo("Unknown");
        assertThat(item.path("vendor_attributes").isObject()).isTrue();
        assertThat(item.path("cwe_ids").isArray()).isTrue();
    }

    @Test
    void aScanWithoutADatabaseIsAnErrorNotACleanReport() {
        assertThatThrownBy(() -> harbor("{\"cvedb_version\": \"\", \"vulnerabilities\": [],"
                + " \"warnings\": [\"no vulnerability database: vulnerabilities were not checked\"]}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageStartingWith("The scanner has no vulnerability database");
    }

    @Test
    void anUnreadableReportIsAnErrorInOneLine() {
        assertThatThrownBy(() -> HarborReport.of("not gzip".getBytes(StandardCharsets.UTF_8), ARTIFACT, SCANNER, AT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageStartingWith("The scanner's report cannot be read: ");
        assertThatThrownBy(() -> harbor("{\"cvedb_version\": \"x\", \"vulnerabilities\": [{\"name\": "))
                .hasMessageStartingWith("The scanner's report cannot be read: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> harbor("{\"cvedb_version\": \"x\", \"vulnerabilities\": {\"name\": 1}}"))
                .hasMessageStartingWith("The scanner's report cannot be read: ");
        assertThatThrownBy(() -> harbor("null")).hasMessage("The scanner's report is empty");
    }
}
