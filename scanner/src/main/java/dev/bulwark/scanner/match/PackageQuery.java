package dev.bulwark.scanner.match;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.vulndb.ecosystem.Distribution;
import dev.bulwark.vulndb.ecosystem.LanguageEcosystem;
import dev.bulwark.vulndb.version.Ecosystem;
import java.util.Optional;
import java.util.Set;

/**
 * What the database is asked about one installed package: the namespace, the name advisories use for it and the
 * version to compare, in the namespace's ordering, and whose severity rating is the vendor's there. Debian and
 * Ubuntu advisories name source packages and their versions (a binNMU {@code +b1} binary is still its source
 * version); Alpine's name the origin package, whose version every subpackage shares; rpm distributions name binary
 * packages, compared with their epoch.
 */
record PackageQuery(String namespace, String name, String version, Ecosystem ordering, Set<String> vendorRatings,
        InstalledPackage pkg) {

    /** The query for a package, or empty when its namespace is unknown (no distribution detected, say). */
    static Optional<PackageQuery> of(InstalledPackage p, OsInfo os) {
        if (!p.type().isOsPackage()) {
            return LanguageEcosystem.of(p.type()).map(e -> new PackageQuery(e.namespace(), p.name(), p.version(),
                    e.ordering(), e.vendorRatings(), p));
        }
        return Distribution.of(os).flatMap(d -> d.namespace(os.version(), os.codename()).map(ns ->
                new PackageQuery(ns, advisoryName(p), advisoryVersion(p), d.ordering(), d.vendorRatings(), p)));
    }

    /** Whether the package was looked up under another name than its own (its source package). */
    boolean bySource() {
        return !name.equals(pkg.name());
    }

    private static String advisoryName(InstalledPackage p) {
        return p.type() == PackageType.DEB || p.type() == PackageType.APK ? orElse(p.sourceName(), p.name())
                : p.name();
    }

    private static String advisoryVersion(InstalledPackage p) {
        return p.type() == PackageType.DEB ? orElse(p.sourceVersion(), p.version()) : p.version();
    }

    private static String orElse(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
