package dev.bulwark.controller.auth;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;
import java.util.List;
import java.util.Map;

/**
 * An API key as stored: the SHA-256 of its secret (the secret is 32 random bytes, shown once at creation), its
 * role and namespace roles, and its expiry (0 for never).
 */
public record StoredApiKey(String apikeyName, String description, String secretSha256, String role,
        Map<String, List<String>> roleDomains, String expirationType, int expirationHours, long expirationTimestamp,
        long createdTimestamp, String createdByEntity) {

    public static final Kind<StoredApiKey> KIND = Kind.of("apikey", StoredApiKey.class, "API key", Section.USER);

    public StoredApiKey {
        description = description == null ? "" : description;
        roleDomains = roleDomains == null ? Map.of() : Map.copyOf(roleDomains);
    }
}
