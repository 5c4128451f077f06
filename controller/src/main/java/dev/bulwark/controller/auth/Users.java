package dev.bulwark.controller.auth;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Versioned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Users, their settings, roles and passwords. Every change goes through {@link Grants} (nobody grants what they do
 * not hold, only an admin touches an admin, nobody changes their own roles), is a compare-and-swap on the user's
 * record, and ends the user's sessions when it changes their password or roles.
 */
public final class Users {

    private final Accounts accounts;
    private final Records records;

    public Users(Accounts accounts, Records records) {
        this.accounts = accounts;
        this.records = records;
    }

    public List<StoredUser> list() {
        return records.list(StoredUser.KIND);
    }

    public StoredUser get(String name) {
        return records.get(StoredUser.KIND, name);
    }

    /** The built-in roles, then the custom ones. */
    public List<String> roleNames() {
        List<String> names = new ArrayList<>(Role.BUILT_IN.stream().map(Role::name).toList());
        records.list(Role.KIND).forEach(r -> names.add(r.name()));
        return names;
    }

    public void create(Principal caller, Requests.NewUser c) {
        if (c.fullname() == null || !Accounts.NAME.matcher(c.fullname()).matches()) {
            throw ApiException.invalidName("User name must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        if (c.password() == null) {
            throw ApiException.badRequest("'password' is required");
        }
        Map<String, List<String>> domains = or(c.roleDomains(), Map.of());
        accounts.checkRoles(c.role(), domains);
        accounts.grants().mayGrant(caller, c.role(), domains);
        PasswordProfile profile = accounts.profile();
        profile.checkComplexity(c.password());
        StoredUser user = new StoredUser(c.fullname(), c.email(), c.role(), domains, timeout(c.timeout(), profile),
                c.locale(), PasswordHasher.hash(c.password()), List.of(), accounts.clock().millis() / 1000, 0, 0, 0, 0,
                false, true);
        records.create(StoredUser.KIND, c.fullname(), user);
    }

    /**
     * Whether the caller is this user, logged in: an API key of the same name is not (it has no session), since keys
     * and users are named apart.
     */
    public static boolean isSelf(Principal caller, String name) {
        return !caller.session().isEmpty() && caller.name().equals(name);
    }

    /**
     * Changes a user's settings and roles; a new password needs the current one. A user changes its own settings
     * without any permission, never its own roles.
     */
    public void update(Principal caller, String name, Requests.UserConfig c) {
        Versioned<StoredUser> loaded = records.load(StoredUser.KIND, name);
        StoredUser u = loaded.value();
        Map<String, List<String>> domains = or(c.roleDomains(), u.roleDomains());
        String role = or(c.role(), u.role());
        accounts.checkRoles(role, domains);
        if (!isSelf(caller, name)) {
            accounts.grants().mayChange(caller, u.role(), u.roleDomains());
        }
        boolean rolesChanged = !role.equals(u.role()) || !domains.equals(u.roleDomains());
        if (rolesChanged) {
            accounts.grants().mayChangeRolesOf(caller, u.fullname());
            accounts.grants().mayGrant(caller, role, domains);
        }
        if (u.fullname().equals(Role.ADMIN) && !role.equals(Role.ADMIN)) {
            throw ApiException.badRequest("The admin user keeps the admin role");
        }
        StoredUser updated = u.withSettings(or(c.email(), u.email()), role, domains,
                c.timeout() == null ? u.timeout() : timeout(c.timeout(), accounts.profile()),
                or(c.locale(), u.locale()));
        if (c.newPassword() != null) {
            if (c.password() == null || !PasswordHasher.verify(c.password(), u.passwordHash())) {
                throw new ApiException(403, ApiError.OP_NOT_ALLOWED,
                        "The current password is needed, and must match, to set a new one");
            }
            updated = accounts.changedPassword(updated, c.newPassword(), false, false);
        }
        records.replace(StoredUser.KIND, name, loaded, updated);
        if (c.newPassword() != null || rolesChanged) {
            accounts.sessions().endAll(u.fullname());
        }
    }

    /** Sets the namespaces in which a user has one role ({@code null}: none), leaving the other roles as they are. */
    public void setRoleDomains(Principal caller, String name, String role, List<String> roleDomains) {
        Versioned<StoredUser> loaded = records.load(StoredUser.KIND, name);
        StoredUser u = loaded.value();
        Map<String, List<String>> domains = new HashMap<>(u.roleDomains());
        if (roleDomains == null) {
            domains.remove(role);
        } else {
            domains.put(role, List.copyOf(roleDomains));
        }
        accounts.checkRoles(u.role(), domains);
        accounts.grants().mayChange(caller, u.role(), u.roleDomains());
        accounts.grants().mayChangeRolesOf(caller, u.fullname());
        accounts.grants().mayGrant(caller, "", Map.of(role, roleDomains == null ? List.of() : roleDomains));
        records.replace(StoredUser.KIND, name, loaded, u.withSettings(u.email(), u.role(), domains, u.timeout(),
                u.locale()));
        if (!domains.equals(u.roleDomains())) {
            accounts.sessions().endAll(u.fullname());
        }
    }

    /** An administrator's reset: unblocks the user and, or, sets a new password, which ends the user's sessions. */
    public void reset(Principal caller, String name, Requests.UserPwdConfig c, String clientIp) {
        Versioned<StoredUser> loaded = records.load(StoredUser.KIND, name);
        StoredUser u = loaded.value();
        accounts.grants().mayChange(caller, u.role(), u.roleDomains());
        if (Boolean.TRUE.equals(c.clearFailedLogin())) {
            if (u.blockedUntil() > accounts.clock().millis()) {
                accounts.event("User.Login.Unblocked", "Info", caller.name(), clientIp, "unblocked user " + name);
            }
            u = u.unblocked();
        }
        if (c.newPassword() != null) {
            u = accounts.changedPassword(u, c.newPassword(), Boolean.TRUE.equals(c.resetPasswordInNextLogin())
                    || Boolean.TRUE.equals(c.forceResetPassword()), !caller.name().equals(name));
        }
        records.replace(StoredUser.KIND, name, loaded, u);
        if (c.newPassword() != null) {
            accounts.sessions().endAll(name);
            accounts.event("User.Password.Reset", "Info", caller.name(), clientIp, "reset the password of " + name);
        }
    }

    /** Deletes a user, but neither {@code admin} nor the caller, and ends its sessions. */
    public void delete(Principal caller, String name) {
        Versioned<StoredUser> loaded = records.load(StoredUser.KIND, name);
        accounts.grants().mayChange(caller, loaded.value().role(), loaded.value().roleDomains());
        if (name.equals(Role.ADMIN) || name.equals(caller.name())) {
            throw ApiException.badRequest("The admin user and the caller cannot be deleted");
        }
        records.delete(StoredUser.KIND, name, loaded);
        accounts.sessions().endAll(name);
    }

    private static int timeout(Integer requested, PasswordProfile profile) {
        if (requested == null || requested == 0) {
            return profile.sessionTimeout();
        }
        if (requested < 30 || requested > 3600) {
            throw ApiException.badRequest("timeout must be 30 to 3600 seconds");
        }
        return requested;
    }
}
