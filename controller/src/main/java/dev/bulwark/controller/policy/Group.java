package dev.bulwark.controller.policy;

import static java.util.Objects.requireNonNull;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A group as stored and shown ({@code RESTGroup}).
 *
 * @param domain the namespace a group confined to one namespace belongs to, else empty (a global group)
 * @param createrDomains the namespaces the group's criteria confine it to (NeuVector's spelling)
 * @param kind {@code container}, {@code address} or {@code node}
 * @param cfgType {@code user_created}, {@code learned}, {@code ground}, {@code federal} or {@code system_defined}
 * @param metrics the group's traffic thresholds (NeuVector's DDoS monitoring); none when never set
 */
public record Group(String name, String comment, boolean learned, boolean reserved, String policyMode,
        String profileMode, String domain, List<String> createrDomains, String kind, String platformRole,
        boolean capChangeMode, List<Criterion> criteria, String cfgType, Metrics metrics) {

    public static final Kind<Group> KIND = Kind.of("group", Group.class, "Group", Section.POLICY);

    /** A custom group's name: 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");

    /**
     * {@code monitor_metric}, {@code group_sess_cur}, {@code group_sess_rate} and {@code group_band_width}: whether
     * the group's traffic is watched, and the thresholds of active sessions, new sessions per second and Mbit/s
     * (0: no threshold). Kept and shown now; enforcers act on them in their stage.
     */
    public record Metrics(boolean monitorMetric, long groupSessCur, long groupSessRate, long groupBandWidth) {

        public static final Metrics NONE = new Metrics(false, 0, 0, 0);

        /** NeuVector's thresholds are {@code uint32}: a value outside is refused as its decoder refuses it. */
        public Metrics {
            for (long v : new long[] {groupSessCur, groupSessRate, groupBandWidth}) {
                if (v < 0 || v > 0xFFFF_FFFFL) {
                    throw ApiException.badRequest("group_sess_cur, group_sess_rate and group_band_width are 0 to"
                            + " 4294967295");
                }
            }
        }

        /** These metrics with what a {@code RESTGroupConfig} sets (a null field keeps its value). */
        Metrics with(Boolean monitor, Long sessCur, Long sessRate, Long bandWidth) {
            return new Metrics(monitor == null ? monitorMetric : monitor, sessCur == null ? groupSessCur : sessCur,
                    sessRate == null ? groupSessRate : sessRate, bandWidth == null ? groupBandWidth : bandWidth);
        }
    }

    public Group {
        requireNonNull(name, "name");
        comment = comment == null ? "" : comment;
        policyMode = policyMode == null ? "" : policyMode;
        profileMode = profileMode == null ? "" : profileMode;
        domain = domain == null ? "" : domain;
        createrDomains = createrDomains == null ? List.of() : List.copyOf(createrDomains);
        kind = kind == null ? "container" : kind;
        platformRole = platformRole == null ? "" : platformRole;
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        cfgType = cfgType == null ? "user_created" : cfgType;
        metrics = metrics == null ? Metrics.NONE : metrics;
    }

    /** A group made by a user (API or CRD import): its kind and namespaces follow from its criteria. */
    static Group custom(String name, String comment, List<Criterion> criteria, Metrics metrics) {
        List<String> domains = Criterion.namespaces(criteria);
        boolean address = criteria.stream().anyMatch(c -> c.key().equals("address"));
        return new Group(name, comment, false, false, "", "", domains.size() == 1 ? domains.getFirst() : "", domains,
                address ? "address" : "container", "", false, criteria, "user_created", metrics);
    }

    /** The reserved groups every controller has. */
    static final List<Group> RESERVED = List.of(
            new Group("containers", "all containers", false, true, "", "", "", List.of(), "container", "", false,
                    List.of(new Criterion("container", "*", "=")), "system_defined", null),
            new Group("nodes", "all hosts", false, true, "Discover", "Discover", "", List.of(), "node", "", true,
                    List.of(), "system_defined", null),
            new Group("external", "everything outside the cluster", false, true, "", "", "", List.of(), "address", "",
                    false, List.of(), "system_defined", null));
}
