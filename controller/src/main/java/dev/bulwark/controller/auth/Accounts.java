package dev.bulwark.controller.auth;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Versioned;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users, roles, API keys and the password profile, and how a caller becomes a {@link Principal}: by login
 * (with lockout after repeated failures, password expiry and forced change) or by API key. Writes use
 * compare-and-swap on the stored records, so concurrent changes never overwrite each other silently.
 */
public final class Accounts {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@\\-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Records records;
    private final Sessions sessions;
    private final EventLog events;
    private final LoginThrottle throttle = new LoginThrottle();
    private final InstantSource clock;

    /** @param clock the time logins, lockouts, password and key expiry go by */
    public Accounts(Records records, Sessions sessions, EventLog events, InstantSource clock) {
        this.records = records;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
        sessions.onTimeout(s -> event("User.Timeout", "Info", s.fullname(), "",
                "session ended after %d s idle".formatted(s.timeout())));
    }

    /**
     * Creates the {@code admin} user on a store that has none, with the given password or a generated one.
     *
     * @return the password to show once, or empty when admin already existed
     */
    public Optional<String> bootstrapAdmin(Optional<String> password) {
        if (records.find(StoredUser.KIND, Role.ADMIN).isPresent()) {
            return Optional.empty();
        }
        String chosen = password.orElseGet(() -> {
            byte[] raw = new byte[18];
            RANDOM.nextBytes(raw);
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "1aA";
        });
        profile().checkComplexity(chosen);
        StoredUser admin = new StoredUser(Role.ADMIN, "", Role.ADMIN, Map.of(), profile().sessionTimeout(), "en",
                PasswordHasher.hash(chosen), List.of(), clock.millis() / 1000, 0, 0, 0, 0, false, true);
        records.seed(StoredUser.KIND, Role.ADMIN, admin);
        return password.isPresent() ? Optional.empty() : Optional.of(chosen);
    }

    public PasswordProfile profile() {
        return records.find(PasswordProfile.KIND, PasswordProfile.DEFAULT).orElse(PasswordProfile.defaults());
    }

    public void setProfile(PasswordProfile profile) {
        profile.validate();
        records.put(PasswordProfile.KIND, profile.name(), profile);
    }

    /** The outcome of a login: the session token and the user as logged in. */
    public record Login(String token, String sessionId, StoredUser user, PasswordProfile profile) {}

    public Login login(String username, String password, String newPassword, String clientIp) {
        return login(username, password, newPassword, clientIp, null);
    }

    /**
     * A login from {@code clientIp}, which forwards it for {@code forwardedFor} when it is a proxy such as the
     * manager (see {@link LoginThrottle} for how far that is believed).
     */
    public Login login(String username, String password, String newPassword, String clientIp, String forwardedFor) {
        if (username == null || password == null) {
            throw ApiException.unauthorized("Authentication failed");
        }
        long now = clock.millis();
        String address = clientIp == null ? "" : clientIp;
        if (!throttle.allowed(address, forwardedFor, now)) {
            throw new ApiException(429, ApiError.OP_NOT_ALLOWED,
                    "Too many failed logins from this address; retry in a minute");
        }
        PasswordProfile profile = profile();
        Optional<Versioned<StoredUser>> stored = records.read(StoredUser.KIND, username);
        if (stored.isEmpty()) {
            throttle.failed(address, forwardedFor, now);
            PasswordHasher.verify(password, DUMMY_HASH);
            event("User.Login.Failed", "Warning", username, clientIp, "unknown user");
            throw ApiException.unauthorized("Authentication failed");
        }
        StoredUser user = stored.get().value();
        if (user.blockEnded(now)) {
            user = user.unblocked();
            event("User.Login.Unblocked", "Info", username, clientIp, "the login block ended");
        }
        if (user.blockedUntil() > now) {
            // the block is told only to whoever knows the password: to a guesser a blocked user and an unknown
            // one answer alike, after the same hashing work
            if (!PasswordHasher.verify(password, user.passwordHash())) {
                throttle.failed(address, forwardedFor, now);
                event("User.Login.Failed", "Warning", username, clientIp, "wrong password while blocked");
                throw ApiException.unauthorized("Authentication failed");
            }
            throw new ApiException(401, ApiError.USER_LOGIN_BLOCKED,
                    "Temporarily blocked because of too many login failures");
        }
        if (!PasswordHasher.verify(password, user.passwordHash())) {
            throttle.failed(address, forwardedFor, now);
            StoredUser failed = failedLogin(username, now, profile);
            boolean block = failed.blockedUntil() > now;
            event("User.Login.Failed", "Warning", username, clientIp, "wrong password");
            if (block) {
                event("User.Login.Blocked", "Warning", username, clientIp,
                        "blocked for %d minutes after %d failed logins".formatted(profile.blockMinutes(),
                                failed.failedLogins()));
            }
            throw ApiException.unauthorized("Authentication failed");
        }
        boolean expired = profile.enablePasswordExpiration()
                && now / 1000 - user.passwordChanged() > profile.passwordExpireAfterDays() * 86_400L;
        if ((expired || user.modifyPassword()) && (newPassword == null || newPassword.isEmpty())) {
            throw new ApiException(401, ApiError.PASSWORD_EXPIRED, expired ? "Password expired"
                    : "Password must be changed: log in again with new_password");
        }
        StoredUser loggedIn = user.withLogin(true, now, 0);
        if (newPassword != null && !newPassword.isEmpty()) {
            loggedIn = changedPassword(loggedIn, newPassword, false, false);
        }
        records.replace(StoredUser.KIND, username, stored.get(), loggedIn);
        String[] session = sessions.create(user.fullname(), user.timeout() > 0 ? user.timeout() : profile.sessionTimeout());
        event("User.Login", "Info", username, clientIp, "logged in");
        return new Login(session[0], session[1], loggedIn, profile);
    }

