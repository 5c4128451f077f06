package dev.bulwark.scanner;

import dev.bulwark.core.scan.InstalledPackage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files that OS packages own. A language package read from such a file (the dist-info of
 * {@code python3-yaml}, a jar of {@code libcommons-lang3-java}, a Go binary of {@code skopeo}) was installed by
 * the distribution, which patches and tracks it: it is reported once, as the OS package.
 */
final class OsOwnedFiles {

    private static final String IN_ARCHIVE = "!/";

    private final Set<String> owned;

    private OsOwnedFiles(Set<String> owned) {
        this.owned = owned;
    }

    static OsOwnedFiles of(List<InstalledPackage> osPackages) {
        Set<String> owned = new HashSet<>();
        for (InstalledPackage p : osPackages) {
            for (String f : p.files()) {
                owned.add(f.startsWith("/") ? f.substring(1) : f);
            }
        }
        return new OsOwnedFiles(owned);
    }

    /** The language packages whose file no OS package owns. */
    List<InstalledPackage> drop(List<InstalledPackage> languagePackages) {
        return languagePackages.stream().filter(p -> !owned.contains(outerFile(p.location()))).toList();
    }

    private static String outerFile(String location) {
        int inner = location.indexOf(IN_ARCHIVE);
        return inner < 0 ? location : location.substring(0, inner);
    }
}
