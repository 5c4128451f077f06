package dev.bulwark.enforcer.network.nft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports of a network rule in NeuVector's syntax: {@code any}, or a comma list of {@code tcp/80},
 * {@code tcp/8000-8080}, {@code udp/53}, {@code tcp/any}, {@code icmp}, and bare {@code 80} or {@code 80-90} for TCP
 * and UDP; {@code any} stands alone. {@link #matches()} gives the nft match of each protocol concerned; an empty
 * match stands for any.
 */
public record PortSpec(boolean any, Map<Protocol, List<PortRange>> ranges) {

    /** Longer text than this is refused whole: no real rule lists that many ports. */
    public static final int MAX_LENGTH = 4096;

    private static final Pattern ITEM = Pattern.compile("(?:(tcp|udp)/)?(any|[0-9]{1,5})(?:-([0-9]{1,5}))?");

    public enum Protocol { TCP, UDP, ICMP }

    /** Ports {@code low} to {@code high}, both included; empty for every port of the protocol. */
    public record PortRange(int low, int high) {

        static final PortRange ALL = new PortRange(0, 65535);

        String text() {
            return low == high ? Integer.toString(low) : low + "-" + high;
        }
    }

    public PortSpec {
        ranges = Map.copyOf(ranges);
    }

    public static PortSpec parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("ports longer than %d characters".formatted(MAX_LENGTH));
        }
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        if (trimmed.equals("any")) {
            return new PortSpec(true, Map.of());
        }
        Map<Protocol, List<PortRange>> ranges = new EnumMap<>(Protocol.class);
        for (String item : trimmed.split(",", -1)) {
            add(item.strip(), ranges, text);
        }
        ranges.replaceAll((_, list) -> merged(list));
        return new PortSpec(false, ranges);
    }

    /** One nft match per protocol, such as {@code tcp dport { 80, 8000-8080 }}; {@code [""]} when any. */
    public List<String> matches() {
        if (any) {
            return List.of("");
        }
        List<String> matches = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            List<PortRange> list = ranges.get(protocol);
            if (list == null) {
                continue;
            }
            String name = protocol.name().toLowerCase(Locale.ROOT);
            if (protocol == Protocol.ICMP) {
                matches.add("meta l4proto { icmp, ipv6-icmp }");
            } else if (list.contains(PortRange.ALL)) {
                matches.add("meta l4proto " + name);
            } else {
                matches.add(name + " dport { " + String.join(", ", list.stream().map(PortRange::text).toList())
                        + " }");
            }
        }
        return matches;
    }

    /** Overlapping or adjacent ranges joined, in order: nft refuses an anonymous set whose intervals overlap. */
    private static List<PortRange> merged(List<PortRange> list) {
        List<PortRange> sorted = list.stream().sorted(Comparator.comparingInt(PortRange::low)).toList();
        List<PortRange> merged = new ArrayList<>();
        for (PortRange range : sorted) {
            PortRange last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && range.low() <= last.high() + 1) {
                merged.set(merged.size() - 1, new PortRange(last.low(), Math.max(last.high(), range.high())));
            } else {
                merged.add(range);
            }
        }
        return List.copyOf(merged);
    }

    private static void add(String item, Map<Protocol, List<PortRange>> ranges, String whole) {
        if (item.equals("icmp")) {
            ranges.put(Protocol.ICMP, new ArrayList<>());
            return;
        }
        Matcher m = ITEM.matcher(item);
        if (!m.matches() || item.equals("any")) {
            throw new IllegalArgumentException("not a port: " + Quoted.of(item) + " in " + Quoted.of(whole));
        }
        PortRange range = range(m, whole);
        List<Protocol> protocols = m.group(1) == null ? List.of(Protocol.TCP, Protocol.UDP)
                : List.of(Protocol.valueOf(m.group(1).toUpperCase(Locale.ROOT)));
        for (Protocol protocol : protocols) {
            ranges.computeIfAbsent(protocol, _ -> new ArrayList<>()).add(range);
        }
    }

    private static PortRange range(Matcher m, String whole) {
        if (m.group(2).equals("any")) {
            if (m.group(3) != null) {
                throw new IllegalArgumentException("'any' is not the start of a range in " + Quoted.of(whole));
            }
            return PortRange.ALL;
        }
        int low = port(m.group(2), whole);
        int high = m.group(3) == null ? low : port(m.group(3), whole);
        if (high < low) {
            throw new IllegalArgumentException("port range %d-%d runs backwards in %s".formatted(low, high,
                    Quoted.of(whole)));
        }
        return new PortRange(low, high);
    }

    private static int port(String digits, String whole) {
        int port = Integer.parseInt(digits);
        if (port > 65535) {
            throw new IllegalArgumentException("port %d is above 65535 in %s".formatted(port, Quoted.of(whole)));
        }
        return port;
    }
}
