package dev.bulwark.scanner.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.Vulnerability;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.SourceOptions;
import dev.bulwark.scanner.testing.Command;
import dev.bulwark.scanner.testing.DebianImage;
import dev.bulwark.scanner.testing.DebianImageFixture;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleWriter;
import dev.bulwark.vulndb.feed.FeedKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian bookworm test image against a security tracker document written for its own source packages: fixed,
 * not-affected, open and ignored issues, plus issues for other releases and packages that must not match.
 * Whether a fixed version is above the installed one is decided by {@code dpkg --compare-versions}.
 */
class DebianTrackerMatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void findingsFollowTheTrackerAndDpkg() throws Exception {
        DebianImage image = DebianImageFixture.get();
        ImageInventory inventory;
        try (ImageSource source = ImageSources.open("oci-dir:" + image.ociLayout() + ":" + DebianImage.TAG,
                SourceOptions.defaults())) {
            inventory = Analyzers.scanner().scan(source, ScanProgress.NONE);
        }
        Map<String, String> sources = new LinkedHashMap<>();
        inventory.packages().forEach(p -> sources.putIfAbsent(source(p), sourceVersion(p)));
        List<String> names = new ArrayList<>(sources.keySet());
        names.remove(DebianImage.ADDED_PACKAGE);
        String fixedLater = names.get(0);
        String fixedAlready = names.get(1);
        String neverAffected = names.get(2);
        String open = names.get(3);
        String ignored = names.get(4);

        ObjectNode tracker = JSON.createObjectNode();
        release(tracker, fixedLater, "CVE-2099-1001", "bookworm", "resolved", sources.get(fixedLater) + "+deb12u9", "");
        release(tracker, fixedLater, "CVE-2099-1001", "bullseye", "open", "", "");
        release(tracker, fixedAlready, "CVE-2099-1002", "bookworm", "resolved", sources.get(fixedAlready), "");
        release(tracker, neverAffected, "CVE-2099-1003", "bookworm", "resolved", "0", "");
        release(tracker, open, "CVE-2099-1004", "bookworm", "open", "", "");
        release(tracker, ignored, "CVE-2099-1005", "bookworm", "open", "", "ignored");
        release(tracker, DebianImage.ADDED_PACKAGE, "CVE-2099-1006", "bookworm", "resolved", "99:1.0-1", "");
        release(tracker, "not-in-the-image", "CVE-2099-1007", "bookworm", "open", "", "");
        release(tracker, open, "CVE-2099-1008", "trixie", "open", "", "");
        Path doc = Files.writeString(dir.resolve("tracker.json"), JSON.writeValueAsString(tracker));

        BundleWriter writer = new BundleWriter();
        writer.add(new BundleWriter.Source(FeedKind.DEBIAN_TRACKER, doc));
        writer.write(dir.resolve("db"), Optional.empty(), Instant.now());
        List<Vulnerability> found;
        try (Bundle bundle = Bundle.open(dir.resolve("db"), new Bundle.Trust.Unverified())) {
            found = new VulnerabilityMatcher(bundle).match(inventory);
        }

        assertThat(dpkgLessThan(sources.get(fixedLater), sources.get(fixedLater) + "+deb12u9")).isTrue();
        List<String> expected = new ArrayList<>();
        for (InstalledPackage p : inventory.packages()) {
            String s = source(p);
            String id = s.equals(fixedLater) ? "CVE-2099-1001" : s.equals(open) ? "CVE-2099-1004"
                    : s.equals(ignored) ? "CVE-2099-1005" : s.equals(DebianImage.ADDED_PACKAGE) ? "CVE-2099-1006" : "";
            if (!id.isEmpty()) {
                expected.add(p.name() + " " + id);
            }
        }
        assertThat(found).extracting(v -> v.packageName() + " " + v.id()).containsExactlyInAnyOrderElementsOf(expected);
        for (Vulnerability v : found) {
            assertThat(v.namespace()).isEqualTo("debian:12");
            switch (v.id()) {
                case "CVE-2099-1001" -> assertThat(v).extracting(Vulnerability::status, Vulnerability::fixedVersion)
                        .containsExactly(AffectedStatus.FIXED, sources.get(fixedLater) + "+deb12u9");
                case "CVE-2099-1004" -> assertThat(v.status()).isEqualTo(AffectedStatus.AFFECTED);
                case "CVE-2099-1005" -> assertThat(v.status()).isEqualTo(AffectedStatus.WILL_NOT_FIX);
                case "CVE-2099-1006" -> assertThat(v.layer()).isEqualTo(inventory.layers().get(1).diffId());
                default -> throw new AssertionError("unexpected " + v);
            }
            assertThat(v.link()).isEqualTo("https://nvd.nist.gov/vuln/detail/" + v.id());
        }
    }

    private static void release(ObjectNode tracker, String pkg, String cve, String release, String status,
            String fixed, String nodsaReason) {
        ObjectNode r = tracker.with(pkg).with(cve).put("description", "test issue " + cve).with("releases")
                .with(release).put("status", status).put("urgency", "medium");
        if (!fixed.isEmpty()) {
            r.put("fixed_version", fixed);
        }
        if (!nodsaReason.isEmpty()) {
            r.put("nodsa_reason", nodsaReason);
        }
    }

    private boolean dpkgLessThan(String a, String b) throws Exception {
        return Command.of("dpkg", "--compare-versions", a, "lt", b).runAllowingFailure(dir).exitCode() == 0;
    }

    private static String source(InstalledPackage p) {
        return p.sourceName().isEmpty() ? p.name() : p.sourceName();
    }

    private static String sourceVersion(InstalledPackage p) {
        return p.sourceVersion().isEmpty() ? p.version() : p.sourceVersion();
    }
}
