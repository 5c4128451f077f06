package dev.bulwark.controller.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.network.GroupMemberships;
import dev.bulwark.controller.network.Quarantine;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.Role;
import dev.bulwark.link.model.ProcessEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The runtime plane as the REST handlers see it: what runs where, who joined, the sessions to ask enforcers
 * about their containers, quarantines, the groups containers belong to, and revocation.
 */
public record Runtime(RuntimeState state, Enrollments enrollments, AgentSessions sessions, PolicyPush push,
        Quarantine quarantine, GroupMemberships memberships) {

    private static final ObjectMapper JSON = Json.storedSnakeCase();

    /** The counts {@code /v1/system/summary} shows. */
    public record Counts(int hosts, int enforcers, int disconnectedEnforcers, int workloads, int runningWorkloads,
            int runningPods) {}

    /**
     * Revokes an enforcer: its certificate is refused from now on, its session is cut, and it and its containers
     * are forgotten; 404 when no such enforcer joined.
     */
    public void revoke(String enforcerId, Instant now) {
        enrollments.revoke(Role.ENFORCER, enforcerId);
        sessions.cut(enforcerId, "the enforcer was deleted");
        state.forget(enforcerId);
        push.changed();
    }

    /**
     * Asks a container's enforcer for its processes ({@code process}: running now; {@code process_history}: those
     * that ran), oldest first. Fails as NeuVector's RPC errors do (code 24): 503 when the enforcer is not
     * connected, 500 when it fails or does not answer in time.
     */
    public List<ProcessEntry> processes(String enforcerId, String kind, String workloadId) {
        if (!sessions.connected(enforcerId)) {
            throw new ApiException(503, ApiError.CLUSTER_RPC_ERROR, "The enforcer of this container is not"
                    + " connected; try again once it is");
        }
        byte[] answer;
        try {
            answer = sessions.ask(enforcerId, kind, workloadId).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(500, ApiError.CLUSTER_RPC_ERROR, "Interrupted while asking the enforcer");
        } catch (ExecutionException e) {
            throw new ApiException(500, ApiError.CLUSTER_RPC_ERROR, e.getCause() instanceof TimeoutException
                    ? "The enforcer did not answer in %d s".formatted(AgentSessions.QUERY_TIMEOUT.toSeconds())
                    : "The enforcer could not answer: " + e.getCause().getMessage());
        }
        try {
            ProcessEntry[] entries = JSON.readValue(answer, ProcessEntry[].class);
            return Arrays.stream(entries == null ? new ProcessEntry[0] : entries)
                    .sorted(java.util.Comparator.comparingLong(ProcessEntry::startTimestamp)).toList();
        } catch (IOException | RuntimeException e) {
            throw new ApiException(500, ApiError.AGENT_ERROR, "The enforcer's answer cannot be read");
        }
    }

    /**
     * What runs: hosts of the enforcers seen since this controller started, every enforcer that joined (those not
     * connected now counted apart), containers, running ones, and pods (running containers of distinct pods; a
     * container outside any pod is its own).
     */
    public Counts counts() {
        List<RuntimeState.Agent> agents = List.copyOf(state.agents());
        Set<String> hosts = new HashSet<>();
        agents.stream().filter(a -> a.host() != null).forEach(a -> hosts.add(a.hostId()));
        int enforcers = enrollments.members(Role.ENFORCER).size();
        long connected = agents.stream().filter(RuntimeState.Agent::connected).count();
        int workloads = 0;
        int running = 0;
        Set<String> pods = new HashSet<>();
        for (RuntimeState.Running r : state.workloads()) {
            workloads++;
            if (r.workload().running()) {
                running++;
                pods.add(r.pod());
            }
        }
        return new Counts(hosts.size(), enforcers, (int) Math.max(0, enforcers - connected), workloads, running,
                pods.size());
    }
}
