package dev.bulwark.controller.assets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The JSON shapes of the vulnerability pages, NeuVector's field names, made from a session's result set. */
final class VulViews {

    private VulViews() {}

    /** {@code AssetCVECount}. */
    record AssetCveCount(String id, String displayName, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int critical,
            int high, int medium, int low) {
        static AssetCveCount of(VulSelection.AssetCount c) {
            return new AssetCveCount(c.id(), c.name(), c.critical(), c.high(), c.medium(), c.low());
        }
    }

    /** {@code VulAssetCountDist}: the matched vulnerabilities by severity and by the kinds of asset they are in. */
    record CountDistribution(@JsonInclude(JsonInclude.Include.NON_DEFAULT) int critical, int high, int medium,
            int low, int platform, int image, int node, int container) {
        static CountDistribution of(List<AssetVulnerability> matched) {
            int[] c = new int[7];
            for (AssetVulnerability v : matched) {
                c[VulSelection.rank(v.severity())]++;
                c[4] += v.images().isEmpty() ? 0 : 1;
                c[5] += v.nodes().isEmpty() ? 0 : 1;
                c[6] += v.workloads().isEmpty() ? 0 : 1;
            }
            return new CountDistribution(c[0], c[1], c[2], c[3], 0, c[4], c[5], c[6]);
        }
    }

    record Summary(CountDistribution countDistribution, List<AssetCveCount> topImages,
            List<AssetCveCount> topNodes) {}

    /** {@code RESTVulQueryStats}; the status is always {@code ready}: a scan needs a database to have results. */
    record QueryStats(int totalRecords, int totalMatchedRecords, String queryId, List<String> debugPerfStats,
            Summary summary, String status) {
        static QueryStats of(String token, VulSelection s) {
            return new QueryStats(s.total(), s.matched().size(), token, null, new Summary(
                    CountDistribution.of(s.matched()), s.topImages().stream().map(AssetCveCount::of).toList(),
                    s.topNodes().stream().map(AssetCveCount::of).toList()), "ready");
        }
    }

    record WorkloadRef(String id, String domain, String displayName, String policyMode, String service,
            String image) {}

    record NodeRef(String id, String displayName, String policyMode) {}

    record ImageRef(String id, String displayName, String policyMode, String digest) {}

    /** {@code RESTVulnerabilityAssetV2}. */
    record VulnerabilityV2(String name, String severity, String description,
            Map<String, List<AssetVulnerability.PackageVersion>> packages, String link, double score, String vectors,
            double scoreV3, String vectorsV3, long publishedTimestamp, long lastModifiedTimestamp, String feedRating,
            List<WorkloadRef> workloads, List<NodeRef> nodes, List<ImageRef> images, List<NodeRef> platforms) {}

    /** {@code RESTVulnerabilityAssetDataV2}. */
    record VulPage(List<VulnerabilityV2> vulnerabilities, int qfMatchedRecords) {}

    /** The assets a selection took, by id, to show the ones a vulnerability was found in. */
    static Map<String, Asset> byId(VulSelection s) {
        Map<String, Asset> byId = new LinkedHashMap<>();
        s.taken().forEach(a -> byId.putIfAbsent(key(a), a));
        return byId;
    }

    private static String key(Asset a) {
        return a.getClass().getSimpleName() + "/" + a.id();
    }

    static VulnerabilityV2 vulnerability(AssetVulnerability v, Map<String, Asset> assets) {
        return new VulnerabilityV2(v.name(), v.severity(), v.description(), v.packages(), v.link(), v.score(),
                v.vectors(), v.scoreV3(), v.vectorsV3(), v.published(), v.lastModified(), v.feedRating(),
                v.workloads().stream().map(id -> (Asset.Workload) assets.get("Workload/" + id))
                        .map(w -> new WorkloadRef(w.id(), w.domain(), w.name(), w.policyMode(), w.service(),
                                w.image())).toList(),
                v.nodes().stream().map(id -> assets.get("Node/" + id)).map(n -> new NodeRef(n.id(), n.name(), ""))
                        .toList(),
                v.images().stream().map(id -> (Asset.Image) assets.get("Image/" + id))
                        .map(i -> new ImageRef(i.id(), i.name(), "", i.digest())).toList(), List.of());
    }

    record WorkloadView(String id, String name, String domain, String image, List<String> applications,
            String policyMode, String serviceGroup, int critical, int high, int medium, int low,
            List<String> vulnerabilities, String scannedAt) {}

