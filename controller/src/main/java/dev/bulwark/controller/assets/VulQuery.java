package dev.bulwark.controller.assets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;

/**
 * NeuVector's {@code VulQueryFilterViewModel}: the body of {@code POST /v1/vulasset}, in the console's camelCase
 * (two fields are snake_case, as NeuVector spells them). Everything is optional; {@link #normalized()} puts
 * NeuVector's default in place of a missing or unknown choice, as its server does, rather than refusing it.
 *
 * <p>Which assets a query takes follows NeuVector's asset rules ({@link #takes(Asset)}): a namespace filter takes
 * containers only; otherwise each filter narrows its own kind of asset (service and container name the containers,
 * node name the nodes, image name and base OS the images) and leaves the other kinds whole.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
record VulQuery(String packageType, String severityType, String scoreType, String publishedType, Long publishedTime,
        String matchTypeNs, List<String> selectedDomains, String serviceName, String matchTypeService,
        String imageName, String matchTypeImage, @JsonProperty("imageBaseOS") String imageBaseOs,
        @JsonProperty("matchTypeImageBaseOS") String matchTypeImageBaseOs, String nodeName, String matchTypeNode,
        String containerName, String matchTypeContainer, List<Integer> scoreV2, List<Integer> scoreV3,
        String orderbyColumn, String orderby, String viewType,
        @JsonProperty("last_modified_timestamp") Long lastModifiedTimestamp) {

    static final List<String> ORDER_COLUMNS = List.of("name", "score", "score_v3", "published_timestamp", "impact",
            "feed_rating");
    static final List<String> ORDERS = List.of("asc", "desc");
    private static final List<String> MATCH_TYPES = List.of("equals", "contains");

    /** Every choice NeuVector's default. */
    static final VulQuery DEFAULT = new VulQuery(null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null).normalized();

    /** A copy whose choices are known values: a missing or unknown one becomes NeuVector's default. */
    VulQuery normalized() {
        return new VulQuery(oneOf(packageType, List.of("all", "withFix", "withoutFix", "withFixAll"), "all"),
                oneOf(severityType, List.of("all", "critical", "high", "medium", "low"), "all"),
                oneOf(scoreType, List.of("v2", "v3"), "v3"), oneOf(publishedType, List.of("all", "before", "after"),
                "all"), zero(publishedTime), oneOf(matchTypeNs, MATCH_TYPES, ""), list(selectedDomains),
                text(serviceName),
                oneOf(matchTypeService, MATCH_TYPES, ""), text(imageName), oneOf(matchTypeImage, MATCH_TYPES, ""),
                text(imageBaseOs), oneOf(matchTypeImageBaseOs, MATCH_TYPES, ""), text(nodeName),
                oneOf(matchTypeNode, MATCH_TYPES, ""), text(containerName), oneOf(matchTypeContainer, MATCH_TYPES,
                ""), list(scoreV2), list(scoreV3), oneOf(orderbyColumn, ORDER_COLUMNS, "name"), oneOf(orderby,
                ORDERS, "desc"), oneOf(viewType, List.of("all", "containers", "infrastructure", "registry"), "all"),
                zero(lastModifiedTimestamp));
    }

    static String oneOf(String value, List<String> allowed, String otherwise) {
        return value != null && allowed.contains(value) ? value : otherwise;
    }

    private static long zero(Long n) {
        return n == null ? 0 : n;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Whether the asset rules take this asset. */
    boolean takes(Asset asset) {
        boolean byNamespace = !matchTypeNs.isEmpty() && !selectedDomains.isEmpty();
        return switch (asset) {
            case Asset.Workload w -> (!byNamespace || selectedDomains.stream().anyMatch(d -> matches(matchTypeNs,
                    d, w.domain()))) && matches(matchTypeService, serviceName, w.serviceGroup(), w.service())
                    && matches(matchTypeContainer, containerName, w.name());
            case Asset.Node n -> !byNamespace && matches(matchTypeNode, nodeName, n.name());
            case Asset.Image i -> !byNamespace && matches(matchTypeImage, imageName, i.name(), i.repository())
                    && matches(matchTypeImageBaseOs, imageBaseOs, i.baseOs());
        };
    }

    /**
     * An unset filter takes everything; {@code equals} is exact, {@code contains} a substring in any case (as
     * NeuVector's SQL {@code LIKE}); either of the values shown for an asset may match.
     */
    private static boolean matches(String type, String wanted, String... values) {
        if (type.isEmpty() || wanted.isEmpty()) {
            return true;
        }
        for (String v : values) {
            if (type.equals("equals") ? v.equals(wanted) : lower(v).contains(lower(wanted))) {
                return true;
            }
        }
        return false;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Whether NeuVector's vulnerability rules, then the view type, take this vulnerability. */
    boolean takes(AssetVulnerability v) {
        boolean fix = switch (packageType) {
            case "withFix" -> v.anyFixed();
            case "withoutFix" -> !v.anyFixed();
            case "withFixAll" -> !v.anyUnfixed();
            default -> true;
        };
        boolean published = publishedTime <= 0 || switch (publishedType) {
            case "before" -> v.published() <= publishedTime;
            case "after" -> v.published() > publishedTime;
            default -> true;
        };
        boolean severity = severityType.equals("all") || lower(v.severity()).equals(severityType);
        boolean modified = lastModifiedTimestamp <= 0 || v.lastModified() > lastModifiedTimestamp;
        boolean view = switch (viewType) {
            case "containers" -> !v.workloads().isEmpty();
            case "infrastructure" -> !v.nodes().isEmpty();
            case "registry" -> !v.images().isEmpty();
            default -> true;
        };
        return fix && published && severity && modified && view && within(scoreV2, v.score())
                && within(scoreV3, v.scoreV3());
    }

    /** A {@code [min, max]} range, ignored unless it is two numbers in order, as NeuVector does. */
    private static boolean within(List<Integer> range, double score) {
        return range.size() != 2 || range.get(0) > range.get(1) || score >= range.get(0) && score <= range.get(1);
    }
}
