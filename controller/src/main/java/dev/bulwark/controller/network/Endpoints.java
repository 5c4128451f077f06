package dev.bulwark.controller.network;

import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.Workload;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is at an address, as NeuVector's conversation graph names them, from one look at what runs: a container (its
 * id) by the addresses of its interfaces, a node ({@code Host:<host id>}) by its node's addresses, an address of
 * the private ranges that is neither ({@code Workload:<ip>}), else {@code external}. Immutable: made once per
 * batch of reports.
 */
public final class Endpoints {

    public static final String HOST_PREFIX = "Host:";
    public static final String WORKLOAD_PREFIX = "Workload:";
    public static final String EXTERNAL = "external";

    /** NeuVector's endpoint kinds ({@code RESTConversationEndpoint.kind}). */
    public enum Kind {
        CONTAINER("container"), NODE("node_ip"), WORKLOAD_IP("workload_ip"), EXTERNAL("external");

        private final String rest;

        Kind(String rest) {
            this.rest = rest;
        }

        public String rest() {
            return rest;
        }
    }

    /**
     * An end of a conversation.
     *
     * @param id NeuVector's endpoint id: the container's id, {@code Host:<host id>}, {@code Workload:<ip>} or
     *     {@code external}
     * @param name what it shows as its name: the container's, the node's, the address, {@code External Network}
     * @param group the group rules name it by: the container's learned group, {@code nodes}, {@code external};
     *     empty for an unknown private address
     * @param domain the container's namespace, else empty
     * @param workload the container, for one
     */
    public record Endpoint(String id, Kind kind, String name, String group, String domain,
            Optional<RuntimeState.Running> workload) {

        public boolean isWorkload() {
            return workload.isPresent();
        }
    }

    private static final Endpoint OUTSIDE = new Endpoint(EXTERNAL, Kind.EXTERNAL, "External Network",
            GroupMembership.EXTERNAL, "",
            Optional.empty());

    private final Map<String, RuntimeState.Running> workloadsByIp = new HashMap<>();
    private final Map<String, RuntimeState.Running> workloadsById = new HashMap<>();
    private final Map<String, RuntimeState.Agent> nodesByIp = new HashMap<>();

    private Endpoints(RuntimeState state) {
        for (RuntimeState.Running r : state.workloads()) {
            workloadsById.put(r.workload().id(), r);
            if (r.workload().running()) {
                addresses(r.workload().interfaces()).forEach(ip -> workloadsByIp.put(ip, r));
            }
        }
        for (RuntimeState.Agent a : state.agents()) {
            if (a.host() != null) {
                addresses(a.host().interfaces()).forEach(ip -> nodesByIp.put(ip, a));
            }
        }
    }

    /** The endpoints of what runs now. */
    public static Endpoints of(RuntimeState state) {
        return new Endpoints(state);
    }

    private static List<String> addresses(Map<String, List<Host.IpAddress>> interfaces) {
        return interfaces.values().stream().flatMap(List::stream).map(Host.IpAddress::ip)
                .flatMap(ip -> canonical(ip).stream()).toList();
    }

    /** IPv4 as four decimal numbers: the JDK also takes {@code 10.1} for {@code 10.0.0.1}, which no enforcer sends. */
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

    /**
     * An address in its canonical text ({@code ::ffff:10.0.0.1} and {@code 10.0.0.1} alike), empty when the text
     * is not an IP address literal; never a name lookup.
     */
    public static Optional<String> canonical(String ip) {
        if (ip == null || ip.isEmpty() || ip.length() > 45 || !ip.chars().allMatch(c -> Character.digit(c, 16) >= 0
                || c == '.' || c == ':') || !ip.contains(":") && !DOTTED_QUAD.matcher(ip).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(ip).getHostAddress());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The endpoint at an address (canonical, see {@link #canonical}). */
    public Endpoint at(String ip) {
        RuntimeState.Running r = workloadsByIp.get(ip);
        if (r != null) {
            return container(r);
        }
        RuntimeState.Agent node = nodesByIp.get(ip);
        if (node != null) {
            return node(node);
        }
        if (isPrivate(ip)) {
            return new Endpoint(WORKLOAD_PREFIX + ip, Kind.WORKLOAD_IP, ip, "", "", Optional.empty());
        }
        return OUTSIDE;
    }

    /** A container known now, running or not. */
    public Optional<Endpoint> workload(String id) {
        return Optional.ofNullable(workloadsById.get(id)).map(Endpoints::container);
    }

    /** The node of an enforcer. */
    public static Endpoint node(RuntimeState.Agent agent) {
        String hostId = agent.host() == null ? agent.node() : agent.hostId();
        String name = agent.host() == null ? agent.node() : agent.hostName();
        return new Endpoint(HOST_PREFIX + hostId, Kind.NODE, name, GroupMembership.NODES, "", Optional.empty());
    }

    /** A container as an endpoint. */
    public static Endpoint container(RuntimeState.Running r) {
        Workload w = r.workload();
        return new Endpoint(w.id(), Kind.CONTAINER, w.displayName().isEmpty() ? w.name() : w.displayName(),
                w.group(), w.domain(), Optional.of(r));
    }

    /** Whether an address is of the ranges no internet host has: private, loopback, link-local, unique local. */
    private static boolean isPrivate(String ip) {
        InetAddress a = InetAddress.ofLiteral(ip);
        if (a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc // fc00::/7, unique local
                || b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10, carrier NAT
    }
}
