package dev.bulwark.scanner;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;

/** Gives each OS package its purl once the distribution is known. */
final class PackageUrls {

    private PackageUrls() {}

    static InstalledPackage qualify(InstalledPackage p, OsInfo os) {
        return p;
    }
}