    record NodeView(String id, String name, String policyMode, String os, String kernel, int cpus, long memory,
            int containers, int critical, int high, int medium, int low, List<String> vulnerabilities,
            String scannedAt) {}

    record ImageView(String id, String name, String digest, int critical, int high, int medium, int low,
            List<String> vulnerabilities, String cvedbVersion, String cvedbCreateTime) {}

    record NoVulImage(String id, String name, String digest, String cvedbVersion, String cvedbCreateTime) {}

    /** {@code RESTAssetView}; {@code summary} only in NeuVector's debug mode, so always null here. */
    record AssetView(List<WorkloadView> workloads, List<NodeView> nodes, List<NodeRef> platforms,
            List<ImageView> images, List<NoVulImage> noVulImages, List<VulnerabilityV2> vulnerabilities,
            QueryStats summary) {}

    /**
     * The assets of a session that have any of the vulnerabilities shown, each with those only, as
     * {@code C_CVE-...} names (NeuVector's severity prefix), and the vulnerabilities themselves.
     */
    static AssetView assets(VulSelection s, List<AssetVulnerability> shown, boolean noVulImages) {
        Set<String> names = new java.util.HashSet<>(shown.stream().map(AssetVulnerability::name).toList());
        Map<String, Asset> byId = byId(s);
        List<WorkloadView> workloads = new java.util.ArrayList<>();
        List<NodeView> nodes = new java.util.ArrayList<>();
        List<ImageView> images = new java.util.ArrayList<>();
        List<NoVulImage> clean = new java.util.ArrayList<>();
        for (Asset a : byId.values()) {
            VulSelection.AssetCount c = VulSelection.count(a, names::contains);
            List<String> vuls = prefixed(a, names::contains);
            if (a instanceof Asset.Image i && i.findings().isEmpty() && noVulImages) {
                clean.add(new NoVulImage(i.id(), i.name(), i.digest(), i.cvedbVersion(), i.cvedbCreateTime()));
            }
            if (vuls.isEmpty()) {
                continue;
            }
            switch (a) {
                case Asset.Workload w -> workloads.add(new WorkloadView(w.id(), w.name(), w.domain(), w.image(),
                        List.of(), w.policyMode(), w.serviceGroup(), c.critical(), c.high(), c.medium(), c.low(),
                        vuls, w.scannedAt()));
                case Asset.Node n -> nodes.add(new NodeView(n.id(), n.name(), "", n.os(), n.kernel(), n.cpus(),
                        n.memory(), n.containers(), c.critical(), c.high(), c.medium(), c.low(), vuls,
                        n.scannedAt()));
                case Asset.Image i -> images.add(new ImageView(i.id(), i.name(), i.digest(), c.critical(), c.high(),
                        c.medium(), c.low(), vuls, i.cvedbVersion(), i.cvedbCreateTime()));
            }
        }
        return new AssetView(workloads, nodes, List.of(), images, clean, shown.stream().map(v -> vulnerability(v,
                byId)).toList(), null);
    }

    private static List<String> prefixed(Asset a, Predicate<String> shown) {
        return a.findings().stream().filter(f -> shown.test(f.name())).map(f -> "CHML".charAt(VulSelection.rank(f.severity()))
                + "_" + f.name()).distinct().toList();
    }

    /** {@code RESTImageAssetViewV2}. */
    record ImageAsset(String imageId, String repository, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int critical,
            int high, int medium, String createdAt, String scannedAt, String digest, String baseOs, String regName,
            String repoUrl, long size, String tag, String cvedbVersion, String cvedbCreateTime) {
        static ImageAsset of(ImageSelection.Counted c) {
            Asset.Image i = c.image();
            return new ImageAsset(i.id(), i.repository(), c.count().critical(), c.count().high(), c.count().medium(),
                    i.createdAt(), i.scannedAt(), i.digest(), i.baseOs(), i.registryName(), i.registryUrl()
                    + i.repository() + ":" + i.tag(), i.size(), i.tag(), i.cvedbVersion(), i.cvedbCreateTime());
        }
    }

    record ImageSummary(List<AssetCveCount> topImages) {}

    record ImageStats(int totalRecords, String queryId, List<String> debugPerfStats, ImageSummary summary) {}

    record ImagePage(String type, List<ImageAsset> data, int qfMatchedRecords) {}
}
