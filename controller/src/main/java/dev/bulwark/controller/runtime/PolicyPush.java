package dev.bulwark.controller.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.network.NetworkPolicies;
import dev.bulwark.controller.policy.FileProfile;
import dev.bulwark.controller.policy.FileRules;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.ProcessProfile;
import dev.bulwark.controller.policy.ProcessProfiles;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.model.NodePolicy;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends each connected enforcer the policy of the groups it runs containers of (and of {@code nodes}): their
 * modes, baselines, process rules and file rules; and the network policy of each of its running containers
 * ({@link NetworkPolicies}). One thread recomputes whenever a group, rule, profile, file rule or quarantine
 * changes in the store, an enforcer connects, or an enforcer's containers or node change, and sends only to
 * enforcers whose policy differs from what they were last sent; each push has a new, higher version, which the
 * enforcer acknowledges once it is in force.
 */
public final class PolicyPush implements AutoCloseable {

    private static final ObjectMapper JSON = Json.compactSnakeCase();
    private static final System.Logger LOG = System.getLogger(PolicyPush.class.getName());

    private final Policy policy;
    private final ProcessProfiles profiles;
    private final FileRules fileRules;
    private final NetworkPolicies network;
    private final RuntimeState state;
    private final AgentSessions sessions;
    private final Map<String, byte[]> sent = new ConcurrentHashMap<>();
    /** Versions grow across controller restarts: they start at the clock's milliseconds. */
    private final AtomicLong versions;
    private final Object signal = new Object();
    private boolean dirty;
    private final Thread worker;

    public PolicyPush(Policy policy, ProcessProfiles profiles, FileRules fileRules, NetworkPolicies network,
            RuntimeState state, AgentSessions sessions, InstantSource clock) {
        this.versions = new AtomicLong(clock.millis());
        this.policy = policy;
        this.profiles = profiles;
        this.fileRules = fileRules;
        this.network = network;
        this.state = state;
        this.sessions = sessions;
        worker = Thread.ofPlatform().daemon().name("controller-policy-push").start(this::run);
    }

    /** Something the pushed policy depends on changed. */
    public void changed() {
        synchronized (signal) {
            dirty = true;
            signal.notifyAll();
        }
    }

    /** An enforcer's session began: it is sent its policy whatever it was sent before. */
    public void connected(String agentId) {
        sent.remove(agentId);
        changed();
    }

    private void run() {
        try {
            while (true) {
                synchronized (signal) {
                    while (!dirty) {
                        signal.wait();
                    }
                    dirty = false;
                }
                try {
                    pushAll();
                } catch (RuntimeException e) {
                    // the next change tries again; one failed computation must not end every later push
                    LOG.log(System.Logger.Level.ERROR, "computing or sending the enforcers' policy failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pushAll() {
        Map<String, Set<String>> groupsByAgent = state.groupsByAgent();
        Map<String, Optional<NodePolicy.Group>> groups = new HashMap<>();
        Map<String, List<NodePolicy.Network>> networks = network.byAgent();
        for (RuntimeState.Agent agent : state.agents()) {
            if (!agent.connected()) {
                continue;
            }
            List<NodePolicy.Group> policyGroups = groupsByAgent.getOrDefault(agent.id(), Set.of("nodes")).stream()
                    .map(name -> groups.computeIfAbsent(name, this::groupPolicy)).flatMap(Optional::stream).toList();
            byte[] json;
            try {
                json = JSON.writeValueAsBytes(new NodePolicy(policyGroups, networks.getOrDefault(agent.id(),
                        List.of())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (!Arrays.equals(json, sent.get(agent.id()))) {
                long version = versions.incrementAndGet();
                if (sessions.pushPolicy(agent.id(), version, json)) {
                    sent.put(agent.id(), json);
                    state.policySent(agent.id(), version);
                }
            }
        }
    }

    /**
     * A group's policy for its enforcers; none for a group without a mode or not stored (yet). The mode an enforcer
     * applies to processes and files is the group's profile mode; its policy mode is NeuVector's network mode.
     */
    private Optional<NodePolicy.Group> groupPolicy(String name) {
        return policy.group(name).filter(g -> !g.profileMode().isEmpty()).map(this::of);
    }

    private NodePolicy.Group of(Group g) {
        ProcessProfile p = profiles.profile(g);
        List<NodePolicy.ProcessRule> process = p.processList().stream().map(e -> new NodePolicy.ProcessRule(
                e.name(), e.path().isEmpty() ? "*" : e.path(), e.user(), e.action(), e.cfgType())).toList();
        FileProfile f = fileRules.profile(g.name());
        List<NodePolicy.FileRule> file = f.filters().stream().filter(x -> !x.cfgType().equals("system_defined"))
                .map(x -> new NodePolicy.FileRule(x.filter(), x.recursive(), x.behavior(), x.applications()))
                .toList();
        return new NodePolicy.Group(g.name(), g.profileMode(), p.baseline(), process, file);
    }

    /** The version last pushed to an enforcer, 0 for none. */
    public long pushed(String agentId) {
        return state.agent(agentId).map(RuntimeState.Agent::policyVersion).orElse(0L);
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
