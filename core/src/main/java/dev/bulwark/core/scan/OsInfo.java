package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The distribution an image is built on. {@code family} is the lower-case distribution id as vulnerability
 * feeds name it ({@code debian}, {@code ubuntu}, {@code alpine}, {@code almalinux}, {@code rhel}, ...);
 * {@code version} is the release ({@code 12}, {@code 22.04}, {@code 3.11.5}); {@code codename} may be empty.
 * {@code distroless} tells that the image has a package database but no shell or package manager of that family.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record OsInfo(String family, String version, String codename, String name, boolean distroless) {

    public OsInfo {
        requireNonNull(family, "family");
        requireNonNull(version, "version");
        requireNonNull(codename, "codename");
        requireNonNull(name, "name");
    }

    /** What a report shows for an image in which no distribution was found. */
    public static OsInfo unknown() {
        return new OsInfo("unknown", "", "", "", false);
    }

    @JsonIgnore
    public boolean isKnown() {
        return !family.equals("unknown");
    }
}
