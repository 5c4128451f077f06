package dev.bulwark.controller.assets;

import dev.bulwark.controller.auth.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The query sessions of the vulnerability pages, in memory: each holds the result set made when it was opened, for
 * its owner only. A user keeps the 10 newest, an API key the 2 newest (NeuVector's caps); a session unused for
 * {@link #IDLE} ends; and all sessions together hold at most {@link #MAX_WEIGHT} records, the oldest ended first
 * (the newest is kept even alone over the bound, or a large cluster could never be queried). Thread-safe.
 */
final class QuerySessions {

    static final Duration IDLE = Duration.ofMinutes(30);
    static final int PER_USER = 10;
    static final int PER_KEY = 2;
    static final int MAX_WEIGHT = 200_000;

    private record Session(String owner, QueryResult result, Instant used) {}

    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    /** By token, oldest first. */
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    QuerySessions(InstantSource clock) {
        this.clock = clock;
    }

    /** Opens a session for the caller and returns its token, ending what the caps and bounds no longer allow. */
    synchronized String open(Principal caller, QueryResult result) {
        expire();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        String owner = owner(caller);
        sessions.put(token, new Session(owner, result, clock.instant()));
        int cap = caller.session().isEmpty() ? PER_KEY : PER_USER;
        long owned = sessions.values().stream().filter(s -> s.owner().equals(owner)).count();
        int weight = sessions.values().stream().mapToInt(s -> s.result().weight()).sum();
        for (Iterator<Map.Entry<String, Session>> i = sessions.entrySet().iterator(); i.hasNext()
                && (owned > cap || weight > MAX_WEIGHT && sessions.size() > 1);) {
            Session s = i.next().getValue();
            boolean mine = s.owner().equals(owner);
            if (mine || weight > MAX_WEIGHT) {
                i.remove();
                owned -= mine ? 1 : 0;
                weight -= s.result().weight();
            }
        }
        return token;
    }

    /** The caller's session of that token, now counted as used; empty when unknown, ended or someone else's. */
    synchronized Optional<QueryResult> find(Principal caller, String token) {
        expire();
        Session s = sessions.get(token);
        if (s == null || !s.owner().equals(owner(caller))) {
            return Optional.empty();
        }
        sessions.put(token, new Session(s.owner(), s.result(), clock.instant()));
        return Optional.of(s.result());
    }

    private void expire() {
        Instant oldest = clock.instant().minus(IDLE);
        sessions.values().removeIf(s -> s.used().isBefore(oldest));
    }

    /** Users and API keys apart, though a key and a user may share a name. */
    private static String owner(Principal p) {
        return (p.session().isEmpty() ? "key:" : "user:") + p.name();
    }
}
