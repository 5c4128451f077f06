package dev.bulwark.controller.auth;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Who may give, change and take away access, in one place, as NeuVector rules it: nobody grants a role or a
 * permission they do not hold themselves (for a namespace: hold there); only an administrator touches an
 * administrator (its role, its password, its deletion, an admin API key); nobody changes their own role, or a role
 * they hold; and whoever administers accounts only in some namespaces acts only on accounts and keys of those
 * namespaces, never on global ones. Every refusal is a 403.
 */
public final class Grants {

    private final Function<String, Role> roles;

    /** @param roles a role by name, the role with no permission for an unknown or empty name */
    public Grants(Function<String, Role> roles) {
        this.roles = roles;
    }

    /** The caller may give this global role and these namespace roles. */
    public void mayGrant(Principal caller, String role, Map<String, List<String>> domainRoles) {
        Role global = roles.apply(role);
        if (global.name().equals(Role.ADMIN) && !caller.admin() || !holds(caller, global, "")) {
            throw refused("cannot grant the role '%s': the caller does not hold it".formatted(role));
        }
        domainRoles.forEach((name, domains) -> {
            Role r = roles.apply(name);
            for (String domain : domains) {
                if (!holds(caller, r.inNamespace(), domain)) {
                    throw refused("cannot grant the role '%s' in namespace '%s'".formatted(name, domain));
                }
            }
        });
    }

    /**
     * The caller may change or remove an account (a user or an API key) that has this global role and these
     * namespace roles.
     */
    public void mayChange(Principal caller, String role, Map<String, List<String>> domainRoles) {
        if (Role.ADMIN.equals(role) && !caller.admin()) {
            throw refused("only an administrator changes an administrator");
        }
        if (!reaches(caller, role, domainRoles, true)) {
            throw refused("the account reaches beyond the caller's namespaces");
        }
    }

    /** The caller may see an account with these roles: all of it lies within what the caller administers. */
    public boolean maySee(Principal caller, String role, Map<String, List<String>> domainRoles) {
        return reaches(caller, role, domainRoles, false);
    }

    /**
     * Whether the caller administers accounts globally, or the account has no global role and all its namespaces
     * are ones the caller administers.
     */
    private static boolean reaches(Principal caller, String role, Map<String, List<String>> domainRoles,
            boolean write) {
        if (caller.global(Permissions.AUTHORIZATION, write)) {
            return true;
        }
        boolean global = role != null && !role.isEmpty() && !role.equals(Role.NONE);
        List<String> domains = domainRoles.values().stream().flatMap(List::stream).toList();
        return !global && !domains.isEmpty() && domains.stream()
                .allMatch(d -> caller.on(Permissions.AUTHORIZATION, write, d));
    }

    /** The caller may change a user's roles: never their own. */
    public void mayChangeRolesOf(Principal caller, String user) {
        if (caller.name().equals(user)) {
            throw refused("nobody changes their own role");
        }
    }

    /** The caller may define (create or change) a custom role with these permissions: all held, not their own. */
    public void mayDefine(Principal caller, String name, List<Role.Permission> permissions) {
        if (caller.globalRole().name().equals(name) || caller.domainRoles().values().stream()
                .anyMatch(r -> r.name().equals(name))) {
            throw refused("nobody changes a role they hold");
        }
        if (!holds(caller, new Role(name, "", false, permissions), "")) {
            throw refused("a role cannot grant permissions its author does not hold");
        }
    }

    /** Whether the caller holds every grant of the role, globally or (for a namespace) there. */
    private static boolean holds(Principal caller, Role role, String domain) {
        return role.permissions().stream().allMatch(p -> (!p.read() || caller.on(p.id(), false, domain))
                && (!p.write() || caller.on(p.id(), true, domain)));
    }

    private static ApiException refused(String why) {
        return new ApiException(403, ApiError.OBJECT_ACCESS_DENIED, "Object access denied: " + why);
    }
}
