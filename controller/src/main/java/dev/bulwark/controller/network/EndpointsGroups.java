package dev.bulwark.controller.network;

import dev.bulwark.controller.policy.Policy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The groups rules may name an endpoint by, from {@link GroupMembership} compiled once per policy version: a
 * container's groups, a node's address groups and {@code nodes}, an outside address's address groups (by its IP
 * and the name a DNS answer gave it) and {@code external}; an unknown private address has only the address groups
 * that hold it.
 */
final class EndpointsGroups {

    private record Compiled(long version, GroupMembership membership) {}

    private final Policy policy;
    private volatile Compiled compiled = new Compiled(-1, null);

    EndpointsGroups(Policy policy) {
        this.policy = policy;
    }

    /** The groups of an endpoint seen at {@code ip} (canonical) under the name {@code fqdn} (may be empty). */
    Set<String> of(Endpoints.Endpoint e, String ip, String fqdn) {
        GroupMembership m = membership();
        return new LinkedHashSet<>(switch (e.kind()) {
            case CONTAINER -> m.groupsOf(e.workload().orElseThrow().workload(), e.workload().get().hostName());
            case NODE -> m.peerGroupsOf(ip, "", true);
            case EXTERNAL -> m.peerGroupsOf(ip, fqdn, false);
            case WORKLOAD_IP -> m.addressGroupsOf(ip);
        });
    }

    private GroupMembership membership() {
        long version = policy.version();
        Compiled current = compiled;
        if (current.version() != version) {
            current = new Compiled(version, GroupMembership.of(policy.groups()));
            compiled = current;
        }
        return current.membership();
    }
}
