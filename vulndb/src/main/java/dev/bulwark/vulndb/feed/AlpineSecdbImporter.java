package dev.bulwark.vulndb.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Affected;
import dev.bulwark.vulndb.advisory.VersionRange;
import dev.bulwark.vulndb.ecosystem.Distribution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alpine secdb documents, one per release and repository: the archived YAML ({@code v3.11/main.yaml}) and the JSON
 * Alpine publishes now ({@code v3.19/main.json}) share one shape: {@code distroversion}, then per package the
 * versions that fixed each list of issue ids. A fixed version of {@code 0} is Alpine's way to say the package was
 * never affected. Packages are Alpine origins (source packages). One advisory per issue id and document.
 */
final class AlpineSecdbImporter implements FeedImporter {

    private static final Pattern ISSUE_ID = Pattern.compile("\\b[A-Z][A-Za-z]*-[0-9][-0-9A-Za-z:._]*[0-9A-Za-z]");

    @Override
    public void importFrom(Path path, Consumer<Advisory> sink, ImportStats stats) throws IOException {
        for (Path file : FeedFiles.list(path)) {
            FeedFiles.read(file, stats).ifPresent(doc -> read(doc, file.toString(), sink, stats));
        }
    }

    private static Affected affected(String namespace, String name, String fixedVersion) {
        return fixedVersion.equals("0")
                ? new Affected(namespace, name, List.of(), List.of(), AffectedStatus.NOT_AFFECTED)
                : new Affected(namespace, name, List.of(VersionRange.fixedIn(fixedVersion)), List.of(),
                        AffectedStatus.FIXED);
    }

    private static void read(JsonNode doc, String where, Consumer<Advisory> sink, ImportStats stats) {
        String release = OsvImporter.text(doc, "distroversion");
        Optional<String> namespace = Distribution.ALPINE.namespace(release.startsWith("v") ? release.substring(1)
                : release, "");
        if (namespace.isEmpty() || !doc.path("packages").isArray()) {
            stats.skipped(where, "not a secdb document (no distroversion or packages)");
            return;
        }
        Map<String, List<Affected>> byIssue = new LinkedHashMap<>();
        for (JsonNode entry : doc.path("packages")) {
            JsonNode pkg = entry.path("pkg");
            String name = OsvImporter.text(pkg, "name");
            if (name.isEmpty() || !pkg.path("secfixes").isObject()) {
                stats.skipped(where, "package entry without name or secfixes");
                continue;
            }
            pkg.path("secfixes").properties().forEach(fix -> {
                String version = fix.getKey();
                for (JsonNode fixed : fix.getValue()) {
                    // an entry is an id, several ids, or ids with a remark ("CVE-2017-13011 (BGP) partially fixed")
                    Matcher ids = ISSUE_ID.matcher(fixed.asText());
                    boolean any = false;
                    while (ids.find()) {
                        any = true;
                        byIssue.computeIfAbsent(ids.group(), k -> new ArrayList<>()).add(affected(namespace.get(),
                                name, version));
                    }
                    if (!any) {
                        stats.skipped(where, "%s %s: no issue id in '%s'".formatted(name, version, fixed.asText()));
                    }
                }
            });
        }
        byIssue.forEach((id, affected) -> {
            sink.accept(new Advisory(id, "alpine-secdb", List.of(), "", "", List.of(), "", "", List.of(), affected));
            stats.countImported();
        });
    }
}
