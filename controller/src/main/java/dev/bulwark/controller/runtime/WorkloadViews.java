package dev.bulwark.controller.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.network.GroupMembership;
import dev.bulwark.controller.network.GroupMemberships;
import dev.bulwark.controller.network.Quarantine;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.ProcessProfiles;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The containers enforcers report, as a caller may see them and in NeuVector's shapes: the brief, full and detail
 * forms of {@code /v1/workload} and their {@code /v2} nesting. What only the controller knows is added here: the
 * state and modes from the container's learned group, the enforcer's name. A caller sees the containers of the
 * namespaces it holds {@code rt_policy} in (all of them when it holds it globally); a container of no namespace
 * only globally. Thread-safe; every call reads the current state.
 */
public final class WorkloadViews {

    private final RuntimeState state;
    private final Policy policy;
    private final ProcessProfiles profiles;
    private final ScanBrief.Source scans;
    private final Quarantine quarantine;
    private final GroupMemberships memberships;
    private final Function<String, Map<String, String>> appPorts;

    /**
     * @param appPorts the applications recognised on a container's ports as a server ({@code tcp/80} to
     *     {@code HTTP}), from the network's conversations
     */
    public WorkloadViews(RuntimeState state, Policy policy, ProcessProfiles profiles, ScanBrief.Source scans,
            Quarantine quarantine, GroupMemberships memberships, Function<String, Map<String, String>> appPorts) {
        this.state = state;
        this.policy = policy;
        this.profiles = profiles;
        this.scans = scans;
        this.quarantine = quarantine;
        this.memberships = memberships;
        this.appPorts = appPorts;
    }

    /** The fields every shape has ({@code RESTWorkloadBrief}'s, Go's embedded struct), with the host's. */
    record Summary(String id, String name, String displayName, String podName, String image, String imageId,
            String imageCreatedAt, boolean imageRegScanned, String platformRole, String domain, String state,
            String service, String author, String serviceGroup,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String shareNsWith, boolean capSniff,
            boolean capQuarantine, boolean capChangeMode, String policyMode, String profileMode,
            ScanBrief scanSummary, boolean serviceMesh, boolean serviceMeshSidecar, boolean privileged,
            boolean runAsRoot, String baselineProfile, String hostName, String hostId,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String quarantineReason) {}

    /** The fields {@code RESTWorkload} adds to the brief ones. */
    record Attributes(String enforcerId, String enforcerName, String networkMode, String createdAt,
            String startedAt, String finishedAt, boolean running, String securedAt, int exitCode,
            Map<String, List<Host.IpAddress>> interfaces, List<Workload.Port> ports, Map<String, String> labels,
            List<String> applications, long memoryLimit, String cpus, String serviceAccount) {}

    /** {@code RESTWorkloadBrief}: {@code ?brief=true} and the members of a service. */
    record Brief(@JsonUnwrapped Summary summary, List<Brief> children) {}

    /** {@code RESTWorkload}. */
    record Listed(@JsonUnwrapped Summary summary, @JsonUnwrapped Attributes attributes, List<Listed> children) {}

    /**
     * {@code RESTWorkloadDetail}: every {@code RESTWorkload} field, with its groups (learned, custom, and
     * {@code containers}) and application ports.
     */
    record Detail(@JsonUnwrapped Summary summary, @JsonUnwrapped Attributes attributes, List<String> groups,
            Map<String, String> appPorts, List<Detail> children) {}

    /** {@code RESTWorkloadBriefV2}. */
    record BriefV2(String id, String name, String displayName, String hostName, String hostId, String image,
            String imageId, String imageCreatedAt, boolean imageRegScanned, String domain, String state,
            String service, String author, String serviceGroup) {}

    /** {@code RESTWorkloadSecurityV2}. */
    record SecurityV2(boolean capSniff, boolean capQuarantine, boolean capChangeMode, boolean serviceMesh,
            boolean serviceMeshSidecar, String policyMode, String profileMode, String baselineProfile,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String quarantineReason, ScanBrief scanSummary) {}

    /** {@code RESTWorkloadRtAttribesV2} (NeuVector's spelling). */
    record RtAttributesV2(String podName, @JsonInclude(JsonInclude.Include.NON_EMPTY) String shareNsWith,
            boolean privileged, boolean runAsRoot, Map<String, String> labels, long memoryLimit, String cpus,
            String serviceAccount, String networkMode, Map<String, List<Host.IpAddress>> interfaces,
            List<Workload.Port> ports, List<String> applications) {}

    /** {@code RESTWorkloadV2}: the v1 fields nested, as Go's {@code workloadV1ToV2} nests them. */
    record ListedV2(BriefV2 brief, SecurityV2 security, RtAttributesV2 rtAttributes, List<ListedV2> children,
            String enforcerId, String enforcerName, String platformRole, String createdAt, String startedAt,
            String finishedAt, boolean running, String securedAt, int exitCode) {}

