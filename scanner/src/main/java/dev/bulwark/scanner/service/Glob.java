package dev.bulwark.scanner.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A name pattern where {@code *} stands for any run of characters (none included) and every other character for
 * itself, as NeuVector's registry filters are written. Matching takes time linear in the name for each star, and
 * never backtracks further.
 */
public record Glob(@JsonValue String pattern) {

    /** A glob is written in JSON as its pattern. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Glob {
    }

    /** Whether the pattern has no star: it names one thing. */
    public boolean literal() {
        return pattern.indexOf('*') < 0;
    }

    public boolean matches(String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
