package dev.bulwark.controller.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Checks of the addresses, hosts and URLs clients send, and of names: a value that would be sent on to a syslog
 * server, a proxy or a webhook, or shown in a log line, is refused with a clear 400 unless it is what its field
 * says it is. Empty means "not set" wherever it is allowed.
 */
public final class Addresses {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private Addresses() {}

    /** An IPv4 or IPv6 address or a DNS host name (RFC 1123); empty when {@code optional}. */
    public static String host(String value, String field, boolean optional) {
        if (value == null || value.isEmpty()) {
            if (optional) {
                return value == null ? "" : value;
            }
            throw ApiException.badRequest(field + " is required");
        }
        if (!isHost(value)) {
            throw ApiException.badRequest(field + " must be an IP address or a host name");
        }
        return value;
    }

    static boolean isHost(String value) {
        if (value.length() > 253) {
            return false;
        }
        if (DIGITS_AND_DOTS.matcher(value).matches()) {
            return IPV4.matcher(value).matches();
        }
        if (value.contains(":")) {
            return IPV6.matcher(value).matches() && value.chars().filter(c -> c == ':').count() >= 2;
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An http or https URL with a valid host, no credentials in it and no control characters; empty when unset. */
    public static String url(String value, String field) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        text(value, field);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().replaceAll("^\\[|\\]$", "");
            if (!scheme.equals("http") && !scheme.equals("https") || !isHost(host) || uri.getUserInfo() != null
                    || uri.getPort() > 65535) {
                throw ApiException.badRequest(field + " must be an http or https URL with a valid host");
            }
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(field + " is not a URL: " + e.getReason());
        }
        return value;
    }

    /** Text with no control characters (a line break would forge a log line; a NUL cuts it). */
    public static String text(String value, String field) {
        if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.badRequest(field + " must not hold control characters");
        }
        return value;
    }
}