    private static final String DUMMY_HASH = PasswordHasher.hash("not a password of anyone's");

    /**
     * The user with a new password, after the profile's complexity and history checks.
     *
     * @param setByOther someone else (an administrator) chose it: the token says {@code default_password} until the
     *     user chooses one
     */
    public StoredUser changedPassword(StoredUser user, String newPassword, boolean mustChangeAgain,
            boolean setByOther) {
        PasswordProfile profile = profile();
        profile.checkComplexity(newPassword);
        if (PasswordHasher.verify(newPassword, user.passwordHash())) {
            throw new ApiException(400, ApiError.WEAK_PASSWORD, "The new password is the current one");
        }
        if (profile.enablePasswordHistory()) {
            for (String old : user.passwordHistory().subList(0, Math.min(profile.passwordKeepHistoryCount(),
                    user.passwordHistory().size()))) {
                if (PasswordHasher.verify(newPassword, old)) {
                    throw new ApiException(400, ApiError.WEAK_PASSWORD, "The new password was used recently");
                }
            }
        }
        return user.withPassword(PasswordHasher.hash(newPassword), Math.max(profile.passwordKeepHistoryCount(), 0),
                clock.millis() / 1000, mustChangeAgain, setByOther);
    }

    /**
     * Counts a failed login on the user's latest record, retrying when another request changed it meanwhile: every
     * guess counts, however many arrive at once. Blocks the user when the profile says so.
     */
    private StoredUser failedLogin(String username, long now, PasswordProfile profile) {
        while (true) {
            Versioned<StoredUser> current = records.read(StoredUser.KIND, username)
                    .orElseThrow(() -> ApiException.unauthorized("Authentication failed"));
            StoredUser u = current.value().blockEnded(now) ? current.value().unblocked() : current.value();
            boolean block = profile.enableBlockAfterFailedLogin()
                    && u.failedLogins() + 1 >= profile.blockAfterFailedLoginCount();
            StoredUser failed = u.withLogin(false, now, block ? now + profile.blockMinutes() * 60_000L : 0);
            if (records.tryCommit(new Records.Change().require(StoredUser.KIND, username, current.revision())
                    .put(StoredUser.KIND, username, failed))) {
                return failed;
            }
        }
    }

    public Principal principalOf(StoredUser user, String session) {
        return new Principal(user.fullname(), session, role(user.role()), domainRoles(user.roleDomains()));
    }

