package dev.bulwark.scanner.index.os.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.testing.MapAnalyzerInput;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Release files as the distributions ship them, and what the analyzer must make of them. */
class OsReleaseAnalyzerTest {

    private final OsReleaseAnalyzer analyzer = new OsReleaseAnalyzer();

    private List<OsInfo> detect(String... pathsAndTexts) {
        return analyzer.analyze(MapAnalyzerInput.of(pathsAndTexts)).os();
    }

    static Stream<Arguments> osReleaseFiles() {
        return Stream.of(
                Arguments.of("""
                        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                        NAME="Debian GNU/Linux"
                        VERSION_ID="12"
                        VERSION="12 (bookworm)"
                        VERSION_CODENAME=bookworm
                        ID=debian
                        """, "debian", "12", "bookworm"),
                Arguments.of("""
                        PRETTY_NAME="Ubuntu 22.04.4 LTS"
                        NAME="Ubuntu"
                        VERSION_ID="22.04"
                        VERSION="22.04.4 LTS (Jammy Jellyfish)"
                        VERSION_CODENAME=jammy
                        ID=ubuntu
                        ID_LIKE=debian
                        UBUNTU_CODENAME=jammy
                        """, "ubuntu", "22.04", "jammy"),
                Arguments.of("""
                        NAME="Alpine Linux"
                        ID=alpine
                        VERSION_ID=3.11.5
                        PRETTY_NAME="Alpine Linux v3.11"
                        """, "alpine", "3.11.5", ""),
                Arguments.of("""
                        NAME="AlmaLinux"
                        VERSION="9.3 (Shamrock Pampas Cat)"
                        ID="almalinux"
                        ID_LIKE="rhel centos fedora"
                        VERSION_ID="9.3"
                        PRETTY_NAME="AlmaLinux 9.3 (Shamrock Pampas Cat)"
                        """, "almalinux", "9.3", "Shamrock Pampas Cat"),
                Arguments.of("""
                        NAME="Rocky Linux"
                        VERSION="9.2 (Blue Onyx)"
                        ID="rocky"
                        VERSION_ID="9.2"
                        PRETTY_NAME="Rocky Linux 9.2 (Blue Onyx)"
                        """, "rocky", "9.2", "Blue Onyx"),
                Arguments.of("""
                        NAME="Red Hat Enterprise Linux"
                        VERSION="8.9 (Ootpa)"
                        ID="rhel"
                        VERSION_ID="8.9"
                        PRETTY_NAME="Red Hat Enterprise Linux 8.9 (Ootpa)"
                        """, "rhel", "8.9", "Ootpa"),
                Arguments.of("""
                        NAME="CentOS Linux"
                        VERSION="7 (Core)"
                        ID="centos"
                        VERSION_ID="7"
                        PRETTY_NAME="CentOS Linux 7 (Core)"
                        """, "centos", "7", "Core"),
                Arguments.of("""
                        NAME="Amazon Linux"
                        VERSION="2023"
                        ID="amzn"
                        ID_LIKE="fedora"
                        VERSION_ID="2023"
                        PRETTY_NAME="Amazon Linux 2023.3.20240108"
                        """, "amazon", "2023", ""),
                Arguments.of("""
                        NAME="Common Base Linux Mariner"
                        VERSION="2.0.20240123"
                        ID=mariner
                        VERSION_ID="2.0"
                        PRETTY_NAME="CBL-Mariner/Linux"
                        """, "cbl-mariner", "2.0", ""),
                Arguments.of("""
                        NAME="Microsoft Azure Linux"
                        VERSION="3.0.20240824"
                        ID=azurelinux
                        VERSION_ID="3.0"
                        PRETTY_NAME="Microsoft Azure Linux 3.0"
                        """, "azurelinux", "3.0", ""),
                Arguments.of("""
                        NAME="SLES"
                        VERSION="15-SP5"
                        VERSION_ID="15.5"
                        PRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"
                        ID="sles"
                        ID_LIKE="suse"
                        """, "sles", "15.5", ""),
                Arguments.of("""
                        NAME="openSUSE Leap"
                        VERSION="15.5"
                        ID="opensuse-leap"
                        ID_LIKE="suse opensuse"
                        VERSION_ID="15.5"
                        PRETTY_NAME="openSUSE Leap 15.5"
                        """, "opensuse-leap", "15.5", ""),
                Arguments.of("""
                        NAME="VMware Photon OS"
                        VERSION="5.0"
                        ID=photon
                        VERSION_ID=5.0
                        PRETTY_NAME="VMware Photon OS/Linux"
                        """, "photon", "5.0", ""),
                Arguments.of("""
                        ID=wolfi
                        NAME="Wolfi"
                        PRETTY_NAME="Wolfi"
                        VERSION_ID="20230201"
                        """, "wolfi", "20230201", ""),
                Arguments.of("""
                        NAME="Oracle Linux Server"
                        VERSION="8.9"
                        ID="ol"
                        VERSION_ID="8.9"
                        PRETTY_NAME="Oracle Linux Server 8.9"
                        """, "oracle", "8.9", ""));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("osReleaseFiles")
    void readsOsRelease(String text, String family, String version, String codename) {
        assertThat(detect("etc/os-release", text)).singleElement().satisfies(os -> {
            assertThat(os.family()).isEqualTo(family);
            assertThat(os.version()).isEqualTo(version);
            assertThat(os.codename()).isEqualTo(codename);
            assertThat(os.distroless()).isFalse();
        });
    }

    @Test
    void usrLibOsReleaseServesWhenEtcHasNone() {
        assertThat(detect("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n"))
                .singleElement().isEqualTo(new OsInfo("debian", "12", "bookworm", "", false));
    }

    @Test
    void distrolessIsItsBaseFamilyMarkedDistroless() {
        assertThat(detect("etc/os-release", """
                PRETTY_NAME="Distroless"
                NAME="Debian GNU/Linux"
                ID="debian"
                VERSION_ID="12"
                VERSION="Debian GNU/Linux 12 (bookworm)"
                HOME_URL="https://github.com/GoogleContainerTools/distroless"
                """)).singleElement().satisfies(os -> {
                    assertThat(os.family()).isEqualTo("debian");
                    assertThat(os.version()).isEqualTo("12");
                    assertThat(os.codename()).isEqualTo("bookworm");
                    assertThat(os.distroless()).isTrue();
                });
    }

    @Test
    void debianTestingHasACodenameButNoNumber() {
        assertThat(detect("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nID=debian\n",
                "etc/debian_version", "trixie/sid\n"))
                .singleElement().satisfies(os -> {
                    assertThat(os.version()).isEmpty();
                    assertThat(os.codename()).isEqualTo("trixie");
                });
    }

    @Test
    void quotingAndCommentsFollowOsReleaseRules() {
        assertThat(detect("etc/os-release", """
                # a comment
                ID='alpine'
                VERSION_ID="3.19.1"
                PRETTY_NAME="Alpine \\"Linux\\" v3.19"
                not a line
                =nothing
                """)).singleElement().satisfies(os -> {
                    assertThat(os.family()).isEqualTo("alpine");
                    assertThat(os.version()).isEqualTo("3.19.1");
                    assertThat(os.name()).isEqualTo("Alpine \"Linux\" v3.19");
                });
    }

    @Test
    void lsbReleaseWhenThereIsNoOsRelease() {
        assertThat(detect("etc/lsb-release", """
                DISTRIB_ID=Ubuntu
                DISTRIB_RELEASE=14.04
                DISTRIB_CODENAME=trusty
                DISTRIB_DESCRIPTION="Ubuntu 14.04.6 LTS"
                """)).singleElement().isEqualTo(new OsInfo("ubuntu", "14.04", "trusty", "Ubuntu 14.04.6 LTS", false));
    }

    @Test
    void alpineReleaseAlone() {
        assertThat(detect("etc/alpine-release", "3.11.5\n")).singleElement()
                .satisfies(os -> assertThat(os.family() + " " + os.version()).isEqualTo("alpine 3.11.5"));
    }

    static Stream<Arguments> productReleaseFiles() {
        return Stream.of(
                Arguments.of("etc/centos-release", "CentOS release 6.10 (Final)\n", "centos", "6.10", "Final"),
                Arguments.of("etc/redhat-release", "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n", "rhel",
                        "7.9", "Maipo"),
                Arguments.of("etc/redhat-release", "Rocky Linux release 8.5 (Green Obsidian)\n", "rocky", "8.5",
                        "Green Obsidian"),
                Arguments.of("etc/system-release", "Amazon Linux release 2 (Karoo)\n", "amazon", "2", "Karoo"),
                Arguments.of("etc/mariner-release", "CBL-Mariner 1.0.20210901\nMARINER_BUILD_NUMBER=abc\n",
                        "cbl-mariner", "1.0.20210901", ""),
                Arguments.of("etc/photon-release", "VMware Photon OS 3.0\nPHOTON_BUILD_NUMBER=a0f216d\n", "photon",
                        "3.0", ""),
                Arguments.of("etc/SuSE-release",
                        "SUSE Linux Enterprise Server 12 (x86_64)\nVERSION = 12\nPATCHLEVEL = 3\n", "sles", "12.3",
                        ""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("productReleaseFiles")
    void readsTheOlderReleaseFiles(String path, String text, String family, String version, String codename) {
        assertThat(detect(path, text)).singleElement().satisfies(os -> {
            assertThat(os.family()).isEqualTo(family);
            assertThat(os.version()).isEqualTo(version);
            assertThat(os.codename()).isEqualTo(codename);
        });
    }

    @Test
    void debianVersionAloneGivesTheMajorRelease() {
        assertThat(detect("etc/debian_version", "11.9\n")).singleElement()
                .satisfies(os -> assertThat(os.family() + " " + os.version()).isEqualTo("debian 11"));
    }

    @Test
    void osReleaseWinsOverTheOlderFiles() {
        assertThat(detect("etc/os-release", "ID=centos\nVERSION_ID=\"8\"\n",
                "etc/redhat-release", "CentOS Linux release 8.4.2105\n"))
                .singleElement().satisfies(os -> assertThat(os.version()).isEqualTo("8"));
    }

    @Test
    void noReleaseFileIsAnEmptyResultNotAnError() {
        assertThat(analyzer.analyze(MapAnalyzerInput.of())).isEqualTo(Inventory.empty());
    }

    @Test
    void garbageFallsThroughToTheNextFile() {
        String binary = new String(new char[] {0, 1, 2, 0xfffd, '\n', '=', '='});
        assertThat(detect("etc/os-release", binary, "etc/redhat-release", "not a known product\n",
                "etc/alpine-release", "3.18.4\n")).singleElement()
                .satisfies(os -> assertThat(os.family()).isEqualTo("alpine"));
        assertThat(detect("etc/os-release", binary, "etc/debian_version", "")).isEmpty();
    }

    @Test
    void wantsOnlyReleaseFiles() {
        assertThat(analyzer.wants("etc/os-release")).isTrue();
        assertThat(analyzer.wants("usr/lib/os-release")).isTrue();
        assertThat(analyzer.wants("etc/redhat-release")).isTrue();
        assertThat(analyzer.wants("etc/passwd")).isFalse();
        assertThat(analyzer.wants("x/etc/os-release")).isFalse();
    }
}
