package dev.bulwark.core.scan;

import com.fasterxml.jackson.annotation.JsonValue;

/** The state a vendor gives a package for an issue, and so the state of a finding. */
public enum AffectedStatus {
    /** Affected up to a fixed version. */
    FIXED("fixed"),
    /** Affected, and no fix is available yet. */
    AFFECTED("affected"),
    /** Affected, and the vendor has decided not to fix it. */
    WILL_NOT_FIX("will_not_fix"),
    /** The vendor says this package is not affected. */
    NOT_AFFECTED("not_affected");

    private final String id;

    AffectedStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
