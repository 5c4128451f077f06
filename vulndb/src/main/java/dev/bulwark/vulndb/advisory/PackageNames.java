package dev.bulwark.vulndb.advisory;

import java.util.Locale;

/**
 * The form of a package name under which advisories are stored and looked up, so that spellings the ecosystem
 * treats as equal meet: PyPI names per PEP 503 (lower case, runs of {@code -_.} as one {@code -}), NuGet and
 * Packagist names in lower case; all others exactly as written.
 */
public final class PackageNames {

    private PackageNames() {}

    public static String normalize(String namespace, String name) {
        return switch (namespace) {
            case "PyPI" -> name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            case "NuGet", "Packagist" -> name.toLowerCase(Locale.ROOT);
            default -> name;
        };
    }
}
