package dev.bulwark.enforcer.network;

import dev.bulwark.link.model.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The addresses of a network namespace by interface, read from {@code /proc/PID/net} of a process in it (the
 * namespace is never entered): IPv4 from the local entries of {@code fib_trie}, named and sized by the routes of
 * {@code route}; IPv6 from {@code if_inet6}, global scope only. Loopback and link-local addresses are left out, as
 * NeuVector leaves them out of a workload's interfaces.
 */
public final class Interfaces {

    private static final int MAX_FILE = 1 << 20;

    private Interfaces() {}

    /** The addresses of the namespace of {@code pid}; none when it is gone or unreadable. */
    public static Map<String, List<Host.IpAddress>> of(Path proc, int pid) {
        Path net = proc.resolve(Integer.toString(pid)).resolve("net");
        return parse(read(net.resolve("fib_trie")), read(net.resolve("route")), read(net.resolve("if_inet6")));
    }

    /** The addresses the three files name; lines that do not parse are skipped. */
    static Map<String, List<Host.IpAddress>> parse(String fibTrie, String route, String ifInet6) {
        Map<String, List<Host.IpAddress>> out = new TreeMap<>();
        List<Route> routes = routes(route);
        for (int address : localIpv4(fibTrie)) {
            if ((address >>> 24) == 127) {
                continue;
            }
            Route best = null;
            for (Route r : routes) {
                if (r.mask() != 0 && (address & r.mask()) == r.destination()
                        && (best == null || Integer.bitCount(r.mask()) > Integer.bitCount(best.mask()))) {
                    best = r;
                }
            }
            String name = best == null ? "" : best.iface();
            int prefix = best == null ? 32 : Integer.bitCount(best.mask());
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(new Host.IpAddress(dotted(address), prefix, ""));
        }
        for (String line : ifInet6.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length != 6 || f[0].length() != 32 || !f[3].equals("00") || f[5].equals("lo")) {
                continue;
            }
            try {
                var address = new Host.IpAddress(ipv6(f[0]), Integer.parseInt(f[2], 16), "");
                out.computeIfAbsent(f[5], k -> new ArrayList<>()).add(address);
            } catch (NumberFormatException e) {
                // not an if_inet6 line
            }
        }
        return out;
    }

    private record Route(String iface, int destination, int mask) {}

    /** {@code route}'s destinations and masks are little-endian hex, as the kernel writes them on x86 and arm. */
    private static List<Route> routes(String route) {
        List<Route> out = new ArrayList<>();
        for (String line : route.lines().skip(1).toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                out.add(new Route(f[0], Integer.reverseBytes(Integer.parseUnsignedInt(f[1], 16)),
                        Integer.reverseBytes(Integer.parseUnsignedInt(f[7], 16))));
            } catch (NumberFormatException e) {
                // a line of another shape
            }
        }
        return out;
    }

    /** The addresses {@code fib_trie} marks {@code /32 host LOCAL}, each once. */
    private static Set<Integer> localIpv4(String fibTrie) {
        Set<Integer> out = new LinkedHashSet<>();
        String last = null;
        for (String line : fibTrie.lines().toList()) {
            String s = line.strip();
            if (s.startsWith("|-- ")) {
                last = s.substring(4).strip();
            } else if (s.equals("/32 host LOCAL") && last != null) {
                parseIpv4(last).ifPresent(out::add);
            }
        }
        return out;
    }

    private static java.util.Optional<Integer> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return java.util.Optional.empty();
        }
        int value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return java.util.Optional.empty();
            }
            value = value << 8 | Integer.parseInt(p);
        }
        return java.util.Optional.of(value);
    }

    private static String dotted(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    }

    /** RFC 5952 text: lower case, leading zeros dropped, the longest run of two or more zero groups as {@code ::}. */
    private static String ipv6(String hex) throws NumberFormatException {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = Integer.parseInt(hex.substring(i * 4, i * 4 + 4), 16);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static String read(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_FILE), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
