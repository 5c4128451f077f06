package dev.bulwark.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Affected;
import dev.bulwark.vulndb.advisory.Severity;
import dev.bulwark.vulndb.advisory.VersionRange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a document in the shape of security-tracker.debian.org/tracker/data/json (none is in shared/). */
class DebianTrackerImporterTest {

    static final String TRACKER = """
            {
              "openssl": {
                "CVE-2023-5678": {
                  "description": "Generating excessively long X9.42 DH keys ...",
                  "scope": "remote",
                  "releases": {
                    "bookworm": {"status": "resolved", "repositories": {"bookworm": "3.0.11-1~deb12u2"},
                                 "fixed_version": "3.0.13-1~deb12u1", "urgency": "not yet assigned"},
                    "bullseye": {"status": "open", "repositories": {"bullseye": "1.1.1w-0+deb11u1"},
                                 "urgency": "low*", "nodsa": "Minor issue", "nodsa_reason": "ignored"},
                    "sid": {"status": "resolved", "repositories": {"sid": "3.1.4-2"}, "fixed_version": "3.1.4-2",
                            "urgency": "medium"}
                  }
                },
                "CVE-2010-0001": {
                  "releases": {
                    "bookworm": {"status": "resolved", "fixed_version": "0", "urgency": "unimportant"}
                  }
                }
              },
              "hello": {
                "TEMP-0000000-ABCDEF": {
                  "releases": {"trixie": {"status": "undetermined", "urgency": "high"}}
                },
                "CVE-2099-0001": {"releases": {"experimental": {"status": "open"}}}
              },
              "broken": [1, 2]
            }""";

    @TempDir
    Path dir;

    @Test
    void readsReleasesStatusesAndUrgencies() {
        Imports tracker = Imports.ofText(FeedKind.DEBIAN_TRACKER, dir, "tracker.json", TRACKER);
        Advisory cve = find(tracker, "CVE-2023-5678");
        assertThat(cve.summary()).startsWith("Generating excessively long");
        assertThat(cve.references()).containsExactly("https://security-tracker.debian.org/tracker/CVE-2023-5678");
        assertThat(cve.affected()).containsExactlyInAnyOrder(
                new Affected("debian:12", "openssl", List.of(VersionRange.fixedIn("3.0.13-1~deb12u1")), List.of(),
                        AffectedStatus.FIXED),
                new Affected("debian:11", "openssl", List.of(VersionRange.all()), List.of(),
                        AffectedStatus.WILL_NOT_FIX));
        assertThat(cve.severities()).containsExactly(new Severity("debian", Severity.Type.VENDOR, "", 0,
                SeverityLevel.LOW));
        assertThat(find(tracker, "CVE-2010-0001").affected()).singleElement().extracting(Affected::status)
                .isEqualTo(AffectedStatus.NOT_AFFECTED);
        assertThat(find(tracker, "TEMP-0000000-ABCDEF").affected()).containsExactly(new Affected("debian:13",
                "hello", List.of(VersionRange.all()), List.of(), AffectedStatus.AFFECTED));
    }

    @Test
    void unknownReleasesAndBrokenEntriesAreCounted() {
        Imports tracker = Imports.ofText(FeedKind.DEBIAN_TRACKER, dir, "tracker.json", TRACKER);
        assertThat(tracker.stats().imported()).isEqualTo(3);
        assertThat(tracker.stats().reasons()).containsExactlyInAnyOrder(
                dir.resolve("tracker.json") + ": hello CVE-2099-0001: no release with a known codename",
                dir.resolve("tracker.json") + ": broken: package entry is not an object");
    }

    @Test
    void aTruncatedDocumentKeepsWhatCameBefore() {
        Imports cut = Imports.ofText(FeedKind.DEBIAN_TRACKER, dir, "cut.json",
                TRACKER.substring(0, TRACKER.indexOf("\"hello\"")));
        assertThat(cut.advisories()).extracting(Advisory::id).containsExactly("CVE-2023-5678", "CVE-2010-0001");
        assertThat(cut.stats().reasons()).singleElement().asString().contains("stopped reading");
    }

    private static Advisory find(Imports imports, String id) {
        return imports.advisories().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }
}
