package dev.bulwark.controller.runtime;

import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.Workload;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What runs where, as the connected enforcers last said: each enforcer with its node, and each container with the
 * enforcer that reported it. Kept in memory and rebuilt from every enforcer's snapshot when it connects, as
 * NeuVector's controllers rebuild theirs from the cluster. Thread-safe.
 */
public final class RuntimeState {

    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";

    /**
     * An enforcer's session as last known.
     *
     * @param appliedSeq the last telemetry batch applied, so that one sent again after a reconnect is not applied
     *     twice
     * @param policyVersion the policy version last pushed; {@code ackedPolicyVersion} the one it acknowledged
     */
    public record Agent(String id, String node, Host host, String version, Instant joinedAt, Instant startedAt,
            String state, Instant lastSeen, long appliedSeq, long policyVersion, long ackedPolicyVersion) {

        public boolean connected() {
            return state.equals(CONNECTED);
        }

        /** The id of its node: the host's id, else the node's name. Needs the host ({@code host() != null}). */
        public String hostId() {
            return host.id().isEmpty() ? node : host.id();
        }

        /** The name of its node: the host's name, else the node's name. Needs the host. */
        public String hostName() {
            return host.name().isEmpty() ? node : host.name();
        }

        /** The enforcer's name as records and the API show it: {@code enforcer-<node>}. */
        public String name() {
            return "enforcer-" + node;
        }

        Agent with(String newState, Instant seen) {
            return new Agent(id, node, host, version, joinedAt, startedAt, newState, seen, appliedSeq, policyVersion,
                    ackedPolicyVersion);
        }
    }

    /** A container and the enforcer of its node. */
    public record Running(Workload workload, String agentId, String hostId, String hostName) {

        /** The pod it runs in, {@code <namespace>/<pod>}; a container outside any pod is its own. */
        public String pod() {
            return workload.podName().isEmpty() ? "/" + workload.id() : workload.domain() + "/" + workload.podName();
        }
    }

    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final Map<String, Running> workloads = new ConcurrentHashMap<>();

    /** An enforcer connected: its node and version; its applied sequence is kept from an earlier session. */
    public Agent connected(String id, String node, Host host, String version, Instant joinedAt, Instant startedAt,
            Instant now) {
        return agents.compute(id, (k, old) -> new Agent(id, node, host, version, joinedAt, startedAt, CONNECTED,
                now, old == null ? 0 : old.appliedSeq(), 0, old == null ? 0 : old.ackedPolicyVersion()));
    }

    public void disconnected(String id, Instant now) {
        agents.computeIfPresent(id, (k, a) -> a.with(DISCONNECTED, now));
    }

    /** Forgets a revoked enforcer and its containers. */
    public void forget(String id) {
        agents.remove(id);
        workloads.values().removeIf(r -> r.agentId().equals(id));
    }

    public void hostChanged(String id, Host host) {
        agents.computeIfPresent(id, (k, a) -> new Agent(a.id(), a.node(), host, a.version(), a.joinedAt(),
                a.startedAt(), a.state(), a.lastSeen(), a.appliedSeq(), a.policyVersion(), a.ackedPolicyVersion()));
    }

    public void applied(String id, long seq) {
        agents.computeIfPresent(id, (k, a) -> new Agent(a.id(), a.node(), a.host(), a.version(), a.joinedAt(),
                a.startedAt(), a.state(), a.lastSeen(), Math.max(seq, a.appliedSeq()), a.policyVersion(),
                a.ackedPolicyVersion()));
    }

    public void policySent(String id, long version) {
        agents.computeIfPresent(id, (k, a) -> new Agent(a.id(), a.node(), a.host(), a.version(), a.joinedAt(),
                a.startedAt(), a.state(), a.lastSeen(), a.appliedSeq(), version, a.ackedPolicyVersion()));
    }

    public void policyAcked(String id, long version) {
        agents.computeIfPresent(id, (k, a) -> new Agent(a.id(), a.node(), a.host(), a.version(), a.joinedAt(),
                a.startedAt(), a.state(), a.lastSeen(), a.appliedSeq(), a.policyVersion(),
                Math.max(version, a.ackedPolicyVersion())));
    }

    /**
     * An enforcer's containers: added or changed, stopped, and, for a full snapshot, every container of that
     * enforcer not listed is gone (it stopped while the enforcer was away).
     *
     * @return the containers that were new, and those that left
     */
    public Changes report(String agentId, boolean full, List<Workload> seen, List<String> stopped) {
        Agent agent = agents.get(agentId);
        String hostId = agent == null || agent.host() == null ? "" : agent.host().id();
        String hostName = agent == null ? "" : agent.node();
        List<Workload> started = seen.stream().filter(w -> !workloads.containsKey(w.id())).toList();
        for (Workload w : seen) {
            workloads.put(w.id(), new Running(w, agentId, hostId, hostName));
        }
        Set<String> listed = seen.stream().map(Workload::id).collect(Collectors.toSet());
        List<Running> left = new java.util.ArrayList<>();
        workloads.values().removeIf(r -> {
            boolean gone = r.agentId().equals(agentId)
                    && (stopped.contains(r.workload().id()) || full && !listed.contains(r.workload().id()));
            if (gone) {
                left.add(r);
            }
            return gone;
        });
        return new Changes(started, left);
    }

    /** What a report changed. */
    public record Changes(List<Workload> started, List<Running> stopped) {}

    public Optional<Agent> agent(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    public Collection<Agent> agents() {
        return List.copyOf(agents.values());
    }

    /** {@code Kubernetes} when an enforcer says its node is one, else empty: the only platform a node tells. */
    public String platform() {
        return agents.values().stream().anyMatch(a -> a.host() != null && a.host().platform().equals("Kubernetes"))
                ? "Kubernetes" : "";
    }

    public Optional<Running> workload(String id) {
        return Optional.ofNullable(workloads.get(id));
    }

    public Collection<Running> workloads() {
        return List.copyOf(workloads.values());
    }

    /** Each enforcer's groups: those of its containers, and {@code nodes}; the groups whose policy it needs. */
    public Map<String, Set<String>> groupsByAgent() {
        Map<String, Set<String>> groups = new java.util.HashMap<>();
        agents.keySet().forEach(id -> groups.put(id, new java.util.TreeSet<>(Set.of("nodes"))));
        for (Running r : workloads.values()) {
            groups.computeIfAbsent(r.agentId(), k -> new java.util.TreeSet<>(Set.of("nodes")))
                    .add(r.workload().group());
        }
        return groups;
    }

    /** The enforcers that run a container of the group (every enforcer for {@code nodes}). */
    public Set<String> agentsOf(String group) {
        if (group.equals("nodes")) {
            return agents.keySet();
        }
        return workloads.values().stream().filter(r -> r.workload().group().equals(group)).map(Running::agentId)
                .collect(Collectors.toSet());
    }
}
