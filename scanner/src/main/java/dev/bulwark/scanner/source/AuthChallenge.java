package dev.bulwark.scanner.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235), such as
 * {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:app:pull"}.
 *
 * @param scheme the auth scheme in lower case ({@code basic}, {@code bearer})
 * @param params auth parameters by lower-case name; values unquoted
 */
record AuthChallenge(String scheme, Map<String, String> params) {

    AuthChallenge {
        requireNonNull(scheme, "scheme");
        params = Map.copyOf(params);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty());
    }

    /**
     * Reads every challenge in the given header values. A header may hold several challenges separated by commas,
     * and quoted values may hold commas themselves (a scope of {@code pull,push}). Whatever cannot be read ends
     * the parse of that value; the challenges read so far are kept.
     */
    static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            new Reader(value).readInto(challenges);
        }
        return List.copyOf(challenges);
    }

    private static final class Reader {
        private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        void readInto(List<AuthChallenge> out) {
            while (true) {
                skip(" \t,");
                String scheme = token();
                if (scheme.isEmpty()) {
                    return;
                }
                Map<String, String> params = new LinkedHashMap<>();
                while (true) {
                    skip(" \t");
                    int mark = pos;
                    String name = token();
                    skip(" \t");
                    if (name.isEmpty() || !take('=')) {
                        // not a parameter: the start of the next challenge, or garbage the outer loop stops at
                        pos = mark;
                        break;
                    }
                    skip(" \t");
                    String value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : token();
                    params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
                    skip(" \t");
                    if (!take(',')) {
                        break;
                    }
                }
                out.add(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), params));
            }
        }

        private void skip(String chars) {
            while (pos < text.length() && chars.indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private boolean take(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private String token() {
            int start = pos;
            while (pos < text.length() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            return value.toString();
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
        }
    }
}
