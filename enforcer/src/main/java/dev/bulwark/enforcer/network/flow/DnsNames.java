package dev.bulwark.enforcer.network.flow;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names DNS answers gave addresses, kept while their TTL runs (at least {@link #MIN_TTL_SECONDS}: a client may
 * connect a little after a short-lived answer), at most {@code capacity} addresses, the oldest answer forgotten
 * first. Not thread-safe.
 */
final class DnsNames {

    static final long MIN_TTL_SECONDS = 60;

    private record Name(String name, long expiresAtSecond) {
    }

    private final int capacity;
    private final Map<InetAddress, Name> names;

    DnsNames(int capacity) {
        this.capacity = capacity;
        this.names = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Name> eldest) {
                return size() > DnsNames.this.capacity;
            }
        };
    }

    void remember(DnsAnswer answer, long nowSecond) {
        long expires = nowSecond + Math.max(MIN_TTL_SECONDS, answer.ttlSeconds());
        for (InetAddress address : answer.addresses()) {
            names.remove(address);
            names.put(address, new Name(answer.name(), expires));
        }
    }

    Optional<String> nameOf(InetAddress address, long nowSecond) {
        Name name = names.get(address);
        if (name == null || name.expiresAtSecond() < nowSecond) {
            return Optional.empty();
        }
        return Optional.of(name.name());
    }

    int size() {
        return names.size();
    }
}
