package dev.bulwark.controller.auth;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A user as the store keeps it. Never serialized to a client: the API shows {@code RESTUser} built from it.
 *
 * @param roleDomains namespace roles: role name to the namespaces it is granted on
 * @param passwordHistory earlier password hashes, newest first, for the profile's history rule
 * @param passwordChanged epoch seconds of the last password change
 * @param blockedUntil epoch millis until which logins are refused after too many failures, 0 when not blocked
 * @param defaultPassword the password was set by someone else (bootstrap, an administrator) and the user has not
 *     chosen one since; a store written before this field reads as false
 */
public record StoredUser(String fullname, String email, String role, Map<String, List<String>> roleDomains,
        int timeout, String locale, String passwordHash, List<String> passwordHistory, long passwordChanged,
        int failedLogins, long blockedUntil, long lastLogin, int loginCount, boolean modifyPassword,
        boolean defaultPassword) {

    public static final Kind<StoredUser> KIND = Kind.of("user", StoredUser.class, "User", Section.USER);

    public StoredUser {
        requireNonNull(fullname, "fullname");
        email = email == null ? "" : email;
        role = role == null ? "" : role;
        roleDomains = roleDomains == null ? Map.of() : Map.copyOf(roleDomains);
        locale = locale == null || locale.isEmpty() ? "en" : locale;
        requireNonNull(passwordHash, "passwordHash");
        passwordHistory = passwordHistory == null ? List.of() : List.copyOf(passwordHistory);
    }

    public StoredUser withLogin(boolean success, long nowMillis, long blockUntil) {
        return success
                ? new StoredUser(fullname, email, role, roleDomains, timeout, locale, passwordHash, passwordHistory,
                        passwordChanged, 0, 0, nowMillis / 1000, loginCount + 1, modifyPassword,
                        defaultPassword)
                : new StoredUser(fullname, email, role, roleDomains, timeout, locale, passwordHash, passwordHistory,
                        passwordChanged, failedLogins + 1, blockUntil, lastLogin, loginCount, modifyPassword,
                        defaultPassword);
    }

    /** The user with a new password; {@code setByOther} when someone else chose it for them. */
    public StoredUser withPassword(String hash, int keep, long nowSeconds, boolean mustChange, boolean setByOther) {
        List<String> history = new java.util.ArrayList<>();
        history.add(passwordHash);
        history.addAll(passwordHistory);
        return new StoredUser(fullname, email, role, roleDomains, timeout, locale, hash,
                history.subList(0, Math.min(keep, history.size())), nowSeconds, 0, 0, lastLogin, loginCount,
                mustChange, setByOther);
    }

    public StoredUser withSettings(String newEmail, String newRole, Map<String, List<String>> newRoleDomains,
            int newTimeout, String newLocale) {
        return new StoredUser(fullname, newEmail, newRole, newRoleDomains, newTimeout, newLocale, passwordHash,
                passwordHistory, passwordChanged, failedLogins, blockedUntil, lastLogin, loginCount, modifyPassword,
                defaultPassword);
    }

    /** Whether a login block was set and has run out at {@code nowMillis}. */
    public boolean blockEnded(long nowMillis) {
        return blockedUntil > 0 && blockedUntil <= nowMillis;
    }

    public StoredUser unblocked() {
        return new StoredUser(fullname, email, role, roleDomains, timeout, locale, passwordHash, passwordHistory,
                passwordChanged, 0, 0, lastLogin, loginCount, modifyPassword, defaultPassword);
    }
}
