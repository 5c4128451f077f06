package dev.bulwark.vulndb.advisory;

import dev.bulwark.core.scan.PackageType;
import dev.bulwark.vulndb.version.Ecosystem;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Namespace names, the key under which advisories and installed packages meet: {@code family:release} for
 * distributions (the release cut to what the vendor's advisories track: Debian and RHEL-likes by major version,
 * Alpine and Ubuntu by major.minor), and the OSV ecosystem name for language ecosystems.
 */
public final class Namespaces {

    /** Debian release codenames, for the tracker and for images that only name their codename. */
    public static final Map<String, String> DEBIAN_CODENAMES = Map.of("stretch", "9", "buster", "10",
            "bullseye", "11", "bookworm", "12", "trixie", "13", "forky", "14");

    private static final Set<String> LANGUAGE_ECOSYSTEMS = Set.of("Go", "PyPI", "Maven", "npm", "crates.io",
            "RubyGems", "Packagist", "NuGet", "Hex", "Pub");
    private static final Set<String> MAJOR_ONLY = Set.of("debian", "almalinux", "rocky", "rhel", "centos", "oracle",
            "fedora", "amazon");
    private static final Set<String> MAJOR_MINOR = Set.of("alpine", "ubuntu");
    private static final Set<String> ROLLING = Set.of("wolfi", "chainguard");
    private static final Set<String> APK_FAMILIES = Set.of("alpine", "wolfi", "chainguard");
    private static final Set<String> DEB_FAMILIES = Set.of("debian", "ubuntu");
    private static final Map<PackageType, String> LANGUAGE_NAMESPACES = Map.of(PackageType.GOLANG, "Go",
            PackageType.PYPI, "PyPI", PackageType.MAVEN, "Maven", PackageType.NPM, "npm", PackageType.CARGO,
            "crates.io", PackageType.GEM, "RubyGems", PackageType.COMPOSER, "Packagist", PackageType.NUGET, "NuGet");
    private static final Map<String, Ecosystem> LANGUAGE_ORDERINGS = Map.of("Go", Ecosystem.GO, "PyPI",
            Ecosystem.PYPI, "Maven", Ecosystem.MAVEN, "npm", Ecosystem.SEMVER, "crates.io", Ecosystem.SEMVER,
            "RubyGems", Ecosystem.GEM, "Packagist", Ecosystem.COMPOSER, "NuGet", Ecosystem.NUGET);

    private Namespaces() {}

    /** The namespace for an image's distribution; empty when it cannot be placed. */
    public static Optional<String> forOs(String family, String version, String codename) {
        String release = version.isEmpty() && family.equals("debian")
                ? DEBIAN_CODENAMES.getOrDefault(codename, "") : version;
        if (ROLLING.contains(family)) {
            return Optional.of(family);
        }
        if (family.isEmpty() || family.equals("unknown") || release.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = release.split("\\.");
        if (MAJOR_ONLY.contains(family)) {
            return Optional.of(family + ":" + parts[0]);
        }
        if (MAJOR_MINOR.contains(family)) {
            return Optional.of(family + ":" + parts[0] + (parts.length > 1 ? "." + parts[1] : ""));
        }
        return Optional.of(family + ":" + release);
    }

    /**
     * The namespace for an OSV {@code ecosystem}: language ecosystems as they are, distributions as
     * {@code family:release} ({@code AlmaLinux:8} is {@code almalinux:8}, {@code Alpine:v3.18} is
     * {@code alpine:3.18}, {@code Ubuntu:22.04:LTS} is {@code ubuntu:22.04}). Ubuntu Pro (ESM) and unknown
     * ecosystems have none.
     */
    public static Optional<String> forOsvEcosystem(String ecosystem) {
        if (LANGUAGE_ECOSYSTEMS.contains(ecosystem)) {
            return Optional.of(ecosystem);
        }
        String[] parts = ecosystem.split(":");
        if (parts.length < 2 || parts[1].isBlank()) {
            return Optional.empty();
        }
        String family = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "almalinux" -> "almalinux";
            case "rocky linux" -> "rocky";
            case "alpine" -> "alpine";
            case "debian" -> "debian";
            case "ubuntu" -> parts[1].equals("Pro") ? "" : "ubuntu";
            case "red hat" -> "rhel";
            default -> "";
        };
        if (family.isEmpty()) {
            return Optional.empty();
        }
        String release = parts[1].startsWith("v") ? parts[1].substring(1) : parts[1];
        return forOs(family, release, "");
    }

    /** The namespace of a language package ({@code PyPI} for a pypi package); empty for OS packages. */
    public static Optional<String> forLanguage(PackageType type) {
        return Optional.ofNullable(LANGUAGE_NAMESPACES.get(type));
    }

    /**
     * The version ordering of a namespace: the distribution's package manager's for {@code family:release}
     * namespaces (dpkg for Debian and Ubuntu, apk for Alpine and Wolfi, rpm for the others), the language's own
     * otherwise; empty for a namespace Bulwark cannot order (Hex, Pub).
     */
    public static Optional<Ecosystem> ordering(String namespace) {
        if (LANGUAGE_ECOSYSTEMS.contains(namespace)) {
            return Optional.ofNullable(LANGUAGE_ORDERINGS.get(namespace));
        }
        String family = namespace.contains(":") ? namespace.substring(0, namespace.indexOf(':')) : namespace;
        if (DEB_FAMILIES.contains(family)) {
            return Optional.of(Ecosystem.DEB);
        }
        return Optional.of(APK_FAMILIES.contains(family) ? Ecosystem.APK : Ecosystem.RPM);
    }
}
