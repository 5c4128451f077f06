package dev.bulwark.vulndb.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Affected;
import dev.bulwark.vulndb.advisory.Severity;
import dev.bulwark.vulndb.advisory.VersionRange;
import dev.bulwark.vulndb.ecosystem.Distribution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Debian security tracker's JSON ({@code security-tracker.debian.org/tracker/data/json}): source package, then
 * issue id, then release codename with {@code status}, {@code fixed_version}, {@code urgency} and, for issues the
 * security team will not fix in a stable release, {@code nodsa_reason}. Read as a stream, one package at a time.
 * A fixed version of {@code 0} means the release was never affected; an open issue marked {@code ignored} will
 * not be fixed; other open or undetermined issues are affected with no fix yet. The worst urgency across releases
 * becomes the vendor rating. Releases with an unknown codename (sid, experimental) are skipped.
 */
final class DebianTrackerImporter implements FeedImporter {

    @Override
    public void importFrom(Path path, Consumer<Advisory> sink, ImportStats stats) throws IOException {
        for (Path file : FeedFiles.list(path)) {
            stats.countFile();
            try {
                StreamedObjects.eachField(file, (pkg, issues) -> readPackage(pkg, issues, file, sink, stats));
            } catch (IOException | RuntimeException e) {
                stats.skipped(file.toString(), "stopped reading: " + FeedFiles.firstLine(e.getMessage()));
            }
        }
    }

    private static void readPackage(String pkg, JsonNode issues, Path file, Consumer<Advisory> sink,
            ImportStats stats) {
        if (!issues.isObject()) {
            stats.skipped(file + ": " + pkg, "package entry is not an object");
            return;
        }
        issues.properties().forEach(issue -> {
            String id = issue.getKey();
            JsonNode record = issue.getValue();
            List<Affected> affected = new ArrayList<>();
            SeverityLevel worst = SeverityLevel.UNKNOWN;
            for (Map.Entry<String, JsonNode> release : record.path("releases").properties()) {
                Optional<String> namespace = Distribution.DEBIAN.namespace("", release.getKey());
                if (namespace.isEmpty()) {
                    continue;
                }
                JsonNode r = release.getValue();
                affected.add(affected(namespace.get(), pkg, r));
                SeverityLevel urgency = SeverityLevel.ofVendorRating(
                        OsvImporter.text(r, "urgency").replace("*", ""));
                worst = urgency.compareTo(worst) > 0 ? urgency : worst;
            }
            if (affected.isEmpty()) {
                stats.skipped(file + ": " + pkg + " " + id, "no release with a known codename");
                return;
            }
            List<Severity> severities = worst == SeverityLevel.UNKNOWN ? List.of()
                    : List.of(new Severity("debian", Severity.Type.VENDOR, "", 0, worst));
            sink.accept(new Advisory(id, "debian-tracker", List.of(), OsvImporter.text(record, "description"), "",
                    List.of("https://security-tracker.debian.org/tracker/" + id), "", "", severities, affected));
            stats.countImported();
        });
    }

    private static Affected affected(String namespace, String pkg, JsonNode release) {
        String status = OsvImporter.text(release, "status");
        String fixed = OsvImporter.text(release, "fixed_version");
        if (status.equals("resolved") && fixed.equals("0")) {
            return new Affected(namespace, pkg, List.of(), List.of(), AffectedStatus.NOT_AFFECTED);
        }
        if (status.equals("resolved") && !fixed.isEmpty()) {
            return new Affected(namespace, pkg, List.of(VersionRange.fixedIn(fixed)), List.of(),
                    AffectedStatus.FIXED);
        }
        AffectedStatus open = OsvImporter.text(release, "nodsa_reason").equals("ignored")
                ? AffectedStatus.WILL_NOT_FIX : AffectedStatus.AFFECTED;
        return new Affected(namespace, pkg, List.of(VersionRange.all()), List.of(), open);
    }
}
