package dev.bulwark.controller.runtime;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as NeuVector's REST API writes them ({@code api.RESTTimeString}): RFC 3339 in UTC, whole seconds. */
public final class RestTime {

    private RestTime() {}

    /** The instant as RFC 3339; empty for none (null or the epoch, as Go's zero time is shown empty here). */
    public static String format(Instant instant) {
        return instant == null || instant.getEpochSecond() <= 0 ? ""
                : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Epoch seconds as RFC 3339; empty for 0. */
    public static String format(long epochSecond) {
        return format(Instant.ofEpochSecond(epochSecond));
    }

    /** An RFC 3339 time an enforcer sent, or none when it sent none or an unreadable one. */
    static Instant parse(String text) {
        try {
            return text == null || text.isEmpty() ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
