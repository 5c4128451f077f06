package dev.bulwark.controller.auth;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Who is calling and what they may do: a role over everything (possibly none) and roles per namespace. A
 * namespace role grants only the permissions that make sense within a namespace ({@link
 * Permissions#DOMAIN_CAPABLE}).
 *
 * @param session the hashed session id, empty for an API key
 */
public record Principal(String name, String session, Role globalRole, Map<String, Role> domainRoles) {

    public Principal {
        requireNonNull(name, "name");
        requireNonNull(session, "session");
        requireNonNull(globalRole, "globalRole");
        domainRoles = Map.copyOf(domainRoles);
    }

    /** Whether the permission is granted everywhere. */
    public boolean global(String permission, boolean write) {
        return globalRole.allows(permission, write);
    }

    /** Whether the permission is granted for an object of this namespace ({@code ""} for a global object). */
    public boolean on(String permission, boolean write, String domain) {
        if (global(permission, write)) {
            return true;
        }
        Role r = domain.isEmpty() ? null : domainRoles.get(domain);
        return r != null && Permissions.DOMAIN_CAPABLE.contains(permission) && r.allows(permission, write);
    }

    /** Whether the caller holds the reserved {@code admin} role globally: some grants only an administrator gives. */
    public boolean admin() {
        return globalRole.name().equals(Role.ADMIN);
    }

    /** Whether the permission is granted anywhere: enough to call a list endpoint, which then filters. */
    public boolean anywhere(String permission, boolean write) {
        return global(permission, write) || Permissions.DOMAIN_CAPABLE.contains(permission)
                && domainRoles.values().stream().anyMatch(r -> r.allows(permission, write));
    }
}
