package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

/**
 * A finding the user declared not applicable, kept in the JSON report apart from the findings it no longer counts
 * as.
 *
 * @param by {@code ignorefile} or {@code vex}, with the file name ({@code vex:app.openvex.json})
 * @param status {@code ignored}, or the VEX status ({@code not_affected}, {@code fixed})
 * @param reason the entry's reason, or the VEX justification and impact statement
 */
public record SuppressedFinding(Vulnerability vulnerability, String by, String status, String reason) {

    public SuppressedFinding {
        requireNonNull(vulnerability, "vulnerability");
        requireNonNull(by, "by");
        requireNonNull(status, "status");
        requireNonNull(reason, "reason");
    }
}
