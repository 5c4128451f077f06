package dev.bulwark.scanner;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.core.scan.PackageUrl;
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
        String family = os.isKnown() ? os.family() : "";
        Map<String, String> qualifiers = new HashMap<>();
        qualifiers.put("arch", p.arch());
        String version = p.version();
        String namespace = switch (p.type()) {
            case DEB -> family.isEmpty() ? "debian" : family;
            case APK -> family.isEmpty() ? "alpine" : family;
            case RPM -> family.equals("rhel") ? "redhat" : family;
            default -> throw new IllegalStateException("not an OS package: " + p.type());
        };
        if (os.isKnown() && !os.version().isEmpty()) {
            qualifiers.put("distro", p.type() == PackageType.APK ? os.version()
                    : family + "-" + os.version());
        }
        int colon = version.indexOf(':');
        if (p.type() == PackageType.RPM && colon > 0) {
            qualifiers.put("epoch", version.substring(0, colon));
            version = version.substring(colon + 1);
        }
        return p.withPurl(PackageUrl.of(p.type().id(), namespace, p.name(), version, qualifiers).toString());
    }
}
