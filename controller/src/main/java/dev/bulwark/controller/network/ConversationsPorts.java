package dev.bulwark.controller.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's {@code ports} as NeuVector reads them, compiled once: {@code any}; or a comma list of {@code tcp/80},
 * {@code udp/53-60}, {@code tcp} (every TCP port), {@code udp}, {@code icmp}, and a bare {@code 8080} or
 * {@code 8000-8080}, which is TCP and UDP alike. An item that is none of these matches nothing.
 */
record ConversationsPorts(boolean any, List<Range> ranges) {

    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMP6 = 58;

    /** Ports {@code low} to {@code high} of a protocol; proto 0 is TCP and UDP. */
    record Range(int proto, int low, int high) {

        boolean holds(int ipProto, int port) {
            boolean protoMatches = proto == 0 ? ipProto == TCP || ipProto == UDP
                    : proto == ICMP ? ipProto == ICMP || ipProto == ICMP6 : proto == ipProto;
            return protoMatches && (proto == ICMP || port >= low && port <= high);
        }
    }

    private static final Pattern ITEM = Pattern.compile("(?:(tcp|udp)/)?(\\d{1,5})(?:-(\\d{1,5}))?|(tcp|udp|icmp|any)");

    static ConversationsPorts parse(String ports) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : ports.split(",")) {
            Matcher m = ITEM.matcher(raw.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                continue;
            }
            String word = m.group(4);
            if (word != null) {
                switch (word) {
                    case "any" -> {
                        return new ConversationsPorts(true, List.of());
                    }
                    case "tcp" -> ranges.add(new Range(TCP, 0, 65535));
                    case "udp" -> ranges.add(new Range(UDP, 0, 65535));
                    default -> ranges.add(new Range(ICMP, 0, 0));
                }
                continue;
            }
            int proto = m.group(1) == null ? 0 : m.group(1).equals("tcp") ? TCP : UDP;
            int low = Integer.parseInt(m.group(2));
            int high = m.group(3) == null ? low : Integer.parseInt(m.group(3));
            ranges.add(new Range(proto, low, high));
        }
        return new ConversationsPorts(false, List.copyOf(ranges));
    }

    boolean holds(int ipProto, int port) {
        return any || ranges.stream().anyMatch(r -> r.holds(ipProto, port));
    }

    /** How a learned rule names one port: {@code tcp/80}, {@code udp/53}, {@code icmp}. */
    static String of(int ipProto, int port) {
        return switch (ipProto) {
            case TCP -> "tcp/" + port;
            case UDP -> "udp/" + port;
            case ICMP, ICMP6 -> "icmp";
            default -> "any";
        };
    }

    /** NeuVector's protocol names in a conversation's {@code protocols}. */
    static String protocol(int ipProto) {
        return switch (ipProto) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP -> "icmp";
            case ICMP6 -> "icmpv6";
            default -> String.valueOf(ipProto);
        };
    }
}