    /** {@code RESTWorkloadDetailV2}. */
    record DetailV2(@JsonUnwrapped ListedV2 workload, Misc misc) {}

    /** {@code RESTWorkloadDetailMiscV2}. */
    record Misc(List<String> groups, Map<String, String> appPorts, List<DetailV2> children) {}

    /** What a container shows of its learned group. */
    private record Modes(String policyMode, String profileMode, String baseline) {
        static final Modes NONE = new Modes("", "", "");
    }

    /** The containers the caller may see, by name. */
    List<RuntimeState.Running> visible(Principal p) {
        return state.workloads().stream().filter(r -> allowed(p, false, r.workload().domain()))
                .sorted(Comparator.comparing((RuntimeState.Running r) -> r.workload().name())
                        .thenComparing(r -> r.workload().id()))
                .toList();
    }

    /** The caller's containers with these ids ({@code POST /v2/workload}), by name. */
    List<RuntimeState.Running> visible(Principal p, Set<String> ids) {
        return visible(p).stream().filter(r -> ids.contains(r.workload().id())).toList();
    }

    /**
     * A container the caller may see, else 404 as if there were none (NeuVector's code 7, which its CLI reads to
     * look the name up instead), and for a write one it may change, else 403.
     */
    RuntimeState.Running visible(Principal p, String id, boolean write) {
        RuntimeState.Running r = state.workload(id).filter(x -> allowed(p, false, x.workload().domain()))
                .orElseThrow(() -> ApiException.notFound("Container"));
        if (write && !allowed(p, true, r.workload().domain())) {
            throw ApiException.forbidden();
        }
        return r;
    }

    /** The running containers of a group that the caller may see, by display name, brief: its members. */
    public List<?> members(Principal p, String group) {
        GroupMembership membership = memberships.current();
        return briefs(visible(p).stream().filter(r -> r.workload().running()
                && membership.groupsOf(r.workload(), r.hostName()).contains(group))
                .sorted(Comparator.comparing(r -> r.workload().displayName())).toList(), false);
    }

    private static boolean allowed(Principal p, boolean write, String domain) {
        return Policy.allowed(p, Permissions.RT_POLICY, write, domain.isEmpty() ? List.of() : List.of(domain));
    }

    /** A container's {@code RESTWorkloadBrief}, as the network's conversation endpoints embed it. */
    public JsonNode brief(RuntimeState.Running r) {
        return Bodies.JSON.valueToTree(new Brief(summary(r, new HashMap<>()), List.of()));
    }

    /** Whether the caller may see a container of this namespace ({@code ""}: of none). */
    public static boolean visible(Principal p, String domain) {
        return allowed(p, false, domain);
    }

    List<Brief> briefs(List<RuntimeState.Running> shown, boolean pods) {
        Map<String, Modes> modes = new HashMap<>();
        return inPods(shown, pods, (r, children) -> new Brief(summary(r, modes), children));
    }

    List<Listed> listed(List<RuntimeState.Running> shown, boolean pods) {
        Map<String, Modes> modes = new HashMap<>();
        return inPods(shown, pods, (r, children) -> new Listed(summary(r, modes), attributes(r), children));
    }

    /** A container in detail, with those of {@code others} that share its network namespace as children. */
    Detail detail(RuntimeState.Running r, List<RuntimeState.Running> others) {
        Map<String, Modes> modes = new HashMap<>();
        List<Detail> children = others.stream()
                .filter(c -> c.workload().shareNsWith().equals(r.workload().id()))
                .map(c -> detail(c, modes, List.of())).toList();
        return detail(r, modes, children);
    }

    private Detail detail(RuntimeState.Running r, Map<String, Modes> modes, List<Detail> children) {
        return new Detail(summary(r, modes), attributes(r), memberships.current().groupsOf(r.workload(),
                r.hostName()), appPorts.apply(r.workload().id()), children);
    }

