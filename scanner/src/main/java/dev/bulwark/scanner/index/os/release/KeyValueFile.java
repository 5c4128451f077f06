package dev.bulwark.scanner.index.os.release;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code KEY=value} files of os-release(5) and lsb-release: one assignment per line, values optionally in
 * single or double quotes with backslash escapes inside double quotes; comments and malformed lines are skipped.
 */
final class KeyValueFile {

    private KeyValueFile() {}

    static Map<String, String> parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                values.put(key, unquote(line.substring(eq + 1).strip()));
            }
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '\'' && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        if (value.length() >= 2 && value.charAt(0) == '"' && value.endsWith("\"")) {
            StringBuilder out = new StringBuilder(value.length());
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return value;
    }
}
