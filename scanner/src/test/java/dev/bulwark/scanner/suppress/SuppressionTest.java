package dev.bulwark.scanner.suppress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.core.scan.SuppressedFinding;
import dev.bulwark.core.scan.Vulnerability;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static Vulnerability finding(String id, List<String> aliases, String pkg, String version, String purl) {
        return new Vulnerability(id, aliases, pkg, "", version, "", AffectedStatus.AFFECTED, SeverityLevel.CRITICAL, "osv", 10.0,
                "", "", "", "", "Maven", "", purl, "app/lib/x.jar");
    }

    private final Vulnerability log4shell = finding("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"),
            "org.apache.logging.log4j:log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    private final Vulnerability guava = finding("GHSA-7g45-4rm6-3mm3", List.of("CVE-2023-2976"),
            "com.google.guava:guava", "30.1.1-jre", "pkg:maven/com.google.guava/guava@30.1.1-jre");
    private final Vulnerability lodash = finding("GHSA-35jh-r3h4-6jhm", List.of("CVE-2021-23337"), "lodash",
            "4.17.15", "pkg:npm/lodash@4.17.15");

    private List<String> suppressedIds(Suppression source) {
        return Suppression.apply(List.of(log4shell, guava, lodash), List.of(source)).suppressed().stream()
                .map(s -> s.vulnerability().id()).toList();
    }

    @Test
    void yamlIgnoreFileByAliasPackageAndExpiry() {
        String yaml = """
                ignore:
                  - id: CVE-2021-44228
                    package: org.apache.logging.log4j:log4j-core
                    expires: 2027-01-31
                    reason: JndiLookup removed from the jar
                  - id: CVE-2023-2976
                    package: pkg:npm/other
                  - id: GHSA-35jh-r3h4-6jhm
                    expires: 2026-11-25
                    reason: was accepted until today
                """;
        IgnoreFile file = IgnoreFile.parse("ignore.yaml", yaml.getBytes(UTF_8), TODAY);
        assertThat(suppressedIds(file)).containsExactly("GHSA-jfh8-c2jp-5v3q");
        SuppressedFinding s = file.suppress(log4shell).orElseThrow();
        assertThat(s.by()).isEqualTo("ignorefile:ignore.yaml");
        assertThat(s.reason()).isEqualTo("JndiLookup removed from the jar; until 2027-01-31");
        assertThat(file.notices()).singleElement().satisfies(n -> assertThat(n).contains("GHSA-35jh-r3h4-6jhm")
                .contains("expired on 2026-11-25"));
    }

    @Test
    void plainIgnoreLinesWithPurlWithoutVersion() {
        String lines = """
                # accepted risks
                CVE-2023-2976 pkg:maven/com.google.guava/guava   # shaded, not reachable
                GHSA-35jh-r3h4-6jhm lodash exp:2026-01-01
                """;
        IgnoreFile file = IgnoreFile.parse(".bulwarkignore", lines.getBytes(UTF_8), TODAY);
        assertThat(suppressedIds(file)).containsExactly("GHSA-7g45-4rm6-3mm3");
        assertThat(file.notices()).hasSize(1);
    }

    @Test
    void malformedIgnoreFilesAreClearErrors() {
        for (String bad : List.of("ignore:\n  - package: x\n", "ignore:\n  - id: A\n    expires: tomorrow\n",
                "ignore: [\n", "CVE-1 pkg extra words here\n", "ignore: 5\n")) {
            assertThatThrownBy(() -> IgnoreFile.parse("f", bad.getBytes(UTF_8), TODAY))
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("f: ");
        }
        assertThatThrownBy(() -> IgnoreFile.parse("f", new byte[] {0, 1, 2}, TODAY))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void openVexStatements() {
        String vex = """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.invalid/vex/1",
                 "author": "security@example.invalid", "timestamp": "2026-11-01T00:00:00Z", "version": 1,
                 "statements": [
                   {"vulnerability": {"name": "CVE-2021-44228"},
                    "products": [{"@id": "pkg:oci/app?repository_url=registry.example/app",
                                  "subcomponents": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]}],
                    "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
                    "impact_statement": "lookups are disabled"},
                   {"vulnerability": {"name": "GHSA-7g45-4rm6-3mm3"},
                    "products": [{"@id": "pkg:oci/app"}], "status": "fixed"},
                   {"vulnerability": "CVE-2021-23337", "products": ["pkg:npm/lodash"], "status": "not_affected",
                    "justification": "component_not_present"},
                   {"vulnerability": "CVE-2021-23337", "products": ["pkg:npm/lodash"], "status": "affected"}]}
                """;
        VexDocument doc = VexDocument.parse("app.openvex.json", vex.getBytes(UTF_8));
        assertThat(suppressedIds(doc)).containsExactly("GHSA-jfh8-c2jp-5v3q", "GHSA-7g45-4rm6-3mm3");
        SuppressedFinding s = doc.suppress(log4shell).orElseThrow();
        assertThat(s.status()).isEqualTo("not_affected");
        assertThat(s.reason()).isEqualTo("vulnerable_code_not_in_execute_path; lookups are disabled");
        assertThat(doc.suppress(guava).orElseThrow().status()).isEqualTo("fixed");
    }

    @Test
    void malformedVexIsAClearError() {
        for (String bad : List.of("{", "[]", "{\"@context\": \"https://example.invalid\"}",
                "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"vulnerability\": \"X\","
                        + " \"status\": \"maybe\"}]}",
                "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"status\": \"fixed\"}]}")) {
            assertThatThrownBy(() -> VexDocument.parse("v.json", bad.getBytes(UTF_8)))
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("v.json: ");
        }
    }
}
