package dev.bulwark.controller.network;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The groups rules may name an endpoint by, from the current {@link GroupMembership}: a
 * container's groups, a node's address groups and {@code nodes}, an outside address's address groups (by its IP
 * and the name a DNS answer gave it) and {@code external}; an unknown private address has only the address groups
 * that hold it.
 */
final class EndpointsGroups {

    private final GroupMemberships memberships;

    EndpointsGroups(GroupMemberships memberships) {
        this.memberships = memberships;
    }

    /** The groups of an endpoint seen at {@code ip} (canonical) under the name {@code fqdn} (may be empty). */
    Set<String> of(Endpoints.Endpoint e, String ip, String fqdn) {
        GroupMembership m = memberships.current();
        return new LinkedHashSet<>(switch (e.kind()) {
            case CONTAINER -> m.groupsOf(e.workload().orElseThrow().workload(), e.workload().get().hostName());
            case NODE -> m.peerGroupsOf(ip, "", true);
            case EXTERNAL -> m.peerGroupsOf(ip, fqdn, false);
            case WORKLOAD_IP -> m.addressGroupsOf(ip);
        });
    }
}
