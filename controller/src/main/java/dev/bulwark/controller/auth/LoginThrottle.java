package dev.bulwark.controller.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins in a sliding window, so guessing across many user names costs the guesser, not the controller's
 * CPU. A client is refused before any password is checked past {@link #MAX_FAILURES} in {@link #WINDOW_MILLIS};
 * a peer address, past {@link #MAX_PEER_FAILURES}.
 *
 * <p>A client is the peer address and the address the peer forwards for ({@code X-Forwarded-For}): behind the
 * manager every user shares its peer address, and one guesser there must not lock the others out. The forwarded
 * address is the peer's word, so a direct client that varies it gains only the peer's larger bound. Tracks at most
 * {@link #MAX_ADDRESSES} of each, oldest forgotten first. Thread-safe.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 20;
    static final int MAX_PEER_FAILURES = 10 * MAX_FAILURES;
    static final long WINDOW_MILLIS = 60_000;
    static final int MAX_ADDRESSES = 10_000;
    private static final int MAX_FORWARDED_LENGTH = 64;

    private final Window clients = new Window(MAX_FAILURES);
    private final Window peers = new Window(MAX_PEER_FAILURES);

    synchronized boolean allowed(String peer, String forwardedFor, long now) {
        return peers.allowed(peer, now) && clients.allowed(client(peer, forwardedFor), now);
    }

    synchronized void failed(String peer, String forwardedFor, long now) {
        peers.failed(peer, now);
        clients.failed(client(peer, forwardedFor), now);
    }

    /** The client's key: the peer and the last address it forwards for (the one its own proxy wrote). */
    private static String client(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).strip();
        return peer + " for " + (last.length() > MAX_FORWARDED_LENGTH ? last.substring(0, MAX_FORWARDED_LENGTH)
                : last);
    }

    /** Failure times per key, at most {@code max} kept per key. */
    private static final class Window {

        private final int max;
        private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
                return size() > MAX_ADDRESSES;
            }
        };

        Window(int max) {
            this.max = max;
        }

        boolean allowed(String key, long now) {
            Deque<Long> times = failures.get(key);
            if (times == null) {
                return true;
            }
            while (!times.isEmpty() && now - times.peekFirst() > WINDOW_MILLIS) {
                times.removeFirst();
            }
            return times.size() < max;
        }

        void failed(String key, long now) {
            Deque<Long> times = failures.computeIfAbsent(key, a -> new ArrayDeque<>());
            times.addLast(now);
            while (times.size() > max) {
                times.removeFirst();
            }
        }
    }
}
