package dev.bulwark.controller.assets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a {@code POST /v1/vulasset} query selected: the assets its asset rules took, each vulnerability found in them
 * ({@code total}), and those its vulnerability rules and view type took ({@code matched}), sorted as it asked; with
 * the top images and nodes of everything the caller may see, which no filter changes (as NeuVector's summary).
 */
record VulSelection(VulQuery query, List<Asset> taken, int total, List<AssetVulnerability> matched,
        List<AssetCount> topImages, List<AssetCount> topNodes) implements QueryResult {

    static final int TOP = 5;

    VulSelection {
        taken = List.copyOf(taken);
        matched = List.copyOf(matched);
        topImages = List.copyOf(topImages);
        topNodes = List.copyOf(topNodes);
    }

    /** An asset's vulnerabilities by severity ({@code AssetCVECount}). */
    record AssetCount(String id, String name, int critical, int high, int medium, int low) {
        int all() {
            return critical + high + medium + low;
        }
    }

    static VulSelection of(AssetCatalog.Catalog catalog, VulQuery query) {
        List<Asset> taken = catalog.all().stream().filter(query::takes).toList();
        List<AssetVulnerability> all = group(taken);
        List<AssetVulnerability> matched = all.stream().filter(query::takes)
                .sorted(order(query.orderbyColumn(), query.orderby())).toList();
        return new VulSelection(query, taken, all.size(), matched, top(catalog.images()), top(catalog.nodes()));
    }

    @Override
    public int weight() {
        return matched.size() + taken.stream().mapToInt(a -> a.findings().size()).sum();
    }

    /** The vulnerabilities of the assets matched, as NeuVector's order column and direction sort them. */
    static Comparator<AssetVulnerability> order(String column, String direction) {
        Comparator<AssetVulnerability> by = switch (column) {
            case "score" -> Comparator.comparingDouble(AssetVulnerability::score);
            case "score_v3" -> Comparator.comparingDouble(AssetVulnerability::scoreV3);
            case "published_timestamp" -> Comparator.comparingLong(AssetVulnerability::published);
            case "impact" -> Comparator.comparingInt(AssetVulnerability::impact);
            case "feed_rating" -> Comparator.comparing(AssetVulnerability::feedRating);
            default -> Comparator.comparing(AssetVulnerability::name);
        };
        // equal keys keep one order from page to page: by name, the same way
        Comparator<AssetVulnerability> stable = by.thenComparing(AssetVulnerability::name);
        return direction.equals("asc") ? stable : stable.reversed();
    }

    /** Whether a quick filter takes a vulnerability: in its name, its score of that version or its feed rating. */
    static boolean quick(AssetVulnerability v, String filter, String scoreType) {
        String f = VulQuery.lower(filter);
        String score = "%.1f".formatted(scoreType.equals("v2") ? v.score() : v.scoreV3());
        return VulQuery.lower(v.name()).contains(f) || score.contains(f) || VulQuery.lower(v.feedRating())
                .contains(f);
    }

    /** The distinct vulnerabilities of these assets, in the order first found. */
    private static List<AssetVulnerability> group(List<Asset> assets) {
        Map<String, Grouped> byName = new LinkedHashMap<>();
        for (Asset a : assets) {
            for (Finding f : a.findings()) {
                byName.computeIfAbsent(f.name(), _ -> new Grouped(f)).add(a, f);
            }
        }
        return byName.values().stream().map(Grouped::done).toList();
    }

    private static final class Grouped {
        final Finding first;
        final Map<String, List<AssetVulnerability.PackageVersion>> packages = new TreeMap<>();
        final Map<Class<?>, List<String>> ids = new LinkedHashMap<>();

        Grouped(Finding first) {
            this.first = first;
        }

        void add(Asset a, Finding f) {
            List<AssetVulnerability.PackageVersion> versions = packages.computeIfAbsent(f.packageName(),
                    _ -> new ArrayList<>());
            var version = new AssetVulnerability.PackageVersion(f.packageVersion(), f.fixedVersion());
            if (!versions.contains(version)) {
                versions.add(version);
            }
            List<String> of = ids.computeIfAbsent(a.getClass(), _ -> new ArrayList<>());
            if (!of.contains(a.id())) {
                of.add(a.id());
            }
        }

        AssetVulnerability done() {
            Function<Class<?>, List<String>> of = k -> ids.getOrDefault(k, List.of());
            return new AssetVulnerability(first.name(), first.severity(), first.description(), first.link(),
                    first.score(), first.vectors(), first.scoreV3(), first.vectorsV3(), first.published(),
                    first.lastModified(), first.feedRating(), packages, of.apply(Asset.Workload.class),
                    of.apply(Asset.Node.class), of.apply(Asset.Image.class));
        }
    }

    /** The assets with the most vulnerabilities, one per id (tags of an image count once). */
    private static List<AssetCount> top(List<? extends Asset> assets) {
        Map<String, AssetCount> byId = new LinkedHashMap<>();
        assets.forEach(a -> byId.putIfAbsent(a.id(), count(a, _ -> true)));
        return byId.values().stream().sorted(Comparator.comparingInt(AssetCount::all).reversed()
                .thenComparing(AssetCount::name)).limit(TOP).toList();
    }

    /** An asset's distinct vulnerabilities that {@code shown} takes, by severity. */
    static AssetCount count(Asset a, Predicate<String> shown) {
        int[] c = new int[4];
        Set<String> seen = new HashSet<>();
        for (Finding f : a.findings()) {
            if (shown.test(f.name()) && seen.add(f.name())) {
                c[rank(f.severity())]++;
            }
        }
        return new AssetCount(a.id(), a.name(), c[0], c[1], c[2], c[3]);
    }

    /** A severity's place in NeuVector's counts: critical, high, medium, then low for anything else. */
    static int rank(String severity) {
        return switch (severity) {
            case "Critical" -> 0;
            case "High" -> 1;
            case "Medium" -> 2;
            default -> 3;
        };
    }
}
