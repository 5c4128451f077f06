package dev.bulwark.vulndb.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Affected;
import dev.bulwark.vulndb.advisory.Cvss;
import dev.bulwark.vulndb.advisory.RangeEvent;
import dev.bulwark.vulndb.advisory.Severity;
import dev.bulwark.vulndb.advisory.VersionRange;
import dev.bulwark.vulndb.ecosystem.Distribution;
import dev.bulwark.vulndb.ecosystem.LanguageEcosystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OSV records (schema 1.x), one per file, in JSON or YAML: the Go, PyPI, GitHub and AlmaLinux databases among
 * others. Withdrawn records are skipped. CVE ids listed under {@code related} (as AlmaLinux errata list the CVEs
 * they fix) count as aliases, so that a finding can be named by its CVE. The vendor rating comes from
 * {@code database_specific.severity} (GitHub) or the leading word of the summary ({@code Important: ...},
 * AlmaLinux and Red Hat errata). GIT ranges are ignored: they name commits, not versions.
 */
final class OsvImporter implements FeedImporter {

    private static final Pattern RATED_SUMMARY = Pattern.compile("^(Critical|Important|Moderate|Low):\\s");

    @Override
    public void importFrom(Path path, Consumer<Advisory> sink, ImportStats stats) throws IOException {
        for (Path file : FeedFiles.list(path)) {
            FeedFiles.read(file, stats).ifPresent(tree -> {
                try {
                    parse(tree, stats, file.toString()).ifPresent(a -> {
                        sink.accept(a);
                        stats.countImported();
                    });
                } catch (IllegalArgumentException e) {
                    stats.skipped(file.toString(), e.getMessage());
                }
            });
        }
    }

    /** One record; empty (and counted) when it is withdrawn or affects nothing this database can match. */
    static Optional<Advisory> parse(JsonNode osv, ImportStats stats, String where) {
        String id = text(osv, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("record has no id");
        }
        if (!text(osv, "withdrawn").isEmpty()) {
            stats.skipped(where, id + " is withdrawn");
            return Optional.empty();
        }
        Set<String> aliases = new LinkedHashSet<>();
        osv.path("aliases").forEach(a -> aliases.add(a.asText()));
        osv.path("related").forEach(r -> {
            if (r.asText().startsWith("CVE-")) {
                aliases.add(r.asText());
            }
        });
        aliases.remove(id);
        List<Affected> affected = new ArrayList<>();
        for (JsonNode a : osv.path("affected")) {
            affected(a).ifPresent(affected::add);
        }
        if (affected.isEmpty()) {
            stats.skipped(where, id + " affects no package in a known ecosystem");
            return Optional.empty();
        }
        List<String> references = new ArrayList<>();
        osv.path("references").forEach(r -> references.add(text(r, "url")));
        references.removeIf(String::isEmpty);
        String summary = text(osv, "summary");
        return Optional.of(new Advisory(id, "osv", new ArrayList<>(aliases), summary, text(osv, "details"),
                references, text(osv, "published"), text(osv, "modified"), severities(osv, summary, id), affected));
    }

    private static Optional<Affected> affected(JsonNode a) {
        JsonNode pkg = a.path("package");
        Optional<String> namespace = namespace(text(pkg, "ecosystem"));
        String name = text(pkg, "name");
        if (namespace.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        List<VersionRange> ranges = new ArrayList<>();
        for (JsonNode r : a.path("ranges")) {
            String type = text(r, "type");
            if (!type.equals("ECOSYSTEM") && !type.equals("SEMVER")) {
                continue;
            }
            List<RangeEvent> events = new ArrayList<>();
            for (JsonNode e : r.path("events")) {
                for (RangeEvent.Kind kind : RangeEvent.Kind.values()) {
                    if (e.hasNonNull(kind.id()) && !e.path(kind.id()).asText().isBlank()) {
                        events.add(new RangeEvent(kind, e.path(kind.id()).asText()));
                    }
                }
            }
            if (!events.isEmpty()) {
                ranges.add(new VersionRange(VersionRange.Type.valueOf(type), events));
            }
        }
        List<String> versions = new ArrayList<>();
        a.path("versions").forEach(v -> versions.add(v.asText()));
        if (ranges.isEmpty() && versions.isEmpty()) {
            return Optional.empty();
        }
        boolean fixed = ranges.stream().flatMap(r -> r.events().stream())
                .anyMatch(e -> e.kind() == RangeEvent.Kind.FIXED);
        return Optional.of(new Affected(namespace.get(), name, ranges, versions,
                fixed ? AffectedStatus.FIXED : AffectedStatus.AFFECTED));
    }

    /**
     * The namespace of an OSV {@code ecosystem}: a language ecosystem's is its name, a distribution's is
     * {@code family:release} ({@code AlmaLinux:8} is {@code almalinux:8}, {@code Alpine:v3.18} is
     * {@code alpine:3.18}, {@code Ubuntu:22.04:LTS} is {@code ubuntu:22.04}). Ubuntu Pro (ESM) and ecosystems
     * without a row in the tables have none.
     */
    private static Optional<String> namespace(String ecosystem) {
        Optional<LanguageEcosystem> language = LanguageEcosystem.byNamespace(ecosystem);
        if (language.isPresent()) {
            return language.map(LanguageEcosystem::namespace);
        }
        String[] parts = ecosystem.split(":");
        if (parts.length < 2 || parts[1].isBlank() || parts[1].equals("Pro")) {
            return Optional.empty();
        }
        String release = parts[1].startsWith("v") ? parts[1].substring(1) : parts[1];
        return Distribution.byOsvName(parts[0]).flatMap(d -> d.namespace(release, ""));
    }

    private static List<Severity> severities(JsonNode osv, String summary, String id) {
        String source = id.contains("-") ? id.substring(0, id.indexOf('-')).toLowerCase(java.util.Locale.ROOT)
                : "osv";
        List<Severity> severities = new ArrayList<>();
        for (JsonNode s : osv.path("severity")) {
            String vector = text(s, "score");
            switch (text(s, "type")) {
                case "CVSS_V3" -> Cvss.v3BaseScore(vector).ifPresent(score -> severities.add(
                        new Severity(source, Severity.Type.CVSS_V3, vector, score, SeverityLevel.ofScore(score))));
                case "CVSS_V2" -> Cvss.v2BaseScore(vector).ifPresent(score -> severities.add(
                        new Severity(source, Severity.Type.CVSS_V2, vector, score, Cvss.v2Level(score))));
                case "CVSS_V4" -> severities.add(new Severity(source, Severity.Type.CVSS_V4, vector, 0,
                        SeverityLevel.UNKNOWN));
                default -> { }
            }
        }
        String rating = text(osv.path("database_specific"), "severity");
        Matcher m = RATED_SUMMARY.matcher(summary);
        if (rating.isEmpty() && m.find()) {
            rating = m.group(1);
        }
        SeverityLevel level = SeverityLevel.ofVendorRating(rating);
        if (level != SeverityLevel.UNKNOWN) {
            severities.add(new Severity(source, Severity.Type.VENDOR, "", 0, level));
        }
        return severities;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() ? v.asText() : "";
    }
}