    /**
     * Containers as NeuVector's pod view lists them ({@code view=pod}): one sharing the network namespace of
     * another listed container is that one's child, not a top-level item. Otherwise every container is listed.
     */
    private static <T> List<T> inPods(List<RuntimeState.Running> shown, boolean pods,
            BiFunction<RuntimeState.Running, List<T>, T> make) {
        if (!pods) {
            return shown.stream().map(r -> make.apply(r, List.of())).toList();
        }
        Set<String> ids = shown.stream().map(r -> r.workload().id()).collect(Collectors.toSet());
        Map<String, List<T>> children = new LinkedHashMap<>();
        List<RuntimeState.Running> parents = new ArrayList<>();
        for (RuntimeState.Running r : shown) {
            String parent = r.workload().shareNsWith();
            if (ids.contains(parent) && !parent.equals(r.workload().id())) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(make.apply(r, List.of()));
            } else {
                parents.add(r);
            }
        }
        return parents.stream().map(r -> make.apply(r, children.getOrDefault(r.workload().id(), List.of())))
                .toList();
    }

    private Summary summary(RuntimeState.Running r, Map<String, Modes> modesByGroup) {
        Workload w = r.workload();
        Modes m = modesByGroup.computeIfAbsent(w.group(), this::modes);
        String state = stateOf(r, m);
        String reason = state.equals("quarantined") ? quarantine.reason(w.id()).orElse("") : "";
        return new Summary(w.id(), w.name(), w.displayName(), w.podName(), w.image(), w.imageId(), "", false,
                w.platformRole(), w.domain(), state, w.service(), "", w.group(), w.shareNsWith(), false,
                !w.networkMode().equals("host"), true, m.policyMode(), m.profileMode(), scans.workload(w.id()),
                false, false, w.privileged(), w.runAsRoot(), m.baseline(), r.hostName(), r.hostId(), reason);
    }

    private Modes modes(String group) {
        Optional<Group> g = group.isEmpty() ? Optional.empty() : policy.group(group);
        return g.map(x -> new Modes(x.policyMode(), x.profileMode(), profiles.profile(x).baseline()))
                .orElse(Modes.NONE);
    }

    /**
     * NeuVector's container state: {@code exit} once stopped, {@code unmanaged} while its enforcer is away,
     * {@code quarantined} while it is, else its group's (network) policy mode in lower case, {@code discover} when
     * it has none yet.
     */
    private String stateOf(RuntimeState.Running r, Modes m) {
        if (!r.workload().running()) {
            return "exit";
        }
        if (!state.agent(r.agentId()).map(RuntimeState.Agent::connected).orElse(false)) {
            return "unmanaged";
        }
        if (quarantine.quarantined(r.workload().id())) {
            return "quarantined";
        }
        return switch (m.policyMode()) {
            case "Monitor" -> "monitor";
            case "Protect" -> "protect";
            default -> "discover";
        };
    }

    private Attributes attributes(RuntimeState.Running r) {
        Workload w = r.workload();
        Optional<RuntimeState.Agent> agent = state.agent(r.agentId());
        return new Attributes(r.agentId(), agent.map(RuntimeState.Agent::name).orElse("enforcer-" + r.hostName()),
                w.networkMode(), w.createdAt(), w.startedAt(), w.finishedAt(), w.running(),
                securedAt(w, agent), w.exitCode(), w.interfaces(), w.ports(), w.labels(),
                appPorts.apply(w.id()).values().stream().distinct().sorted().toList(),
                w.memoryLimit(), w.cpus(), "");
    }

    /** Since when its enforcer watches a running container: the later of its start and the enforcer's. */
    private static String securedAt(Workload w, Optional<RuntimeState.Agent> agent) {
        if (!w.running() || agent.isEmpty()) {
            return "";
        }
        Instant started = RestTime.parse(w.startedAt());
        Instant enforcer = agent.get().startedAt();
        return RestTime.format(started == null || enforcer != null && enforcer.isAfter(started) ? enforcer : started);
    }

    static ListedV2 v2(Listed l) {
        Summary s = l.summary();
        Attributes a = l.attributes();
        return new ListedV2(new BriefV2(s.id(), s.name(), s.displayName(), s.hostName(), s.hostId(), s.image(),
                s.imageId(), s.imageCreatedAt(), s.imageRegScanned(), s.domain(), s.state(), s.service(), s.author(),
                s.serviceGroup()),
                new SecurityV2(s.capSniff(), s.capQuarantine(), s.capChangeMode(), s.serviceMesh(),
                        s.serviceMeshSidecar(), s.policyMode(), s.profileMode(), s.baselineProfile(),
                        s.quarantineReason(), s.scanSummary()),
                new RtAttributesV2(s.podName(), s.shareNsWith(), s.privileged(), s.runAsRoot(), a.labels(),
                        a.memoryLimit(), a.cpus(), a.serviceAccount(), a.networkMode(), a.interfaces(), a.ports(),
                        a.applications()),
                l.children().stream().map(WorkloadViews::v2).toList(), a.enforcerId(), a.enforcerName(),
                s.platformRole(), a.createdAt(), a.startedAt(), a.finishedAt(), a.running(), a.securedAt(),
                a.exitCode());
    }

    static DetailV2 v2(Detail d) {
        Listed asListed = new Listed(d.summary(), d.attributes(), d.children().stream()
                .map(c -> new Listed(c.summary(), c.attributes(), List.of())).toList());
        return new DetailV2(v2(asListed), new Misc(d.groups(), d.appPorts(),
                d.children().stream().map(WorkloadViews::v2).toList()));
    }
}
