package dev.bulwark.controller.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The response shapes of NeuVector's API for accounts ({@code RESTUser}, {@code RESTToken}, ...). */
public final class Views {

    private Views() {}

    /** {@code RESTUser}. */
    public record User(String fullname, String server, String username, String email, String role, int timeout,
            String locale, boolean defaultPassword, boolean modifyPassword, Map<String, List<String>> roleDomains,
            long lastLoginTimestamp, String lastLoginAt, int loginCount, boolean blockedForFailedLogin,
            boolean blockedForPasswordExpired, boolean passwordResettable) {

        /** @param now the time, in milliseconds since the epoch, blocks and expiry are judged at */
        static User of(StoredUser u, PasswordProfile profile, boolean resettable, long now) {
            boolean expired = profile.enablePasswordExpiration()
                    && now / 1000 - u.passwordChanged() > profile.passwordExpireAfterDays() * 86_400L;
            return new User(u.fullname(), "", u.fullname(), u.email(), u.role(), u.timeout(), u.locale(),
                    u.defaultPassword(), u.modifyPassword(), u.roleDomains(), u.lastLogin(),
                    u.lastLogin() == 0 ? "" : Instant.ofEpochSecond(u.lastLogin()).toString(), u.loginCount(),
                    u.blockedUntil() > now, expired, resettable);
        }
    }

    /** {@code RESTUserData}. */
    public record UserData(User user) {}

    /** {@code RESTUsersData}. */
    public record UsersData(List<User> users, List<String> globalRoles, List<String> domainRoles) {}

    /** {@code RESTRolePermission}. */
    public record PermissionView(String id, boolean read, boolean write) {}

    /** {@code RESTToken}. */
    public record Token(String token, String fullname, String server, String username, String password, String email,
            String role, int timeout, String locale, boolean defaultPassword, boolean modifyPassword,
            Map<String, List<String>> roleDomains, List<PermissionView> globalPermissions,
            List<PermissionView> domainPermissions, long lastLoginTimestamp, String lastLoginAt, int loginCount) {}

    /** {@code RESTTokenData}. */
    public record TokenData(Token token, int passwordDaysUntilExpire, int passwordHoursUntilExpire,
            boolean needToResetPassword) {}

    /** {@code RESTUserRole}. */
    public record RoleView(String name, String comment, boolean reserved, List<PermissionView> permissions) {
        static RoleView of(Role r) {
            return new RoleView(r.name(), r.comment(), r.reserved(), r.permissions().stream()
                    .map(p -> new PermissionView(p.id(), p.read(), p.write())).toList());
        }
    }

    public record RoleData(RoleView role) {}

    public record RolesData(List<RoleView> roles) {}

    /** {@code RESTApikey}, never with its secret. */
    public record ApiKey(String expirationType, int expirationHours, String apikeyName, String description,
            String role, Map<String, List<String>> roleDomains, long expirationTimestamp, long createdTimestamp,
            String createdByEntity) {
        static ApiKey of(StoredApiKey k) {
            return new ApiKey(k.expirationType(), k.expirationHours(), k.apikeyName(), k.description(), k.role(),
                    k.roleDomains(), k.expirationTimestamp(), k.createdTimestamp(), k.createdByEntity());
        }
    }

    public record ApiKeyData(ApiKey apikey) {}

    public record ApiKeysData(List<ApiKey> apikeys, List<String> globalRoles, List<String> domainRoles) {}

    /** {@code RESTApikeyGenerated}: the only time the secret is shown. */
    public record ApiKeyGenerated(String apikeyName, String apikeySecret) {}

    public record ApiKeyGeneratedData(ApiKeyGenerated apikey) {}

    /** {@code RESTPwdProfile}: the spec types {@code enable_password_history} as an integer (0 or 1). */
    public record Profile(String name, String comment, int minLen, int minUppercaseCount, int minLowercaseCount,
            int minDigitCount, int minSpecialCount, boolean enablePasswordExpiration, int passwordExpireAfterDays,
            int enablePasswordHistory, int passwordKeepHistoryCount, boolean enableBlockAfterFailedLogin,
            int blockAfterFailedLoginCount, int blockMinutes, int sessionTimeout) {
        static Profile of(PasswordProfile p) {
            return new Profile(p.name(), p.comment(), p.minLen(), p.minUppercaseCount(), p.minLowercaseCount(),
                    p.minDigitCount(), p.minSpecialCount(), p.enablePasswordExpiration(), p.passwordExpireAfterDays(),
                    p.enablePasswordHistory() ? 1 : 0, p.passwordKeepHistoryCount(), p.enableBlockAfterFailedLogin(),
                    p.blockAfterFailedLoginCount(), p.blockMinutes(), p.sessionTimeout());
        }
    }

    public record ProfileData(Profile pwdProfile) {}

    public record ProfilesData(List<Profile> pwdProfiles, String activeProfileName) {}
}
