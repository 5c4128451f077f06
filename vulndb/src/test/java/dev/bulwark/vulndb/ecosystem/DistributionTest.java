package dev.bulwark.vulndb.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.OsInfo;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(nullValues = "none", value = {
        "debian, 12.5, '', debian:12",
        "debian, '', bookworm, debian:12",
        "debian, '', sid, none",
        "ubuntu, 22.04, jammy, ubuntu:22.04",
        "alpine, 3.11.5, '', alpine:3.11",
        "alpine, 3, '', alpine:3",
        "rhel, 9.3, '', rhel:9",
        "almalinux, 8.10, '', almalinux:8",
        "wolfi, 20230201, '', wolfi",
        "chainguard, '', '', chainguard",
        "cbl-mariner, 2.0.20220226, '', cbl-mariner:2.0.20220226",
        "sles, 15.5, '', sles:15.5",
        "rocky, '', '', none"})
    void namespaceKeepsWhatTheVendorTracksOfTheRelease(String family, String version, String codename,
            String namespace) {
        OsInfo os = new OsInfo(family, version, codename, "", false);
        assertThat(Distribution.of(os).flatMap(d -> d.namespace(os.version(), os.codename())))
                .isEqualTo(Optional.ofNullable(namespace));
    }

    @Test
    void unknownFamiliesHaveNoRow() {
        assertThat(Distribution.of(OsInfo.unknown())).isEmpty();
        assertThat(Distribution.byId("gentoo")).isEmpty();
    }

    @Test
    void idsAndOsvNamesAreUniqueAndEveryFormatIsAnOsPackageFormat() {
        assertThat(Arrays.stream(Distribution.values()).map(Distribution::id)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Distribution.values())).allSatisfy(d -> {
            assertThat(d.format().isOsPackage()).as(d.id()).isTrue();
            assertThat(d.ordering().id()).isEqualTo(d.format().id());
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"amzn, AMAZON", "OL, ORACLE", "redhat, RHEL", "sles_sap, SLES", "opensuse, OPENSUSE_LEAP",
        "debian, DEBIAN", "mariner, CBL_MARINER"})
    void osReleaseIdsMapToTheirFamily(String id, Distribution distribution) {
        assertThat(Distribution.byOsReleaseId(id)).contains(distribution);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'Rocky Linux release 8.5 (Green Obsidian)', ROCKY",
        "'Red Hat Enterprise Linux release 9.3 (Plow)', RHEL", "'CBL-Mariner 2.0.20220226', CBL_MARINER",
        "'openSUSE 13.1 (x86_64)', OPENSUSE_LEAP", "'SUSE Linux Enterprise Server 12 (x86_64)', SLES"})
    void productLinesNameTheirDistribution(String line, Distribution distribution) {
        assertThat(Distribution.byProductLine(line)).contains(distribution);
    }

    @Test
    void osvNamesIgnoreCaseAndCodenamesGiveReleases() {
        assertThat(Distribution.byOsvName("rocky linux")).contains(Distribution.ROCKY);
        assertThat(Distribution.byOsvName("Red Hat")).contains(Distribution.RHEL);
        assertThat(Distribution.byOsvName("Wolfi")).isEmpty();
        assertThat(Distribution.DEBIAN.release("trixie")).contains("13");
    }
}
