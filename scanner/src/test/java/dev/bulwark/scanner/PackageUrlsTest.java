package dev.bulwark.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.PackageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The purls other scanners emit for the same packages, so SBOM consumers match ours. */
class PackageUrlsTest {

    private static InstalledPackage pkg(PackageType type, String name, String version, String arch) {
        return new InstalledPackage(type, name, version, arch, name, version, "", "", "", List.of());
    }

    private static String purl(InstalledPackage p, OsInfo os) {
        return PackageUrls.qualify(p, os).purl();
    }

    @Test
    void debianAndUbuntuNameTheDistroWithItsVersion() {
        assertThat(purl(pkg(PackageType.DEB, "libc6", "2.36-9+deb12u4", "amd64"),
                new OsInfo("debian", "12", "bookworm", "", false)))
                .isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12");
        assertThat(purl(pkg(PackageType.DEB, "bash", "5.1-6ubuntu1", "amd64"),
                new OsInfo("ubuntu", "22.04", "jammy", "", false)))
                .isEqualTo("pkg:deb/ubuntu/bash@5.1-6ubuntu1?arch=amd64&distro=ubuntu-22.04");
    }

    @Test
    void alpineTakesTheReleaseAsDistro() {
        assertThat(purl(pkg(PackageType.APK, "musl", "1.1.24-r2", "x86_64"),
                new OsInfo("alpine", "3.11.5", "", "", false)))
                .isEqualTo("pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=3.11.5");
    }

    @Test
    void rpmEpochMovesToItsQualifierAndRhelIsRedhat() {
        assertThat(purl(pkg(PackageType.RPM, "openssl-libs", "1:3.0.7-24.el9", "x86_64"),
                new OsInfo("rhel", "9.3", "", "", false)))
                .isEqualTo("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rhel-9.3&epoch=1");
        assertThat(purl(pkg(PackageType.RPM, "bash", "5.1.8-6.el9", "x86_64"),
                new OsInfo("almalinux", "9.3", "", "", false)))
                .isEqualTo("pkg:rpm/almalinux/bash@5.1.8-6.el9?arch=x86_64&distro=almalinux-9.3");
    }

    @Test
    void unknownOsLeavesOutTheDistro() {
        assertThat(purl(pkg(PackageType.DEB, "tzdata", "2024a-0+deb12u1", "all"), OsInfo.unknown()))
                .isEqualTo("pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all");
        assertThat(purl(pkg(PackageType.RPM, "bash", "5.1-1", ""), OsInfo.unknown()))
                .isEqualTo("pkg:rpm/bash@5.1-1");
    }

    @Test
    void aPurlAlreadySetIsKept() {
        InstalledPackage p = pkg(PackageType.DEB, "x", "1", "all").withPurl("pkg:deb/other/x@1");
        assertThat(PackageUrls.qualify(p, OsInfo.unknown()).purl()).isEqualTo("pkg:deb/other/x@1");
    }
}
