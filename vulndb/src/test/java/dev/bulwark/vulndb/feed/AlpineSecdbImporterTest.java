package dev.bulwark.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Affected;
import dev.bulwark.vulndb.advisory.VersionRange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlpineSecdbImporterTest {

    @TempDir
    Path dir;

    @Test
    void readsThePublishedYaml() {
        Imports v311 = Imports.of(FeedKind.ALPINE_SECDB, SharedData.path("feeds/alpine-secdb/v3.11/main.yaml"));
        assertThat(v311.stats().skipped()).isZero();
        Advisory cve = v311.advisories().stream().filter(a -> a.id().equals("CVE-2019-1551")).findFirst()
                .orElseThrow();
        assertThat(cve.source()).isEqualTo("alpine-secdb");
        assertThat(cve.affected()).containsExactly(new Affected("alpine:3.11", "openssl",
                List.of(VersionRange.fixedIn("1.1.1d-r3")), List.of(), AffectedStatus.FIXED));
    }

    @Test
    void badIdsAreCountedNotFatal() {
        Imports all = Imports.of(FeedKind.ALPINE_SECDB, SharedData.path("feeds/alpine-secdb"));
        assertThat(all.stats().imported()).isGreaterThan(10_000);
        assertThat(all.stats().reasons()).contains(SharedData.path("feeds/alpine-secdb/v3.9/main.yaml")
                + ": ansible 2.7.3-r0: no issue id in 'CVE 2018-16859'");
    }

    @Test
    void readsTheJsonFormatAlpinePublishesNow() {
        Imports json = Imports.ofText(FeedKind.ALPINE_SECDB, dir, "main.json", """
                {
                  "apkurl": "{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk",
                  "archs": ["aarch64", "x86_64"],
                  "reponame": "main",
                  "urlprefix": "https://dl-cdn.alpinelinux.org/alpine",
                  "distroversion": "v3.20",
                  "packages": [
                    {"pkg": {"name": "openssl", "secfixes": {
                        "3.3.2-r0": ["CVE-2024-6119"],
                        "3.1.4-r1": ["CVE-2023-5363 GHSA-xxxx-yyyy-zzzz"],
                        "0": ["CVE-2022-0778"]}}},
                    {"pkg": {"name": "busybox"}}
                  ]
                }""");
        assertThat(json.stats().reasons()).containsExactly(dir.resolve("main.json")
                + ": package entry without name or secfixes");
        assertThat(json.advisories()).extracting(Advisory::id)
                .containsExactlyInAnyOrder("CVE-2024-6119", "CVE-2023-5363", "CVE-2022-0778");
        Advisory notAffected = json.advisories().stream().filter(a -> a.id().equals("CVE-2022-0778")).findFirst()
                .orElseThrow();
        assertThat(notAffected.affected()).singleElement().extracting(Affected::namespace, Affected::status)
                .containsExactly("alpine:3.20", AffectedStatus.NOT_AFFECTED);
    }

    @Test
    void malformedDocumentsAreSkipped() {
        assertThat(Imports.ofText(FeedKind.ALPINE_SECDB, dir, "bad.yaml", "packages: [\n  - pkg: {name: x\n")
                .stats().skipped()).isEqualTo(1);
        Imports noVersion = Imports.ofText(FeedKind.ALPINE_SECDB, dir, "nover.json", "{\"packages\": []}");
        assertThat(noVersion.stats().reasons()).singleElement().asString().contains("no distroversion");
        Imports badVersions = Imports.ofText(FeedKind.ALPINE_SECDB, dir, "v.yaml", """
                distroversion: v3.19
                packages:
                  - pkg:
                      name: zlib
                      secfixes:
                        1.3.1-r0: not-a-list
                        1.2.12-r0:
                          - CVE-2018-25032
                """);
        assertThat(badVersions.advisories()).extracting(Advisory::id).containsExactly("CVE-2018-25032");
    }
}
