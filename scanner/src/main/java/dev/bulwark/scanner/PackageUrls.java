package dev.bulwark.scanner;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.core.scan.PackageUrl;
import dev.bulwark.vulndb.ecosystem.Distribution;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives each OS package its purl once the distribution is known, in the form other scanners emit so that SBOM
 * consumers match them: {@code pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12},
 * {@code pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=3.11.5},
 * {@code pkg:rpm/almalinux/bash@5.1.8-6.el9?arch=x86_64&distro=almalinux-9.3&epoch=1}. The epoch of an rpm
 * goes into its own qualifier, as the purl spec asks.
 */
final class PackageUrls {

    private PackageUrls() {}

    static InstalledPackage qualify(InstalledPackage p, OsInfo os) {
        if (!p.purl().isEmpty() || !p.type().isOsPackage()) {
            return p;
        }
        Map<String, String> qualifiers = new HashMap<>();
        qualifiers.put("arch", p.arch());
        String version = p.version();
        if (os.isKnown() && !os.version().isEmpty()) {
            qualifiers.put("distro", p.type() == PackageType.APK ? os.version()
                    : os.family() + "-" + os.version());
        }
        int colon = version.indexOf(':');
        if (p.type() == PackageType.RPM && colon > 0) {
            qualifiers.put("epoch", version.substring(0, colon));
            version = version.substring(colon + 1);
        }
        return p.withPurl(PackageUrl.of(p.type().id(), namespace(p.type(), os), p.name(), version, qualifiers)
                .toString());
    }

    /**
     * The distribution's purl namespace. A deb or apk package of an image that names no distribution is taken for
     * Debian's or Alpine's, the homes of those formats; rpm has too many to guess one.
     */
    private static String namespace(PackageType type, OsInfo os) {
        if (os.isKnown()) {
            return Distribution.of(os).map(Distribution::purlNamespace).orElse(os.family());
        }
        return switch (type) {
            case DEB -> Distribution.DEBIAN.purlNamespace();
            case APK -> Distribution.ALPINE.purlNamespace();
            default -> "";
        };
    }
}
