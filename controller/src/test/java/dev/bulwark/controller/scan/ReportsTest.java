package dev.bulwark.controller.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.policy.VulnerabilityProfiles.Acceptance;
import dev.bulwark.controller.policy.VulnerabilityProfiles.Entry;
import dev.bulwark.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vulnerability profile applied to what scans found: counts, reports, and NeuVector's matching of entries. */
class ReportsTest {

    private static final long NOW = 1_800_000_000L;
    private static final long DAY = 86_400L;

    private static Entry entry(String name, int days, List<String> domains, List<String> images) {
        return new Entry(1000, name, "", days, domains, images, 0L, null);
    }

    private static Acceptance of(Entry... entries) {
        return new Acceptance(List.of(entries), NOW);
    }

    private static JsonNode report() throws Exception {
        return Json.lenient().readTree("""
                {"repository": "team/app", "tag": "1",
                 "vulnerabilities": [
                   {"name": "CVE-2024-0001", "severity": "Critical", "published_timestamp": %d},
                   {"name": "CVE-2024-0002", "severity": "High", "published_timestamp": %d},
                   {"name": "CVE-2024-0003", "severity": "Medium", "published_timestamp": 0},
                   {"name": "CVE-2024-0004", "severity": "Low", "published_timestamp": 0}],
                 "layers": [{"digest": "sha256:1", "vulnerabilities": [{"name": "CVE-2024-0001"}]}]}"""
                .formatted(NOW - 2 * DAY, NOW - 40 * DAY));
    }

    @Test
    void countsLeaveOutWhatTheProfileAcceptsForThatAssetOnly() throws Exception {
        List<Reports.Found> found = Reports.found(report().path("vulnerabilities"));
        assertThat(Reports.severities(found, Acceptance.NONE, "", "team/app:1")).containsExactly(1, 1, 1);
        Acceptance shop = of(entry("cve-2024-0001", 0, List.of("shop"), List.of()));
        assertThat(Reports.severities(found, shop, "shop", "team/app:1")).containsExactly(0, 1, 1);
        assertThat(Reports.severities(found, shop, "other", "team/app:1")).containsExactly(1, 1, 1);
        assertThat(Reports.severities(found, shop, "", "team/app:1")).as("no namespace: a node or a CI scan")
                .containsExactly(1, 1, 1);
    }

    @Test
    void recentVulnerabilitiesAreAcceptedForTheirDays() throws Exception {
        List<Reports.Found> found = Reports.found(report().path("vulnerabilities"));
        assertThat(Reports.severities(found, of(entry("recent_vuln", 30, List.of(), List.of())), "", ""))
                .containsExactly(0, 1, 1);
    }

    @Test
    void reportsHideAcceptedVulnerabilitiesOrTagThemWhenAskedInLayersToo() throws Exception {
        Acceptance one = of(entry("CVE-2024-0001", 0, List.of(), List.of("team/*")));
        JsonNode hidden = Reports.accepted(report(), one, "", "team/app:1", false);
        assertThat(hidden.path("vulnerabilities")).hasSize(3);
        assertThat(hidden.path("layers").get(0).path("vulnerabilities")).isEmpty();
        JsonNode shown = Reports.accepted(report(), one, "", "team/app:1", true);
        assertThat(shown.path("vulnerabilities").get(0).path("tags").get(0).asText()).isEqualTo("accepted");
        assertThat(Reports.accepted(report(), one, "", "", false).path("vulnerabilities")).as("no image name")
                .hasSize(4);
    }

    @ParameterizedTest
    @CsvSource({
        "nginx, library/nginx:latest, false",
        "nginx, nginx:latest, true",
        "nginx, nginx:1.25, false",
        "nginx:*, nginx:1.25, true",
        "team/*, team/app:1, true",
        "*, anything:1, true",
        "team/app:1, team/app:10, false",
    })
    void imagesMatchAsNeuVectorMatchesThem(String pattern, String image, boolean accepted) {
        assertThat(of(entry("CVE-1", 0, List.of(), List.of(pattern))).accepts("CVE-1", 0, "", image))
                .isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource({
        "registry.example.com/team/app:1, team/app:1",
        "localhost:5000/app:2, app:2",
        "team/app:1, team/app:1",
        "nginx@sha256:abc, nginx",
    })
    void imageNamesLoseTheirRegistry(String image, String name) {
        assertThat(Reports.imageName(image)).isEqualTo(name);
    }

    @Test
    void aManyStarPatternOnALongNameStaysFast() {
        String image = "a".repeat(20_000);
        assertThat(of(entry("CVE-1", 0, List.of(), List.of("*a*a*a*a*a*a*a*a*a*a*b"))).accepts("CVE-1", 0, "",
                image)).isFalse();
    }
}
