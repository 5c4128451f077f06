package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark scan} with a database: findings, filters, exit codes, and refusal of untrusted databases. */
class ScanVulnerabilitiesTest {

    @TempDir
    Path dir;

    Path image;
    Path db;
    Path pub;

    @BeforeEach
    void database() throws IOException {
        image = SharedData.path("fixtures/images/alpine-3.11.tar.gz");
        TestDatabase built = TestDatabase.build(dir);
        db = built.file();
        pub = built.publicKey();
    }

    private CliRun scan(String... options) {
        List<String> args = new ArrayList<>(List.of("scan", "--db", db.toString(), "--public-key", pub.toString()));
        args.addAll(List.of(options));
        args.add(image.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void jsonReportHasFindingsSummaryAndDatabase() throws IOException {
        CliRun run = scan("--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("packages")).hasSize(14);
        assertThat(report.path("database").path("schema").asInt()).isEqualTo(1);
        List<String> found = new ArrayList<>();
        report.path("vulnerabilities").forEach(v -> found.add(v.path("package").asText() + " " + v.path("id").asText()));
        assertThat(found).containsExactly("busybox CVE-2021-28831", "ssl_client CVE-2021-28831",
                "musl CVE-2020-28928", "musl-utils CVE-2020-28928");
        JsonNode musl = report.path("vulnerabilities").get(3);
        assertThat(musl.path("source_package").asText()).isEqualTo("musl");
        assertThat(musl.path("installed_version").asText()).isEqualTo("1.1.24-r2");
        assertThat(musl.path("fixed_version").asText()).isEqualTo("1.1.24-r3");
        assertThat(musl.path("status").asText()).isEqualTo("fixed");
        assertThat(musl.path("severity").asText()).isEqualTo("MEDIUM");
        assertThat(musl.path("severity_source").asText()).isEqualTo("nvd");
        assertThat(musl.path("cvss_score").asDouble()).isEqualTo(5.5);
        assertThat(musl.path("cvss_vector").asText()).isEqualTo("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H");
        assertThat(musl.path("namespace").asText()).isEqualTo("alpine:3.11");
        assertThat(musl.path("published").asText()).isEqualTo("2020-11-24T18:15:12.303");
        assertThat(musl.path("link").asText()).isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2020-28928");
        assertThat(musl.path("layer").asText()).isEqualTo(report.path("layers").get(0).path("diff_id").asText());
        assertThat(report.path("summary").toString())
                .isEqualTo("{\"CRITICAL\":0,\"HIGH\":2,\"MEDIUM\":2,\"LOW\":0,\"NEGLIGIBLE\":0,\"UNKNOWN\":0}");
    }

    @Test
    void tableListsFindings() {
        CliRun run = scan();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Vulnerabilities: 4 (HIGH: 2, MEDIUM: 2)")
                .containsPattern("musl +CVE-2020-28928 +MEDIUM +fixed +1\\.1\\.24-r2 +1\\.1\\.24-r3 +In musl libc");
    }

    @Test
    void exitCodeGatesOnWhatRemainsAfterFilters() {
        assertThat(scan("--exit-code", "3").exitCode()).isEqualTo(3);
        assertThat(scan("--exit-code", "3", "--severity", "critical").exitCode()).isZero();
        CliRun high = scan("--exit-code", "3", "--severity", "HIGH,CRITICAL", "--ignore-unfixed", "-f", "json");
        assertThat(high.exitCode()).isEqualTo(3);
        assertThat(high.out()).contains("CVE-2021-28831").doesNotContain("CVE-2020-28928");
    }

    @Test
    void badFilterAndGateArgumentsAreUnusableInput() {
        CliRun severity = scan("--severity", "HIGH,URGENT");
        assertThat(severity.exitCode()).isEqualTo(2);
        assertThat(severity.err()).isEqualTo("bulwark: --severity: unknown severity 'URGENT' (known: CRITICAL,HIGH,"
                + "MEDIUM,LOW,NEGLIGIBLE,UNKNOWN)\n");
        assertThat(scan("--exit-code", "256").exitCode()).isEqualTo(2);
    }

    @Test
    void untrustedDatabasesAreRefusedUnlessTold() throws IOException {
        Path unsigned = dir.resolve("unsigned.bwdb");
        assertThat(CliRun.of("db", "build", "--source", "alpine-secdb=" + dir.resolve("main.json"), "--out",
                unsigned.toString()).exitCode()).isZero();
        CliRun refused = CliRun.of("scan", "--db", unsigned.toString(), "--public-key", pub.toString(),
                image.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("is not signed (use --skip-db-verify");
        CliRun skipped = CliRun.of("scan", "--db", unsigned.toString(), "--skip-db-verify", "--exit-code", "4",
                image.toString());
        assertThat(skipped.exitCode()).isEqualTo(4);

        byte[] bytes = Files.readAllBytes(db);
        bytes[bytes.length / 2] ^= 1;
        Path tampered = Files.write(dir.resolve("tampered.bwdb"), bytes);
        CliRun bad = CliRun.of("scan", "--db", tampered.toString(), "--public-key", pub.toString(), image.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        CliRun absent = CliRun.of("scan", "--db", dir.resolve("none.bwdb").toString(), image.toString());
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err()).contains("no vulnerability database here");
    }

    @Test
    void withoutAnInstalledDatabaseAGateCannotPass() {
        assumeFalse(Files.exists(DbLocations.system().database()), "a database is installed for this user");
        CliRun inventory = CliRun.of("scan", image.toString());
        assertThat(inventory.exitCode()).isZero();
        assertThat(inventory.err()).contains("no vulnerability database at", "reported the inventory only");
        CliRun gate = CliRun.of("scan", "--exit-code", "1", image.toString());
        assertThat(gate.exitCode()).isEqualTo(2);
        assertThat(gate.err()).contains("which --exit-code, --severity, --ignore-unfixed, --ignorefile and --vex need");
    }

    @Test
    void ignoreFileAndVexSuppressFindingsListedApart() throws IOException {
        Path ignore = Files.writeString(dir.resolve("ignore.yaml"), """
                ignore:
                  - id: CVE-2021-28831
                    package: busybox
                    reason: gunzip applet not used
                  - id: CVE-2020-28928
                    package: musl-utils
                    expires: 2020-01-01
                """);
        Path vex = Files.writeString(dir.resolve("app.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
                  {"vulnerability": {"name": "CVE-2020-28928"}, "products": [{"@id": "pkg:apk/alpine/musl"}],
                   "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
                """);
        CliRun run = scan("--format", "json", "--ignorefile", ignore.toString(), "--vex", vex.toString(),
                "--exit-code", "5");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
        JsonNode report = new ObjectMapper().readTree(run.out());
        List<String> kept = new ArrayList<>();
        report.path("vulnerabilities").forEach(v -> kept.add(v.path("package").asText() + " " + v.path("id").asText()));
        assertThat(kept).containsExactly("ssl_client CVE-2021-28831", "musl-utils CVE-2020-28928");
        List<String> suppressed = new ArrayList<>();
        report.path("suppressed").forEach(v -> suppressed.add(v.path("vulnerability").path("package").asText() + " "
                + v.path("by").asText() + " " + v.path("status").asText()));
        assertThat(suppressed).containsExactly("busybox ignorefile:ignore.yaml ignored",
                "musl vex:app.openvex.json not_affected");
        assertThat(run.err()).contains("expired on 2020-01-01");

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"statements\": []}");
        CliRun refused = scan("--vex", bad.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("not an OpenVEX document");
    }

    @Test
    void everyDocumentFormatIsWrittenAndUnknownOnesRefused() throws IOException {
        for (String format : List.of("cyclonedx", "spdx", "sarif", "neuvector")) {
            CliRun run = scan("--format", format);
            assertThat(run.exitCode()).as(format + ": " + run.err()).isZero();
            assertThat(new ObjectMapper().readTree(run.out()).isObject()).isTrue();
        }
        CliRun unknown = scan("--format", "xml");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown format 'xml'");
    }

    @Test
    void sbomWritesTheInventoryAlone() throws IOException {
        Path out = dir.resolve("sbom.json");
        CliRun run = CliRun.of("sbom", "--format", "cyclonedx", "--output", out.toString(), image.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode bom = new ObjectMapper().readTree(out.toFile());
        assertThat(bom.path("components")).hasSize(15);
        assertThat(bom.has("vulnerabilities")).isFalse();
        CliRun sarif = CliRun.of("sbom", "--format", "sarif", image.toString());
        assertThat(sarif.exitCode()).isEqualTo(2);
        assertThat(sarif.err()).contains("use one of: cyclonedx, spdx");
    }
}
