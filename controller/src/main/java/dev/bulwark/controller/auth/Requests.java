package dev.bulwark.controller.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The request bodies of NeuVector's API for accounts (unknown fields are skipped, known ones checked: see Bodies). */
public final class Requests {

    private Requests() {}

    /** {@code RESTAuthData}; SSO {@code Token} logins are refused. */
    public record AuthData(String clientIp, AuthPassword password, @JsonProperty("Token") JsonNode token) {}

    /** {@code RESTAuthPassword}. */
    public record AuthPassword(String username, String password, String newPassword) {}

    /** {@code RESTUserConfig}. */
    public record UserConfig(String fullname, String password, String newPassword, String pwdProfile, String email,
            String role, Integer timeout, String locale, Map<String, List<String>> roleDomains) {}

    public record UserConfigData(UserConfig config) {}

    /** {@code RESTUserRoleDomainsConfig}: the namespaces a user has one role in; null domains take the role away. */
    public record UserRoleDomainsConfig(String fullname, String role, List<String> domains) {}

    public record UserRoleDomainsConfigData(UserRoleDomainsConfig config) {}

    /** {@code RESTUser} as {@code POST /v1/user} takes it; the read-only fields are accepted and ignored. */
    public record NewUser(String fullname, String server, String username, String password, String email,
            String role, JsonNode extraPermissions, Integer timeout, String locale, Boolean defaultPassword,
            Boolean modifyPassword, Map<String, List<String>> roleDomains, JsonNode extraPermissionsDomains,
            JsonNode remoteRolePermissions, Long lastLoginTimestamp, String lastLoginAt, Integer loginCount,
            Boolean blockedForFailedLogin, Boolean blockedForPasswordExpired, Boolean passwordResettable) {}

    /** {@code RESTUserData}. */
    public record NewUserData(NewUser user) {}

    /** {@code RESTUserPwdConfig}. */
    public record UserPwdConfig(String fullname, Boolean clearFailedLogin, String newPassword,
            Boolean forceResetPassword, Boolean resetPasswordInNextLogin) {}

    public record UserPwdConfigData(UserPwdConfig config) {}

    /** {@code RESTUserRoleConfig}. */
    public record RoleConfig(String name, String comment, List<Views.PermissionView> permissions) {}

    public record RoleConfigData(RoleConfig config) {}

    /** {@code RESTApikeyCreation}. */
    public record ApiKeyCreation(String expirationType, Integer expirationHours, String apikeyName,
            String description, String role, Map<String, List<String>> roleDomains) {}

    public record ApiKeyCreationData(ApiKeyCreation apikey) {}

    /** {@code RESTPwdProfileConfig}: absent fields keep their values. */
    public record ProfileConfig(String name, Boolean active, String comment, Integer minLen, Integer minUppercaseCount,
            Integer minLowercaseCount, Integer minDigitCount, Integer minSpecialCount,
            Boolean enablePasswordExpiration, Integer passwordExpireAfterDays, Boolean enablePasswordHistory,
            Integer passwordKeepHistoryCount, Boolean enableBlockAfterFailedLogin, Integer blockAfterFailedLoginCount,
            Integer blockMinutes, Integer sessionTimeout) {}

    public record ProfileConfigData(ProfileConfig config) {}
}
