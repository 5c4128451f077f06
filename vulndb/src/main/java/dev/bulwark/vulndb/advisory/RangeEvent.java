package dev.bulwark.vulndb.advisory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonValue;

/** One event of a {@link VersionRange}; {@code introduced: "0"} means from the first version. */
public record RangeEvent(Kind kind, String version) {

    public enum Kind {
        INTRODUCED("introduced"), FIXED("fixed"), LAST_AFFECTED("last_affected"), LIMIT("limit");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    public RangeEvent {
        requireNonNull(kind, "kind");
        requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException(kind.id() + " event without a version");
        }
    }
}
