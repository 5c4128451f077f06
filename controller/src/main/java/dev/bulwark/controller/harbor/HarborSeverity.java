package dev.bulwark.controller.harbor;

import java.util.Locale;

/** Harbor's severity scale, lowest first: a report's severity is the highest of its vulnerabilities'. */
enum HarborSeverity {
    UNKNOWN("Unknown"),
    NEGLIGIBLE("Negligible"),
    LOW("Low"),
    MEDIUM("Medium"),
    HIGH("High"),
    CRITICAL("Critical");

    private final String text;

    HarborSeverity(String text) {
        this.text = text;
    }

    /** As Harbor spells it. */
    String text() {
        return text;
    }

    /**
     * A NeuVector severity ({@code Critical}, {@code High}, {@code Medium}, {@code Low}; our scanner also says
     * {@code Unknown}) as Harbor's, in any letter case. Anything else is {@link #UNKNOWN}, never passed through:
     * Harbor ranks a severity it does not know above {@code Critical} ({@code Severity.Code} answers 99).
     */
    static HarborSeverity of(String neuVector) {
        String wanted = neuVector == null ? "" : neuVector.strip().toLowerCase(Locale.ROOT);
        for (HarborSeverity s : values()) {
            if (s.text.toLowerCase(Locale.ROOT).equals(wanted)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
