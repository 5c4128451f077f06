package dev.bulwark.controller.auth;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions. A token is 32 random bytes; only its SHA-256 is stored ({@code session/HASH}), so the store
 * holds nothing a caller could present. Sessions survive a controller restart and end after their idle timeout,
 * on logout, or when revoked (user deleted, password changed). Activity is tracked in memory and written back at
 * most every {@link #PERSIST_EVERY_MILLIS}, so reads cost no disk write.
 */
public final class Sessions {

    static final long PERSIST_EVERY_MILLIS = 30_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session as stored: its user, when it started, when it was last used, its idle timeout in seconds. */
    public record Session(String fullname, long created, long lastActive, int timeout) {}

    /** Sessions by the hash of their token, in no backup. */
    public static final Kind<Session> KIND = Kind.internal("session/", Session.class, "Session");

    private final Records records;
    private final Map<String, Session> active = new ConcurrentHashMap<>();
    private final Map<String, Long> persisted = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<Session> onTimeout = s -> { };

    private final InstantSource clock;

    /** @param clock the time sessions are created, used and expire by */
    public Sessions(Records records, InstantSource clock) {
        this.records = records;
        this.clock = clock;
    }

    /** Called with a session that a request found past its idle timeout, as it ends. */
    void onTimeout(java.util.function.Consumer<Session> listener) {
        this.onTimeout = listener;
    }

    /** A new session; returns {token, hashed id}. */
    public String[] create(String fullname, int timeout) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        String id = hash(token);
        long now = clock.millis();
        Session s = new Session(fullname, now, now, timeout);
        records.put(KIND, id, s);
        active.put(id, s);
        persisted.put(id, now);
        return new String[] {token, id};
    }

    /** The live session of a token, its activity refreshed; empty when unknown, expired or revoked. */
    public Optional<Map.Entry<String, Session>> authenticate(String token) {
        if (token == null || token.length() != 64) {
            return Optional.empty();
        }
        String id = hash(token);
        Session s = active.get(id);
        if (s == null) {
            Optional<Session> stored = records.find(KIND, id);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            s = stored.get();
        }
        long now = clock.millis();
        if (now - s.lastActive() > s.timeout() * 1000L) {
            end(id);
            onTimeout.accept(s);
            return Optional.empty();
        }
        Session touched = new Session(s.fullname(), s.created(), now, s.timeout());
        active.put(id, touched);
        if (now - persisted.getOrDefault(id, 0L) > PERSIST_EVERY_MILLIS) {
            persisted.put(id, now);
            records.put(KIND, id, touched);
        }
        return Optional.of(Map.entry(id, touched));
    }

    public void end(String id) {
        active.remove(id);
        persisted.remove(id);
        records.remove(KIND, id);
    }

    /** Ends every session of a user. */
    public void endAll(String fullname) {
        records.byId(KIND).forEach((id, s) -> {
            if (s.fullname().equals(fullname)) {
                end(id);
            }
        });
    }

    /** Sessions currently open, by hashed id. */
    public int count() {
        return records.list(KIND).size();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
