package dev.bulwark.enforcer.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * User names as each workload's own {@code /etc/passwd} gives them (a container's users are not the host's). A
 * uid the file does not name is its number, except 0, which is root everywhere. The file is read through no
 * symbolic link, at most {@link #MAX_FILE} bytes of it, and again (once) for a uid not found in what was read: a
 * user added since. Thread-safe.
 */
final class UserNames {

    static final int MAX_FILE = 1 << 20;
    private static final int WORKLOADS = 1024;

    private final Map<String, Map<Integer, String>> byWorkload = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<Integer, String>> eldest) {
                    return size() > WORKLOADS;
                }
            });

    /** The name of {@code uid} in workload {@code w}; empty for an unknown uid (negative). */
    String of(Workload w, int uid) {
        if (uid < 0) {
            return "";
        }
        String name = byWorkload.getOrDefault(w.id(), Map.of()).get(uid);
        if (name != null) {
            return name;
        }
        Map<Integer, String> read = new HashMap<>(read(w));
        name = read.computeIfAbsent(uid, u -> u == 0 ? "root" : Integer.toString(u)); // kept: read once per uid
        byWorkload.put(w.id(), Map.copyOf(read));
        return name;
    }

    private static Map<Integer, String> read(Workload w) {
        Optional<Path> passwd = w.file("/etc/passwd");
        if (passwd.isEmpty()) {
            return Map.of();
        }
        try (InputStream in = Files.newInputStream(passwd.get())) {
            return parse(new String(in.readNBytes(MAX_FILE), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** {@code name:password:uid:...} lines; the first name of a uid wins, malformed lines are skipped. */
    static Map<Integer, String> parse(String passwd) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : passwd.split("\n")) {
            String[] f = line.split(":", 4);
            if (f.length >= 3 && !f[0].isEmpty() && !f[0].startsWith("#")) {
                try {
                    names.putIfAbsent(Integer.parseInt(f[2].strip()), f[0].strip());
                } catch (NumberFormatException malformed) {
                    // not a user line
                }
            }
        }
        return Map.copyOf(names);
    }
}
