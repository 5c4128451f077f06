package dev.bulwark.core.scan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The severity scale reports and filters use, lowest first. */
public enum SeverityLevel {
    UNKNOWN, NEGLIGIBLE, LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String id() {
        return name();
    }

    /** The CVSS v3/v4 qualitative rating of a base score. */
    public static SeverityLevel ofScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return score > 0 ? LOW : UNKNOWN;
    }

    /**
     * A vendor's word for it: Red Hat style (critical, important, moderate, low), GitHub's (moderate), Debian's
     * urgency (unimportant), or the level names themselves. Anything else is {@link #UNKNOWN}.
     */
    public static SeverityLevel ofVendorRating(String rating) {
        return switch (rating.strip().toLowerCase(Locale.ROOT)) {
            case "critical" -> CRITICAL;
            case "important", "high" -> HIGH;
            case "moderate", "medium" -> MEDIUM;
            case "low" -> LOW;
            case "negligible", "unimportant" -> NEGLIGIBLE;
            default -> UNKNOWN;
        };
    }
}
