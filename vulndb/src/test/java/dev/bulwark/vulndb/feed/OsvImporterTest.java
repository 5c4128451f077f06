package dev.bulwark.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Affected;
import dev.bulwark.vulndb.advisory.RangeEvent;
import dev.bulwark.vulndb.advisory.Severity;
import dev.bulwark.vulndb.advisory.VersionRange;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvImporterTest {

    @TempDir
    Path dir;

    @Test
    void readsTheGoVulnerabilityDatabase() {
        Imports go = Imports.of(FeedKind.OSV, SharedData.path("feeds/osv-go"));
        assertThat(go.stats().reasons()).as("only withdrawn advisories are skipped")
                .allMatch(r -> r.endsWith(" is withdrawn"));
        assertThat(go.stats().imported() + go.stats().skipped()).isEqualTo(go.stats().files());
        assertThat(go.advisories()).hasSize((int) go.stats().imported()).hasSizeGreaterThan(4000);
        Advisory gin = go.advisories().stream().filter(a -> a.id().equals("GO-2020-0001")).findFirst().orElseThrow();
        assertThat(gin.aliases()).containsExactly("CVE-2020-36567", "GHSA-6vm3-jj99-7229");
        assertThat(gin.cve()).isEqualTo("CVE-2020-36567");
        assertThat(gin.summary()).isEqualTo("Arbitrary log line injection in github.com/gin-gonic/gin");
        assertThat(gin.published()).isEqualTo("2021-04-14T20:04:52Z");
        assertThat(gin.references()).contains("https://github.com/gin-gonic/gin/pull/2237");
        assertThat(gin.affected()).containsExactly(new Affected("Go", "github.com/gin-gonic/gin",
                List.of(new VersionRange(VersionRange.Type.SEMVER, List.of(
                        new RangeEvent(RangeEvent.Kind.INTRODUCED, "0"), new RangeEvent(RangeEvent.Kind.FIXED, "1.6.0")))),
                List.of(), AffectedStatus.FIXED));
    }

    @Test
    void readsEveryEcosystemOfTheGitHubSample() {
        Imports ghsa = Imports.of(FeedKind.OSV, SharedData.path("feeds/ghsa-sample"));
        assertThat(ghsa.stats().skipped()).as("skipped: %s", ghsa.stats().reasons()).isZero();
        assertThat(ghsa.advisories()).hasSize(120);
        Set<String> namespaces = ghsa.advisories().stream().flatMap(a -> a.affected().stream())
                .map(Affected::namespace).collect(Collectors.toSet());
        assertThat(namespaces).containsExactlyInAnyOrder("crates.io", "Go", "Maven", "npm", "NuGet", "Packagist",
                "PyPI", "RubyGems");
        assertThat(ghsa.advisories()).allSatisfy(a -> assertThat(a.severities()).isNotEmpty());
    }

    @Test
    void readsAlmaLinuxAndPyPiTrees() {
        Imports alma = Imports.of(FeedKind.OSV, SharedData.path("feeds/osv-almalinux"));
        assertThat(alma.stats().imported()).isGreaterThan(1000);
        assertThat(alma.advisories().stream().flatMap(a -> a.affected().stream()).map(Affected::namespace)
                .collect(Collectors.toSet())).containsExactlyInAnyOrder("almalinux:8", "almalinux:9", "almalinux:10");
        Imports pypi = Imports.of(FeedKind.OSV, SharedData.path("feeds/osv-pypi"));
        assertThat(pypi.stats().imported()).isGreaterThan(500);
        assertThat(pypi.advisories()).allSatisfy(a -> assertThat(a.affected()).extracting(Affected::namespace)
                .containsOnly("PyPI"));
    }

    @Test
    void readsYamlAndUbuntuNamespacesAndVendorRatings() {
        Advisory a = Imports.ofText(FeedKind.OSV, dir, "USN.yaml", """
                id: UBUNTU-CVE-2023-0286
                aliases: [CVE-2023-0286]
                summary: "Important: openssl type confusion"
                published: 2023-02-08T00:00:00Z
                severity:
                  - type: CVSS_V3
                    score: CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H
                affected:
                  - package: {ecosystem: "Ubuntu:22.04:LTS", name: openssl}
                    ranges:
                      - type: ECOSYSTEM
                        events: [{introduced: "0"}, {fixed: "3.0.2-0ubuntu1.8"}]
                  - package: {ecosystem: "Ubuntu:Pro:16.04:LTS", name: openssl}
                    ranges:
                      - type: ECOSYSTEM
                        events: [{introduced: "0"}]
                """).only();
        assertThat(a.affected()).extracting(Affected::namespace).containsExactly("ubuntu:22.04");
        assertThat(a.affected().getFirst().fixedVersions()).containsExactly("3.0.2-0ubuntu1.8");
        assertThat(a.severities()).extracting(Severity::type, Severity::score, Severity::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.Type.CVSS_V3, 7.4, SeverityLevel.HIGH),
                org.assertj.core.groups.Tuple.tuple(Severity.Type.VENDOR, 0.0, SeverityLevel.HIGH));
    }

    @Test
    void badRecordsAreSkippedAndCounted() {
        Imports broken = Imports.ofText(FeedKind.OSV, dir, "broken.json", "{\"id\": \"GO-1\", \"affected\": [");
        assertThat(broken.advisories()).isEmpty();
        assertThat(broken.stats().skipped()).isEqualTo(1);
        Imports noId = Imports.ofText(FeedKind.OSV, dir, "noid.json", "{\"summary\": \"x\"}");
        assertThat(noId.advisories()).isEmpty();
        assertThat(noId.stats().reasons()).singleElement().asString().contains("noid.json");
        Imports withdrawn = Imports.ofText(FeedKind.OSV, dir, "w.json", """
                {"id": "GHSA-xxxx", "withdrawn": "2024-01-01T00:00:00Z",
                 "affected": [{"package": {"ecosystem": "npm", "name": "x"}, "versions": ["1.0.0"]}]}""");
        assertThat(withdrawn.advisories()).isEmpty();
        Imports array = Imports.ofText(FeedKind.OSV, dir, "array.json", "[1, 2, 3]");
        assertThat(array.advisories()).isEmpty();
        assertThat(array.stats().skipped()).isEqualTo(1);
    }

    @Test
    void aGigabyteRecordIsRefusedWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(1L << 30);
        }
        Imports result = Imports.of(FeedKind.OSV, huge);
        assertThat(result.advisories()).isEmpty();
        assertThat(result.stats().reasons()).singleElement().asString().contains("MiB");
    }
}
