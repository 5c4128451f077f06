package dev.bulwark.manager.proxy;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which request targets the manager passes on: a path under {@code /v1/} that stays there once decoded (no
 * {@code .} or {@code ..} segment, no backslash, no control character, however it is escaped) and a query of URI
 * characters. Both are passed as the client wrote them, so the controller decodes them once, as it would directly.
 */
public final class ProxyPath {

    public static final String PREFIX = "/v1/";
    private static final Pattern URI_CHARACTERS = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*");
    private static final Pattern QUERY_CHARACTERS = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%?\\[\\]|]*");
    private static final int MAX_TARGET = 8192;

    private ProxyPath() {}

    /** The path and query to ask the controller for, or empty when the target may not be passed on. */
    public static Optional<String> target(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith(PREFIX) || !URI_CHARACTERS.matcher(rawPath).matches()
                || (rawQuery != null && !QUERY_CHARACTERS.matcher(rawQuery).matches())
                || rawPath.length() + (rawQuery == null ? 0 : rawQuery.length()) > MAX_TARGET) {
            return Optional.empty();
        }
        Optional<String> decoded = percentDecoded(rawPath);
        if (decoded.isEmpty() || !staysUnderPrefix(decoded.get())) {
            return Optional.empty();
        }
        return Optional.of(rawQuery == null || rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery);
    }

    private static boolean staysUnderPrefix(String path) {
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The path with its %XX escapes decoded as bytes (UTF-8 or not), or empty for a broken escape. */
    static Optional<String> percentDecoded(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (i + 2 >= raw.length()) {
                return Optional.empty();
            }
            int high = Character.digit(raw.charAt(i + 1), 16);
            int low = Character.digit(raw.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            out.write(high << 4 | low);
            i += 2;
        }
        return Optional.of(out.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
