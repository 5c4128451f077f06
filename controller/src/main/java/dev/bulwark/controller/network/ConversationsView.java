package dev.bulwark.controller.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.network.Conversations.Conversation;
import dev.bulwark.controller.network.Conversations.Entry;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.runtime.RestTime;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.controller.runtime.WorkloadViews;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The conversation graph as a caller may see it, in NeuVector's shapes: {@code RESTConversationEndpoint} (a
 * container's {@code RESTWorkloadBrief} as the workload views show it, or the brief NeuVector makes of a node, an
 * address or the outside), {@code RESTConversationCompact}, {@code RESTConversation} and
 * {@code RESTConversationDetail}. A caller holding {@code rt_policy} globally sees everything; one holding it in
 * some namespaces sees the conversations of its namespaces' containers whose other end is one of those too or no
 * container at all (a node, an address, the outside), and no container of another namespace.
 */
public final class ConversationsView {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TEXT_FIELDS = List.of("pod_name", "host_name", "host_id", "image", "image_id",
            "image_digest", "image_created_at", "platform_role", "domain", "state", "service", "author",
            "service_group", "policy_mode", "profile_mode", "baseline_profile");
    private static final List<String> FLAG_FIELDS = List.of("image_reg_scanned", "cap_sniff", "has_datapath",
            "cap_quarantine", "cap_change_mode", "service_mesh", "service_mesh_sidecar", "privileged",
            "run_as_root");

    private final Conversations conversations;
    private final RuntimeState state;
    private final WorkloadViews workloads;
    private final Policy policy;

    public ConversationsView(Conversations conversations, RuntimeState state, WorkloadViews workloads,
            Policy policy) {
        this.conversations = conversations;
        this.state = state;
        this.workloads = workloads;
        this.policy = policy;
    }

    /** What {@code GET /v1/conversation} lists: endpoints and conversations. */
    public record Listing(List<JsonNode> endpoints, List<JsonNode> conversations) {}

    /**
     * The caller's endpoints: the containers it may see, with or without traffic, and every other end of the
     * conversations it may see.
     */
    public List<JsonNode> endpoints(Principal p) {
        return listing(p, false, "", "").endpoints();
    }

    /** Whether a group exists and the caller may see it. */
    public boolean groupVisible(Principal p, String group) {
        return policy.group(group).filter(g -> Policy.allowed(p, Permissions.RT_POLICY, false,
                g.createrDomains())).isPresent();
    }

    /**
     * The conversations the caller may see and their ends, then the caller's containers without any; when not
     * empty, {@code domain} keeps those with an end in that namespace, {@code group} those with an end in that
     * group (a member, or the group itself as an endpoint); {@code verbose} gives each conversation's ends whole.
     */
    public Listing listing(Principal p, boolean verbose, String domain, String group) {
        Map<String, JsonNode> ends = new LinkedHashMap<>();
        List<JsonNode> shown = new ArrayList<>();
        GroupMembership membership = group.isEmpty() ? null : GroupMembership.of(policy.groups());
        Predicate<Endpoints.Endpoint> kept = e -> (domain.isEmpty() || e.domain().equals(domain))
                && (group.isEmpty() || in(membership, e, group));
        for (Conversation c : conversations.all()) {
            if (!visible(p, c) || !kept.test(c.from()) && !kept.test(c.to())) {
                continue;
            }
            JsonNode from = ends.computeIfAbsent(c.from().id(), id -> endpoint(c.from()));
            JsonNode to = ends.computeIfAbsent(c.to().id(), id -> endpoint(c.to()));
            ObjectNode json = NODES.objectNode();
            if (verbose) {
                json.set("from", from);
                json.set("to", to);
            } else {
                json.put("from", c.from().id());
                json.put("to", c.to().id());
            }
            report(json, c);
            shown.add(json);
        }
        for (RuntimeState.Running r : state.workloads()) {
            if (WorkloadViews.visible(p, r.workload().domain()) && kept.test(Endpoints.container(r))) {
                ends.computeIfAbsent(r.workload().id(), id -> endpoint(r));
            }
        }
        return new Listing(List.copyOf(ends.values()), shown);
    }

    private static boolean in(GroupMembership membership, Endpoints.Endpoint e, String group) {
        return e.id().equals(group) || e.group().equals(group) || e.workload().map(r -> membership
                .groupsOf(r.workload(), r.hostName()).contains(group)).orElse(false);
    }

    /** {@code RESTConversationDetail} of the conversation from one endpoint to another, if the caller may see it. */
    public Optional<JsonNode> detail(Principal p, String from, String to) {
        return conversations.between(from, to).filter(c -> visible(p, c)).map(c -> {
            ObjectNode json = NODES.objectNode();
            json.set("from", endpoint(c.from()));
            json.set("to", endpoint(c.to()));
            report(json, c);
            ArrayNode entries = json.putArray("entries");
            c.entries().stream().sorted(Comparator.comparingLong(Entry::lastSeen).reversed())
                    .forEach(e -> entries.add(detailEntry(e)));
            return json;
        });
    }

    /** Whether the caller may see the conversation from one endpoint to another, and there is one. */
    public boolean visible(Principal p, String from, String to) {
        return conversations.between(from, to).filter(c -> visible(p, c)).isPresent();
    }

