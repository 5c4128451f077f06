package dev.bulwark.vulndb.ecosystem;

import dev.bulwark.core.scan.PackageType;
import dev.bulwark.vulndb.version.Ecosystem;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The language ecosystems Bulwark knows, one row each: the package type, the OSV ecosystem name (which is also
 * the advisory namespace), the version ordering, and how names are folded so that spellings the ecosystem treats
 * as equal meet.
 */
public enum LanguageEcosystem {
    GOLANG(PackageType.GOLANG, "Go", Ecosystem.GO, NameFolding.NONE),
    PYPI(PackageType.PYPI, "PyPI", Ecosystem.PYPI, NameFolding.PEP_503),
    MAVEN(PackageType.MAVEN, "Maven", Ecosystem.MAVEN, NameFolding.NONE),
    NPM(PackageType.NPM, "npm", Ecosystem.SEMVER, NameFolding.NONE),
    CARGO(PackageType.CARGO, "crates.io", Ecosystem.SEMVER, NameFolding.NONE),
    GEM(PackageType.GEM, "RubyGems", Ecosystem.GEM, NameFolding.NONE),
    COMPOSER(PackageType.COMPOSER, "Packagist", Ecosystem.COMPOSER, NameFolding.LOWER_CASE),
    NUGET(PackageType.NUGET, "NuGet", Ecosystem.NUGET, NameFolding.LOWER_CASE);

    /** GitHub reviews advisories of every language ecosystem; its rating is the vendor's. */
    private static final Set<String> VENDOR_RATINGS = Set.of("ghsa");

    /** How an ecosystem's registry compares package names. */
    enum NameFolding {
        NONE,
        LOWER_CASE,
        /** Lower case, runs of {@code -_.} as one {@code -}. */
        PEP_503;

        private String fold(String name) {
            return switch (this) {
                case NONE -> name;
                case LOWER_CASE -> name.toLowerCase(Locale.ROOT);
                case PEP_503 -> name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            };
        }
    }

    private final PackageType type;
    private final String osvName;
    private final Ecosystem ordering;
    private final NameFolding folding;

    LanguageEcosystem(PackageType type, String osvName, Ecosystem ordering, NameFolding folding) {
        this.type = type;
        this.osvName = osvName;
        this.ordering = ordering;
        this.folding = folding;
    }

    public PackageType type() {
        return type;
    }

    /** The advisory namespace: the OSV ecosystem name ({@code PyPI}, {@code crates.io}). */
    public String namespace() {
        return osvName;
    }

    public Ecosystem ordering() {
        return ordering;
    }

    /** The severity sources whose rating is the vendor's own. */
    public Set<String> vendorRatings() {
        return VENDOR_RATINGS;
    }

    /** The name as advisories are stored and looked up under. */
    public String foldName(String name) {
        return folding.fold(name);
    }

    /** The ecosystem of a language package type; empty for OS package types. */
    public static Optional<LanguageEcosystem> of(PackageType type) {
        return Arrays.stream(values()).filter(e -> e.type == type).findFirst();
    }

    /** By namespace, which is the OSV ecosystem name. */
    public static Optional<LanguageEcosystem> byNamespace(String namespace) {
        return Arrays.stream(values()).filter(e -> e.osvName.equals(namespace)).findFirst();
    }
}
