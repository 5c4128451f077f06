package dev.bulwark.vulndb.bundle;

import static java.util.Objects.requireNonNull;

import dev.bulwark.vulndb.advisory.Affected;

/** One advisory's statement about one package: what a lookup by (namespace, package) returns. */
public record PackageAdvisory(String advisoryId, Affected affected) {

    public PackageAdvisory {
        requireNonNull(advisoryId, "advisoryId");
        requireNonNull(affected, "affected");
    }
}
