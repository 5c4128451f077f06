package dev.bulwark.controller.admission.evaluate;

import com.google.re2j.Pattern;

/**
 * A criterion value with NeuVector's wildcards ({@code share.EqualMatch}): {@code *} is any text, {@code ?} any one
 * character, the rest literal, and the whole value must match. Compiled once, matched by RE2/J in linear time.
 */
public final class Glob {

    private final String value;
    private final Pattern pattern;

    private Glob(String value, Pattern pattern) {
        this.value = value;
        this.pattern = pattern;
    }

    public static Glob of(String value) {
        if (value.indexOf('*') < 0 && value.indexOf('?') < 0) {
            return new Glob(value, null);
        }
        StringBuilder re = new StringBuilder(value.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '*' || c == '?') {
                re.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        re.append(Pattern.quote(literal.toString()));
        return new Glob(value, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    public boolean matches(String text) {
        return pattern == null ? value.equals(text) : pattern.matches(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
