package dev.bulwark.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a document in the shape of the NVD CVE API 2.0 (none is in shared/). */
class NvdImporterTest {

    static final String NVD = """
            {
              "resultsPerPage": 2, "startIndex": 0, "totalResults": 2, "format": "NVD_CVE", "version": "2.0",
              "timestamp": "2024-01-01T00:00:00.000",
              "vulnerabilities": [
                {"cve": {
                  "id": "CVE-2023-5678",
                  "sourceIdentifier": "openssl-security@openssl.org",
                  "published": "2023-11-06T16:15:42.670",
                  "lastModified": "2024-05-01T18:15:12.393",
                  "vulnStatus": "Modified",
                  "descriptions": [
                    {"lang": "es", "value": "Problema ..."},
                    {"lang": "en", "value": "Issue summary: Generating excessively long X9.42 DH keys ..."}
                  ],
                  "metrics": {
                    "cvssMetricV31": [{"source": "nvd@nist.gov", "type": "Primary", "cvssData": {
                      "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L",
                      "baseScore": 5.3, "baseSeverity": "MEDIUM"}}],
                    "cvssMetricV2": [{"source": "nvd@nist.gov", "type": "Primary", "cvssData": {
                      "version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:N/I:N/A:P", "baseScore": 5.0}}]
                  },
                  "references": [{"url": "https://www.openssl.org/news/secadv/20231106.txt"}]
                }},
                {"cve": {"sourceIdentifier": "nobody"}},
                {"cve": {"id": "CVE-2024-0001", "descriptions": [],
                  "metrics": {"cvssMetricV40": [{"source": "cna", "cvssData": {"version": "4.0",
                    "vectorString": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
                    "baseScore": 9.3, "baseSeverity": "CRITICAL"}}]}}}
              ]
            }""";

    @TempDir
    Path dir;

    @Test
    void readsCvssDescriptionsAndReferences() {
        Imports nvd = Imports.ofText(FeedKind.NVD, dir, "nvd.json", NVD);
        assertThat(nvd.advisories()).extracting(Advisory::id).containsExactly("CVE-2023-5678", "CVE-2024-0001");
        assertThat(nvd.stats().skipped()).isEqualTo(1);
        Advisory a = nvd.advisories().getFirst();
        assertThat(a.details()).startsWith("Issue summary: Generating");
        assertThat(a.published()).isEqualTo("2023-11-06T16:15:42.670");
        assertThat(a.references()).containsExactly("https://www.openssl.org/news/secadv/20231106.txt");
        assertThat(a.affected()).isEmpty();
        assertThat(a.severities()).extracting(Severity::type, Severity::score, Severity::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.Type.CVSS_V3, 5.3, SeverityLevel.MEDIUM),
                org.assertj.core.groups.Tuple.tuple(Severity.Type.CVSS_V2, 5.0, SeverityLevel.MEDIUM));
        assertThat(nvd.advisories().get(1).severities()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(Severity.Type.CVSS_V4);
            assertThat(s.score()).isEqualTo(9.3);
            assertThat(s.level()).isEqualTo(SeverityLevel.CRITICAL);
        });
    }

    @Test
    void notAnNvdDocumentIsCounted() {
        Imports other = Imports.ofText(FeedKind.NVD, dir, "other.json", "{\"vulnerabilities\": 7}");
        assertThat(other.advisories()).isEmpty();
        assertThat(other.stats().skipped()).isEqualTo(1);
    }
}