    private boolean visible(Principal p, Conversation c) {
        if (p.global(Permissions.RT_POLICY, false)) {
            return true;
        }
        boolean mineFrom = mine(p, c.from());
        boolean mineTo = mine(p, c.to());
        return mineFrom && (mineTo || !c.to().isWorkload()) || mineTo && !c.from().isWorkload();
    }

    private static boolean mine(Principal p, Endpoints.Endpoint e) {
        return e.isWorkload() && !e.domain().isEmpty() && WorkloadViews.visible(p, e.domain());
    }

    /** An endpoint as shown now: a container as the workload views show it while it is known, else as last seen. */
    private JsonNode endpoint(Endpoints.Endpoint e) {
        if (e.isWorkload()) {
            Optional<RuntimeState.Running> now = state.workload(e.id());
            if (now.isPresent()) {
                return endpoint(now.get());
            }
        }
        ObjectNode json = NODES.objectNode();
        json.put("kind", e.kind().rest());
        json.setAll(brief(e.id(), e.name(), e.domain(), e.isWorkload() ? "exit" : "online"));
        conversations.alias(e.id()).ifPresent(alias -> {
            json.put("display_name", alias);
            json.put("pod_name", alias);
        });
        if (e.kind() == Endpoints.Kind.NODE || e.kind() == Endpoints.Kind.EXTERNAL) {
            json.put("service_group", e.group());
        }
        if (e.kind() == Endpoints.Kind.NODE) {
            policy.group(GroupMembership.NODES).ifPresent(g -> {
                json.put("policy_mode", g.policyMode());
                json.put("profile_mode", g.profileMode());
            });
            json.put("cap_change_mode", policy.group(GroupMembership.NODES).map(Group::capChangeMode).orElse(false));
        }
        return json;
    }

    /**
     * The {@code RESTWorkloadBrief} NeuVector makes of what is no container it knows: every field, those it does
     * not know empty, no scan summary.
     */
    static ObjectNode brief(String id, String name, String domain, String state) {
        ObjectNode json = NODES.objectNode();
        json.put("id", id);
        json.put("name", name);
        json.put("display_name", name);
        TEXT_FIELDS.forEach(f -> json.put(f, ""));
        FLAG_FIELDS.forEach(f -> json.put(f, false));
        json.put("pod_name", name);
        json.put("domain", domain);
        json.put("state", state);
        json.putNull("scan_summary");
        json.putArray("children");
        json.putArray("image_repo_digests");
        return json;
    }

    private JsonNode endpoint(RuntimeState.Running r) {
        ObjectNode json = NODES.objectNode();
        json.put("kind", Endpoints.Kind.CONTAINER.rest());
        json.setAll((ObjectNode) workloads.brief(r));
        return json;
    }

    /** {@code RESTConversationReport}'s fields, with its entries as {@code RESTConversationReportEntry}. */
    private static void report(ObjectNode json, Conversation c) {
        json.put("bytes", c.bytes());
        json.put("sessions", c.sessions());
        json.put("severity", "");
        json.put("policy_action", c.action().rest());
        TreeSet<String> protocols = new TreeSet<>();
        TreeSet<String> applications = new TreeSet<>();
        TreeSet<String> ports = new TreeSet<>();
        ArrayNode entries = NODES.arrayNode();
        for (Entry e : c.entries()) {
            protocols.add(ConversationsPorts.protocol(e.key().ipProto()));
            ObjectNode entry = entries.addObject();
            entry.put("bytes", e.bytes());
            entry.put("sessions", e.sessions());
            if (e.key().application().isEmpty()) {
                ports.add(port(e));
                entry.put("port", port(e));
            } else {
                applications.add(e.key().application());
                entry.put("application", e.key().application());
            }
            entry.put("policy_action", e.key().action().rest());
            entry.put("client_ip", e.clientIp());
            entry.put("server_ip", e.serverIp());
            if (!e.fqdn().isEmpty()) {
                entry.put("fqdn", e.fqdn());
            }
            entry.put("last_seen_at", e.lastSeen());
        }
        protocols.forEach(json.putArray("protocols")::add);
        applications.forEach(json.putArray("applications")::add);
        if (!ports.isEmpty()) {
            ports.forEach(json.putArray("ports")::add);
        }
        json.set("entries", entries);
    }

    /** {@code RESTConversationEntry}. */
    private static ObjectNode detailEntry(Entry e) {
        ObjectNode entry = NODES.objectNode();
        entry.put("bytes", e.bytes());
        entry.put("sessions", e.sessions());
        entry.put("port", port(e));
        entry.put("mapped_port", port(e));
        entry.put("application", e.key().application());
        entry.put("Server", e.key().application());
        entry.put("threat_name", "");
        entry.put("severity", "");
        entry.put("policy_action", e.key().action().rest());
        entry.put("policy_id", e.policyId());
        entry.put("last_seen_at", RestTime.format(e.lastSeen()));
        entry.put("client_ip", e.clientIp());
        entry.put("server_ip", e.serverIp());
        entry.put("fqdn", e.fqdn());
        entry.put("xff", false);
        entry.put("to_sidecar", false);
        entry.put("nbe", false);
        return entry;
    }

    /** NeuVector's {@code GetPortLink}: {@code tcp/80}, {@code udp/53}, {@code icmp}. */
    private static String port(Entry e) {
        int proto = e.key().ipProto();
        return proto == ConversationsPorts.TCP || proto == ConversationsPorts.UDP
                ? ConversationsPorts.of(proto, e.key().port()) : ConversationsPorts.protocol(proto);
    }
}