    /** The principal of a session token, if it is live and its user still exists. */
    public Optional<Principal> byToken(String token) {
        return sessions.authenticate(token).flatMap(s -> records.find(StoredUser.KIND, s.getValue().fullname())
                .map(u -> principalOf(u, s.getKey())));
    }

    /** The principal of an {@code X-Auth-Apikey: NAME:SECRET} header value. */
    public Optional<Principal> byApiKey(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int colon = header.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        Optional<StoredApiKey> key = records.find(StoredApiKey.KIND, header.substring(0, colon));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        StoredApiKey k = key.get();
        boolean expired = k.expirationTimestamp() > 0 && k.expirationTimestamp() < clock.millis() / 1000;
        if (expired || !MessageDigest.isEqual(Sessions.hash(header.substring(colon + 1)).getBytes(),
                k.secretSha256().getBytes())) {
            return Optional.empty();
        }
        return Optional.of(new Principal("apikey:" + k.apikeyName(), "", role(k.role()), domainRoles(k.roleDomains())));
    }

    /** The rules of who may give, change and take away access. */
    public Grants grants() {
        return new Grants(this::role);
    }

    /** A role by name: built in or custom; an unknown or empty name is the role with no permission. */
    public Role role(String name) {
        for (Role r : Role.BUILT_IN) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        if (name == null || name.isEmpty()) {
            return new Role(Role.NONE, "", true, List.of());
        }
        return records.find(Role.KIND, name).orElse(new Role(Role.NONE, "", true, List.of()));
    }

    public boolean roleExists(String name) {
        return Role.BUILT_IN.stream().anyMatch(r -> r.name().equals(name))
                || records.find(Role.KIND, name).isPresent();
    }

    private Map<String, Role> domainRoles(Map<String, List<String>> roleDomains) {
        Map<String, Role> out = new HashMap<>();
        roleDomains.forEach((role, domains) -> domains.forEach(d -> out.put(d, role(role))));
        return out;
    }

    /** Checks a role assignment: known roles, valid namespace names, no {@code ciops} for namespaces. */
    public void checkRoles(String role, Map<String, List<String>> roleDomains) {
        if (role != null && !role.isEmpty() && !roleExists(role)) {
            throw ApiException.badRequest("Unknown role '%s'".formatted(role));
        }
        for (var e : roleDomains.entrySet()) {
            if (!roleExists(e.getKey())) {
                throw ApiException.badRequest("Unknown role '%s'".formatted(e.getKey()));
            }
            if (e.getKey().equals(Role.CIOPS)) {
                throw ApiException.badRequest("Role '%s' cannot be given for namespaces".formatted(e.getKey()));
            }
            for (String d : e.getValue()) {
                if (!NAME.matcher(d).matches()) {
                    throw ApiException.invalidName("Invalid namespace name");
                }
            }
        }
    }

    /** A new API key secret and the record that keeps its hash. */
    public record NewKey(String secret, StoredApiKey key) {}

    public NewKey newApiKey(String name, String description, String role, Map<String, List<String>> roleDomains,
            String expirationType, int expirationHours, String createdBy) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = HexFormat.of().formatHex(raw);
        long now = clock.millis() / 1000;
        long expires = switch (expirationType) {
            case "never" -> 0;
            case "oneday" -> now + 86_400;
            case "onemonth" -> now + 30L * 86_400;
            case "oneyear" -> now + 365L * 86_400;
            case "hours" -> {
                if (expirationHours < 1 || expirationHours > 87_600) {
                    throw ApiException.badRequest("expiration_hours must be 1 to 87600");
                }
                yield now + expirationHours * 3600L;
            }
            default -> throw ApiException.badRequest("expiration_type must be never, oneday, onemonth, oneyear or hours");
        };
        return new NewKey(secret, new StoredApiKey(name, description, Sessions.hash(secret), role, roleDomains,
                expirationType, expirationHours, expires, now, createdBy));
    }

    /** Records a user event ({@code User.Login}, {@code User.Logout}, ...) in the event log. */
    public void event(String name, String level, String user, String clientIp, String message) {
        events.record(name, level, "USER", user, clientIp, message);
    }

    /** The time accounts go by. */
    public InstantSource clock() {
        return clock;
    }

    public Sessions sessions() {
        return sessions;
    }
}
