package dev.bulwark.controller.admission.evaluate;

import java.util.Objects;

/**
 * A rule that matched: its id, type ({@code deny} or {@code exception}), the mode it acted in ({@code monitor} or
 * {@code protect}; an exception rule shows the global mode), the container it matched ({@code ""} for a match of
 * the whole request) and why, as {@code runAsPrivileged = true} followed by what was found.
 */
public record MatchedRule(int id, String type, String mode, String container, String details) {

    public MatchedRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(details, "details");
    }
}
