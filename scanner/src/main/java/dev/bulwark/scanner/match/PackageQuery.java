package dev.bulwark.scanner.match;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.vulndb.advisory.Namespaces;
import dev.bulwark.vulndb.version.Ecosystem;
import java.util.Optional;

/**
 * What the database is asked about one installed package: the namespace, the name advisories use for it and the
 * version to compare, in the namespace's ordering. Debian and Ubuntu advisories name source packages and their
 * versions (a binNMU {@code +b1} binary is still its source version); Alpine's name the origin package, whose
 * version every subpackage shares; rpm distributions name binary packages, compared with their epoch.
 */
record PackageQuery(String namespace, String name, String version, Ecosystem ordering, InstalledPackage pkg) {

    /** The query for a package, or empty when its namespace is unknown (no distribution detected, say). */
    static Optional<PackageQuery> of(InstalledPackage p, OsInfo os) {
        Optional<String> namespace = p.type().isOsPackage()
                ? Namespaces.forOs(os.family(), os.version(), os.codename())
                : Namespaces.forLanguage(p.type());
        return namespace.flatMap(ns -> Namespaces.ordering(ns).map(ordering -> switch (p.type()) {
            case DEB -> new PackageQuery(ns, orElse(p.sourceName(), p.name()), orElse(p.sourceVersion(), p.version()),
                    ordering, p);
            case APK -> new PackageQuery(ns, orElse(p.sourceName(), p.name()), p.version(), ordering, p);
            default -> new PackageQuery(ns, p.name(), p.version(), ordering, p);
        }));
    }

    /** Whether the package was looked up under another name than its own (its source package). */
    boolean bySource() {
        return !name.equals(pkg.name());
    }

    private static String orElse(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
