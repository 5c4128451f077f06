package dev.bulwark.vulndb.bundle;

import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.advisory.Affected;
import dev.bulwark.vulndb.advisory.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges what all sources say into one advisory per id: the same id from several files or feeds (Alpine lists a
 * CVE per repository; NVD and the Debian tracker both know CVE-...) becomes one record with the union of aliases,
 * affected entries and severities, and the first non-empty texts. Then every advisory whose CVE NVD knows gets
 * NVD's severities, and its description and references where it has none.
 */
final class AdvisoryMerger {

    private final Map<String, Advisory> byId = new TreeMap<>();

    void add(Advisory a) {
        byId.merge(a.id(), a, AdvisoryMerger::merge);
    }

    Collection<Advisory> merged() {
        Map<String, Advisory> nvd = new HashMap<>();
        byId.values().stream().filter(a -> a.source().contains("nvd")).forEach(a -> nvd.put(a.id(), a));
        List<Advisory> result = new ArrayList<>(byId.size());
        for (Advisory a : byId.values()) {
            Advisory fromNvd = nvd.get(a.cve());
            result.add(fromNvd == null || fromNvd == a ? a : withNvd(a, fromNvd));
        }
        return result;
    }

    private static Advisory merge(Advisory a, Advisory b) {
        return new Advisory(a.id(), joinSources(a.source(), b.source()), union(a.aliases(), b.aliases()),
                first(a.summary(), b.summary()), first(a.details(), b.details()),
                union(a.references(), b.references()), first(a.published(), b.published()),
                first(a.modified(), b.modified()), union(a.severities(), b.severities()),
                union(a.affected(), b.affected()));
    }

    private static Advisory withNvd(Advisory a, Advisory nvd) {
        List<Severity> severities = union(a.severities(), nvd.severities());
        return new Advisory(a.id(), a.source(), a.aliases(), a.summary(), first(a.details(), nvd.details()),
                a.references().isEmpty() ? nvd.references() : a.references(), first(a.published(), nvd.published()),
                first(a.modified(), nvd.modified()), severities, a.affected());
    }

    private static String joinSources(String a, String b) {
        LinkedHashSet<String> sources = new LinkedHashSet<>(List.of(a.split(",")));
        sources.addAll(List.of(b.split(",")));
        return String.join(",", sources);
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        LinkedHashSet<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    private static String first(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    /** Affected entries of all advisories, keyed by namespace and normalised package name. */
    static Map<String, List<PackageAdvisory>> byPackage(Collection<Advisory> advisories) {
        Map<String, List<PackageAdvisory>> index = new TreeMap<>();
        for (Advisory a : advisories) {
            for (Affected affected : a.affected()) {
                index.computeIfAbsent(BundleFormat.packageKey(affected.namespace(), affected.packageName()),
                        k -> new ArrayList<>()).add(new PackageAdvisory(a.id(), affected));
            }
        }
        return index;
    }
}
