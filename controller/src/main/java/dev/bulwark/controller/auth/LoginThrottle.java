package dev.bulwark.controller.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per client address in a sliding window: past {@link #MAX_FAILURES} in {@link #WINDOW_MILLIS}, an
 * address is refused before any password is checked, so guessing across many user names costs the guesser, not
 * the controller's CPU. Tracks at most {@link #MAX_ADDRESSES} addresses, oldest forgotten first. Thread-safe.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 20;
    static final long WINDOW_MILLIS = 60_000;
    static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    synchronized boolean allowed(String address, long now) {
        Deque<Long> times = failures.get(address);
        if (times == null) {
            return true;
        }
        while (!times.isEmpty() && now - times.peekFirst() > WINDOW_MILLIS) {
            times.removeFirst();
        }
        return times.size() < MAX_FAILURES;
    }

    synchronized void failed(String address, long now) {
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        times.addLast(now);
        while (times.size() > MAX_FAILURES) {
            times.removeFirst();
        }
    }
}
