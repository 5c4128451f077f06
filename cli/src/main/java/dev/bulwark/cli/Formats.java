package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import java.util.List;

/** Checks a choice option against its allowed values with a message that lists them. */
final class Formats {

    private Formats() {}

    static String check(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new InvalidInputException("unknown format '%s' (use one of: %s)".formatted(value,
                String.join(", ", List.of(allowed))));
    }
}
