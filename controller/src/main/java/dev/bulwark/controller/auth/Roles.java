package dev.bulwark.controller.auth;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Records;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Custom roles from NeuVector's permission ids, beside the reserved built-in ones. A caller defines only roles
 * whose permissions it holds ({@link Grants}); a role given to a user or an API key cannot be deleted.
 */
public final class Roles {

    private final Accounts accounts;
    private final Records records;

    public Roles(Accounts accounts, Records records) {
        this.accounts = accounts;
        this.records = records;
    }

    /** The built-in roles, then the custom ones. */
    public List<Role> list() {
        List<Role> roles = new ArrayList<>(Role.BUILT_IN);
        roles.addAll(records.list(Role.KIND));
        return roles;
    }

    public Role get(String name) {
        return Role.BUILT_IN.stream().filter(r -> r.name().equals(name)).findFirst()
                .or(() -> records.find(Role.KIND, name))
                .orElseThrow(() -> ApiException.notFound("Role"));
    }

    /** Adds a role (409 when the name is taken) or replaces a custom one. */
    public void save(Principal caller, Requests.RoleConfig c, boolean create) {
        if (c.name() == null || !Accounts.NAME.matcher(c.name()).matches()) {
            throw ApiException.invalidName("Role name must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        if (Role.BUILT_IN.stream().anyMatch(r -> r.name().equals(c.name()))) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Reserved roles cannot be changed");
        }
        List<Role.Permission> permissions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Views.PermissionView p : c.permissions() == null ? List.<Views.PermissionView>of() : c.permissions()) {
            if (p == null || !Permissions.ALL.contains(p.id()) || !seen.add(p.id())) {
                throw ApiException.badRequest("Unknown or repeated permission '%s'".formatted(p == null ? null
                        : p.id()));
            }
            permissions.add(new Role.Permission(p.id(), p.read() || p.write(), p.write()));
        }
        if (permissions.isEmpty()) {
            throw ApiException.badRequest("A role needs at least one permission");
        }
        accounts.grants().mayDefine(caller, c.name(), permissions);
        Role role = new Role(c.name(), c.comment(), false, permissions);
        if (create) {
            records.create(Role.KIND, c.name(), role);
        } else {
            records.update(Role.KIND, c.name(), current -> role);
        }
    }

    /** Deletes a custom role that no user or API key has. */
    public void delete(String name) {
        Role role = get(name);
        if (role.reserved()) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Reserved roles cannot be deleted");
        }
        boolean used = records.list(StoredUser.KIND).stream().anyMatch(u ->
                u.role().equals(name) || u.roleDomains().containsKey(name))
                || records.list(StoredApiKey.KIND).stream().anyMatch(k ->
                k.role().equals(name) || k.roleDomains().containsKey(name));
        if (used) {
            throw new ApiException(409, ApiError.OBJECT_IN_USE, "The role is given to users or API keys");
        }
        records.delete(Role.KIND, name);
    }
}
