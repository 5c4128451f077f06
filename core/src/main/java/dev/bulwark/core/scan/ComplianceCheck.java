package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of one image compliance check, with NeuVector's ids where NeuVector has the check ({@code I.4.1}
 * runs as a non-root user, ...) and {@code I.B.n} for Bulwark's own.
 *
 * @param level {@code PASS} or {@code WARN}
 * @param evidence what made the check warn, secrets redacted; empty when it passed
 */
public record ComplianceCheck(String id, String level, String description, List<String> evidence,
        String remediation) {

    public static final String PASS = "PASS";
    public static final String WARN = "WARN";

    public ComplianceCheck {
        requireNonNull(id, "id");
        requireNonNull(level, "level");
        requireNonNull(description, "description");
        evidence = List.copyOf(evidence);
        requireNonNull(remediation, "remediation");
    }

    public boolean failed() {
        return level.equals(WARN);
    }
}
