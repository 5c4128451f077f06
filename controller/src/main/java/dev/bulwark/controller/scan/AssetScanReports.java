package dev.bulwark.controller.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.core.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * NeuVector's scan reports of many assets at once ({@code POST /v1/scan/workloads/scan_report} and
 * {@code /v1/scan/hosts/scan_report}): one row per asset, vulnerability and package of each asset's last runtime
 * scan, as the vulnerability profile shows it, ordered by {@code host_name###domain###name###cve_name###cve_package}
 * and paged by that key (the cursor). A caller sees the containers of the namespaces where it may scan; nodes live in
 * no namespace.
 */
public final class AssetScanReports {

    /** Rows in a page when the query names no number. */
    static final int DEFAULT_MAX_RECORDS = 3000;
    private static final ObjectMapper JSON = Json.compactSnakeCase();
    private static final Map<String, List<String>> FILTERABLE = Map.of(
            RuntimeScan.WORKLOAD, List.of("domain", "host_name", "name", "image"),
            RuntimeScan.HOST, List.of("name"));

    private final RuntimeScans scans;
    private final RuntimeState state;

    public AssetScanReports(RuntimeScans scans, RuntimeState state) {
        this.scans = scans;
        this.state = state;
    }

    /** {@code RESTScanReportCursor}: where a page ended; all empty for the first page and after the last. */
    public record Cursor(String name, String hostName, String domain, String cveName, String cvePackage) {

        static final Cursor START = new Cursor("", "", "", "", "");

        public Cursor {
            name = name == null ? "" : name;
            hostName = hostName == null ? "" : hostName;
            domain = domain == null ? "" : domain;
            cveName = cveName == null ? "" : cveName;
            cvePackage = cvePackage == null ? "" : cvePackage;
        }

        String key() {
            return String.join("###", hostName, domain, name, cveName, cvePackage);
        }

        Cursor at(String cve, String pkg) {
            return new Cursor(name, hostName, domain, cve, pkg);
        }
    }

    /** {@code RESTVulScoreFilter}: CVSS {@code v2} or {@code v3} scores from bottom to top, both included. */
    public record ScoreFilter(String scoreVersion, Number scoreBottom, Number scoreTop) {

        public ScoreFilter {
            scoreBottom = scoreBottom == null ? 0 : scoreBottom;
            scoreTop = scoreTop == null ? 0 : scoreTop;
        }

        double bottom() {
            return scoreBottom.doubleValue();
        }

        double top() {
            return scoreTop.doubleValue();
        }

        // NeuVector accepts an empty version and then drops every vulnerability; here it filters nothing
        boolean keeps(JsonNode v) {
            if (scoreVersion == null || scoreVersion.isEmpty()) {
                return true;
            }
            double score = v.path(scoreVersion.equals("v2") ? "score" : "score_v3").asDouble();
            return score >= bottom() && score <= top();
        }

        void check() {
            if (scoreVersion == null || scoreVersion.isEmpty()) {
                return;
            }
            if (!scoreVersion.equals("v2") && !scoreVersion.equals("v3")) {
                throw ApiException.badRequest("vul_score_filter: score_version is v2 or v3, not \"%s\""
                        .formatted(scoreVersion));
            }
            if (top() > 10 || bottom() < 0 || top() < bottom()) {
                throw ApiException.badRequest("vul_score_filter: scores run from 0 to 10, bottom to top, not %s to %s"
                        .formatted(scoreBottom, scoreTop));
            }
        }
    }

    /** {@code RESTAssetsScanReportFilter}: {@code op} is eq, neq, in (a value contains one) or notin. */
    public record Filter(String name, String op, List<String> value) {}

    /** {@code RESTAssetsScanReportQuery}; {@code view_pod} is read and changes nothing (there is no pod view). */
    public record Query(Boolean showAccepted, Integer maxCveRecords, Cursor cursor, String viewPod,
            ScoreFilter vulScoreFilter, String severityFilter, List<Filter> filters) {

        public Query {
            showAccepted = showAccepted != null && showAccepted;
            maxCveRecords = maxCveRecords == null ? 0 : maxCveRecords;
            cursor = cursor == null ? Cursor.START : cursor;
            severityFilter = severityFilter == null ? "" : severityFilter;
            filters = filters == null ? List.of() : List.copyOf(filters);
        }

        /** Refuses what NeuVector refuses (a bad score filter), and a negative number of rows. */
        public void check() {
            if (vulScoreFilter != null) {
                vulScoreFilter.check();
            }
            if (maxCveRecords < 0) {
                throw ApiException.badRequest("max_cve_records: 0 (for %d) or more".formatted(DEFAULT_MAX_RECORDS));
            }
        }
    }

    /** {@code RESTAssetScanReportData}: the cursor is set only when the page is full. */
    public record Page(Cursor cursor, List<ObjectNode> scanData) {}

    /** What a row says of its asset, and the asset's key and filterable fields. */
    private record Asset(String id, Cursor key, Map<String, String> fields, ObjectNode row) {}

    /** A page of the rows of containers ({@link RuntimeScan#WORKLOAD}) or nodes ({@link RuntimeScan#HOST}). */
    public Page page(String kind, Principal caller, Query query) {
        int max = query.maxCveRecords() == 0 ? DEFAULT_MAX_RECORDS : query.maxCveRecords();
        String after = query.cursor().key();
        List<Asset> assets = new ArrayList<>(assets(kind, caller));
        Predicate<Asset> shown = filter(query.filters(), FILTERABLE.get(kind)).orElse(a -> false);
        assets.removeIf(shown.negate());
        assets.sort(Comparator.comparing(a -> a.key().key()));
        List<ObjectNode> rows = new ArrayList<>();
        for (Asset asset : assets) {
            for (JsonNode v : vulnerabilities(kind, asset.id(), query)) {
                Cursor at = asset.key().at(v.path("name").asText(), v.path("package_name").asText());
                if (at.key().compareTo(after) <= 0) {
                    continue;
                }
                ObjectNode row = asset.row().deepCopy();
                row.setAll((ObjectNode) v);
                rows.add(row);
                if (rows.size() >= max) {
                    return new Page(at, rows);
                }
            }
        }
        return new Page(Cursor.START, rows);
    }

    /** The asset's last report, as the profile shows it, filtered and ordered by name and package. */
    private List<JsonNode> vulnerabilities(String kind, String id, Query query) {
        List<JsonNode> kept = new ArrayList<>();
        scans.report(kind, id, query.showAccepted()).ifPresent(r -> r.path("vulnerabilities").forEach(v -> {
            if (v.isObject() && (query.vulScoreFilter() == null || query.vulScoreFilter().keeps(v))
                    && (query.severityFilter().isEmpty() || query.severityFilter().equals(v.path("severity")
                            .asText()))) {
                kept.add(v);
            }
        }));
        kept.sort(Comparator.comparing(v -> v.path("name").asText() + "###" + v.path("package_name").asText()));
        return kept;
    }

    private List<Asset> assets(String kind, Principal caller) {
        List<Asset> assets = new ArrayList<>();
        if (kind.equals(RuntimeScan.HOST)) {
            Map<String, String> hosts = new LinkedHashMap<>();
            state.agents().stream().filter(a -> a.host() != null).forEach(a -> hosts.put(a.hostId(), a.hostName()));
            hosts.forEach((id, name) -> assets.add(new Asset(id, new Cursor(name, "", "", "", ""),
                    Map.of("name", name), row(name, "", "", "", ""))));
            return assets;
        }
        for (RuntimeState.Running r : state.workloads()) {
            var w = r.workload();
            if (Policy.allowed(caller, Permissions.RT_SCAN, true, w.domain().isEmpty() ? List.of()
                    : List.of(w.domain()))) {
                assets.add(new Asset(w.id(), new Cursor(w.name(), r.hostName(), w.domain(), "", ""),
                        Map.of("domain", w.domain(), "host_name", r.hostName(), "name", w.name(), "image",
                                w.image()), row(r.hostName(), w.name(), w.domain(), w.image(), w.imageId())));
            }
        }
        return assets;
    }

    private static ObjectNode row(String hostName, String name, String domain, String image, String imageId) {
        ObjectNode row = JSON.createObjectNode();
        row.put("host_name", hostName).put("workload_name", name).put("workload_domain", domain)
                .put("workload_image", image).put("workload_image_id", imageId).put("workload_image_digest", "");
        row.putArray("workload_image_repo_digests");
        return row;
    }

    /**
     * The assets the filters keep, as NeuVector reads them: a filter of another field or without values is skipped;
     * an operator it does not know keeps nothing (empty).
     */
    private static Optional<Predicate<Asset>> filter(List<Filter> filters, List<String> fields) {
        Predicate<Asset> kept = a -> true;
        for (Filter f : filters) {
            if (f.name() == null || !fields.contains(f.name()) || f.value() == null || f.value().isEmpty()) {
                continue;
            }
            List<String> values = f.value().stream().map(v -> v == null ? "" : v).toList();
            Predicate<String> in = s -> values.stream().anyMatch(s::contains);
            Predicate<String> test = switch (f.op() == null ? "" : f.op()) {
                case "eq" -> s -> s.equals(values.getFirst());
                case "neq" -> s -> !s.equals(values.getFirst());
                case "in" -> in;
                case "notin" -> in.negate();
                default -> null;
            };
            if (test == null) {
                return Optional.empty();
            }
            kept = kept.and(a -> test.test(a.fields().get(f.name())));
        }
        return Optional.of(kept);
    }
}
