package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code ports} field of a rule: {@code any}, or a comma list of {@code tcp/80}, {@code udp/53-60}, {@code icmp}, {@code 8080}. */
final class Ports {

    private static final Pattern ITEM = Pattern.compile("(?:(tcp|udp)/)?(\\d{1,5})(?:-(\\d{1,5}))?|(tcp|udp|icmp|any)");
    private static final int MAX_ITEMS = 64;

    private Ports() {}

    static void check(String ports) {
        String[] items = ports.split(",");
        if (items.length > MAX_ITEMS) {
            throw ApiException.badRequest("At most %d port entries".formatted(MAX_ITEMS));
        }
        for (String raw : items) {
            String item = raw.strip().toLowerCase(java.util.Locale.ROOT);
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw ApiException.badRequest("Invalid ports '%s': use any, tcp/80, udp/53-60, icmp or 8080"
                        .formatted(raw.strip()));
            }
            if (m.group(2) != null) {
                int low = Integer.parseInt(m.group(2));
                int high = m.group(3) == null ? low : Integer.parseInt(m.group(3));
                if (low < 1 || high > 65535 || low > high) {
                    throw ApiException.badRequest("Ports are 1 to 65535, ranges low-high: '%s'".formatted(raw.strip()));
                }
            }
        }
    }
}
