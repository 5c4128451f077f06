package dev.bulwark.controller.network;

import dev.bulwark.controller.policy.Group;
import dev.bulwark.link.model.Workload;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which groups a container or an address belongs to, from the groups as they are now; compiled once
 * ({@link #of}), then asked as often as needed; a container's groups are remembered until it changes. Thread-safe;
 * a policy change compiles a new one.
 *
 * <p>A running container belongs to its learned group ({@link Workload#group()}), to every custom container group
 * whose criteria select it ({@link MemberCriteria}; a group confined to namespaces only holds containers of those),
 * and to {@code containers}. An address that is no container's belongs to the address groups whose criteria hold
 * it, by its IP or by the DNS name it was reached by, and to {@code nodes} when it is a node's, else to
 * {@code external}.
 */
public final class GroupMembership {

    public static final String CONTAINERS = "containers";
    public static final String NODES = "nodes";
    public static final String EXTERNAL = "external";

    private record CustomGroup(String name, Set<String> domains, MemberCriteria criteria) {}

    private record RangeOfGroup(String group, IpRange range) {}

    /** The groups of a container as it was when they were last asked for. */
    private record Known(Workload workload, String node, List<String> groups) {}

    /** Past answers, so that each push cycle does not judge every container against every group again. */
    private static final int MAX_KNOWN = 50_000;

    private final List<CustomGroup> custom;
    private final Map<String, AddressCriteria> addressGroups;
    private final List<RangeOfGroup> ranges;
    private final Map<String, List<String>> byName;
    private final Map<String, List<String>> byWildcard;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private GroupMembership(Collection<Group> groups) {
        List<CustomGroup> customGroups = new ArrayList<>();
        Map<String, AddressCriteria> address = new HashMap<>();
        List<RangeOfGroup> rangeList = new ArrayList<>();
        Map<String, List<String>> names = new HashMap<>();
        Map<String, List<String>> wildcards = new HashMap<>();
        List<Group> sorted = groups.stream().sorted(Comparator.comparing(Group::name)).toList();
        for (Group g : sorted) {
            if (g.reserved()) {
                continue;
            }
            if (g.kind().equals("address")) {
                AddressCriteria a = AddressCriteria.read(g.criteria());
                address.put(g.name(), a);
                a.ranges().forEach(r -> rangeList.add(new RangeOfGroup(g.name(), r)));
                a.names().forEach(n -> names.computeIfAbsent(n, k -> new ArrayList<>()).add(g.name()));
                a.wildcards().forEach(n -> wildcards.computeIfAbsent(n, k -> new ArrayList<>()).add(g.name()));
            } else if (g.kind().equals("container") && !g.learned()) {
                customGroups.add(new CustomGroup(g.name(), Set.copyOf(g.createrDomains()),
                        MemberCriteria.compile(g.criteria())));
            }
        }
        this.custom = List.copyOf(customGroups);
        this.addressGroups = Map.copyOf(address);
        this.ranges = List.copyOf(rangeList);
        this.byName = Map.copyOf(names);
        this.byWildcard = Map.copyOf(wildcards);
    }

    /** The membership the groups define. */
    public static GroupMembership of(Collection<Group> groups) {
        return new GroupMembership(groups);
    }

    /**
     * The groups of a container on the node named {@code node}: its learned group (when it has one, stored or
     * not yet), the custom groups that select it by name, and {@code containers}.
     */
    public List<String> groupsOf(Workload w, String node) {
        Known k = known.get(w.id());
        if (k != null && k.node().equals(node) && k.workload().equals(w)) {
            return k.groups();
        }
        List<String> groups = judge(w, node);
        if (known.size() >= MAX_KNOWN) {
            known.clear();
        }
        known.put(w.id(), new Known(w, node, groups));
        return groups;
    }

    private List<String> judge(Workload w, String node) {
        List<String> out = new ArrayList<>();
        if (!w.group().isEmpty()) {
            out.add(w.group());
        }
        for (CustomGroup g : custom) {
            if ((g.domains().isEmpty() || g.domains().contains(w.domain())) && g.criteria().selects(w, node)) {
                out.add(g.name());
            }
        }
        out.add(CONTAINERS);
        return List.copyOf(out);
    }

    /**
     * The address groups an IP (a literal) or a DNS name belongs to, by name; none for text that is neither.
     */
    public List<String> addressGroupsOf(String ipOrName) {
        Optional<InetAddress> ip = IpRange.address(ipOrName == null ? "" : ipOrName.strip());
        if (ip.isPresent()) {
            return ranges.stream().filter(r -> r.range().contains(ip.get())).map(RangeOfGroup::group).distinct()
                    .sorted().toList();
        }
        Optional<String> name = AddressCriteria.name(ipOrName);
        if (name.isEmpty()) {
            return List.of();
        }
        Set<String> out = new java.util.TreeSet<>(byName.getOrDefault(name.get(), List.of()));
        String n = name.get();
        for (int dot = n.indexOf('.'); dot >= 0; dot = n.indexOf('.', dot + 1)) {
            out.addAll(byWildcard.getOrDefault(n.substring(dot + 1), List.of()));
        }
        return List.copyOf(out);
    }

    /**
     * The groups of an address that is no container's: the address groups of its IP and of the DNS name it was
     * reached by (empty when none), then {@code nodes} when it is a node's address, else {@code external}.
     */
    public List<String> peerGroupsOf(String ip, String fqdn, boolean node) {
        Set<String> out = new LinkedHashSet<>(addressGroupsOf(ip));
        if (fqdn != null && !fqdn.isEmpty()) {
            out.addAll(addressGroupsOf(fqdn));
        }
        out.add(node ? NODES : EXTERNAL);
        return List.copyOf(out);
    }

    /** An address group's addresses as an enforcer is given them (CIDRs and {@code fqdn:NAME}), if it is one. */
    public Optional<List<String>> addressPeers(String group) {
        return Optional.ofNullable(addressGroups.get(group)).map(AddressCriteria::peers);
    }
}
