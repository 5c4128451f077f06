package dev.bulwark.vulndb.ecosystem;

import static dev.bulwark.core.scan.PackageType.APK;
import static dev.bulwark.core.scan.PackageType.DEB;
import static dev.bulwark.core.scan.PackageType.RPM;

import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.vulndb.version.Ecosystem;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The distributions Bulwark knows, one row each. Columns: the family id (as feeds name it, and as
 * {@link OsInfo#family()} carries it), the package format, how much of the release the vendor's advisories track,
 * the purl namespace, the OSV ecosystem name (empty when OSV has none), the severity sources of the vendor's own
 * rating, other {@code ID}s its os-release files use, the product names its older {@code *-release} files start
 * with (lower case), and release codenames (for images that name only their codename).
 */
public enum Distribution {
    ALPINE("alpine", APK, Releases.MAJOR_MINOR, "alpine", "Alpine", Set.of(), Set.of(), List.of(), Map.of()),
    WOLFI("wolfi", APK, Releases.ROLLING, "wolfi", "", Set.of(), Set.of(), List.of(), Map.of()),
    CHAINGUARD("chainguard", APK, Releases.ROLLING, "chainguard", "", Set.of(), Set.of(), List.of(), Map.of()),
    DEBIAN("debian", DEB, Releases.MAJOR, "debian", "Debian", Set.of("debian"), Set.of(), List.of(),
            Map.of("stretch", "9", "buster", "10", "bullseye", "11", "bookworm", "12", "trixie", "13", "forky", "14")),
    UBUNTU("ubuntu", DEB, Releases.MAJOR_MINOR, "ubuntu", "Ubuntu", Set.of("ubuntu"), Set.of(), List.of(), Map.of()),
    RHEL("rhel", RPM, Releases.MAJOR, "redhat", "Red Hat", Set.of("rhsa", "rhba", "rhea"), Set.of("redhat"),
            List.of("red hat enterprise linux"), Map.of()),
    CENTOS("centos", RPM, Releases.MAJOR, "centos", "", Set.of(), Set.of(), List.of("centos"), Map.of()),
    ROCKY("rocky", RPM, Releases.MAJOR, "rocky", "Rocky Linux", Set.of("rlsa", "rxsa"), Set.of(),
            List.of("rocky linux"), Map.of()),
    ALMALINUX("almalinux", RPM, Releases.MAJOR, "almalinux", "AlmaLinux", Set.of("alsa", "alba", "alea"), Set.of(),
            List.of("almalinux"), Map.of()),
    ORACLE("oracle", RPM, Releases.MAJOR, "oracle", "", Set.of(), Set.of("ol"), List.of("oracle linux"), Map.of()),
    FEDORA("fedora", RPM, Releases.MAJOR, "fedora", "", Set.of(), Set.of(), List.of("fedora"), Map.of()),
    AMAZON("amazon", RPM, Releases.MAJOR, "amazon", "", Set.of(), Set.of("amzn"), List.of("amazon linux"), Map.of()),
    CBL_MARINER("cbl-mariner", RPM, Releases.FULL, "cbl-mariner", "", Set.of(), Set.of("mariner"),
            List.of("cbl-mariner"), Map.of()),
    AZURE_LINUX("azurelinux", RPM, Releases.FULL, "azurelinux", "", Set.of(), Set.of(),
            List.of("microsoft azure linux"), Map.of()),
    PHOTON("photon", RPM, Releases.FULL, "photon", "", Set.of(), Set.of(), List.of("vmware photon os"), Map.of()),
    SLES("sles", RPM, Releases.FULL, "sles", "", Set.of(), Set.of("sles_sap", "sled"),
            List.of("suse linux enterprise"), Map.of()),
    OPENSUSE_LEAP("opensuse-leap", RPM, Releases.FULL, "opensuse-leap", "", Set.of(), Set.of("opensuse"),
            List.of("opensuse"), Map.of());

    /** How much of a release number a namespace keeps. */
    enum Releases {
        /** No releases: one namespace for the whole distribution. */
        ROLLING(0),
        /** {@code 12.5} is {@code 12}. */
        MAJOR(1),
        /** {@code 3.11.5} is {@code 3.11}. */
        MAJOR_MINOR(2),
        /** The release as the image gives it. */
        FULL(Integer.MAX_VALUE);

        private final int parts;

        Releases(int parts) {
            this.parts = parts;
        }

        private Optional<String> namespace(String id, String release) {
            if (parts == 0) {
                return Optional.of(id);
            }
            if (release.isEmpty()) {
                return Optional.empty();
            }
            List<String> numbers = List.of(release.split("\\."));
            return Optional.of(id + ":" + String.join(".", numbers.subList(0, Math.min(parts, numbers.size()))));
        }
    }

    private final String id;
    private final PackageType format;
    private final Releases releases;
    private final String purlNamespace;
    private final String osvName;
    private final Set<String> vendorRatings;
    private final Set<String> otherOsReleaseIds;
    private final List<String> productNames;
    private final Map<String, String> codenames;

    Distribution(String id, PackageType format, Releases releases, String purlNamespace, String osvName,
            Set<String> vendorRatings, Set<String> otherOsReleaseIds, List<String> productNames,
            Map<String, String> codenames) {
        this.id = id;
        this.format = format;
        this.releases = releases;
        this.purlNamespace = purlNamespace;
        this.osvName = osvName;
        this.vendorRatings = vendorRatings;
        this.otherOsReleaseIds = otherOsReleaseIds;
        this.productNames = productNames;
        this.codenames = codenames;
    }

    /** The family id: {@code debian}, {@code rhel}, {@code cbl-mariner}. */
    public String id() {
        return id;
    }

    /** The format its package manager installs. */
    public PackageType format() {
        return format;
    }

    /** The version ordering of its packages: its package manager's. */
    public Ecosystem ordering() {
        return switch (format) {
            case DEB -> Ecosystem.DEB;
            case APK -> Ecosystem.APK;
            case RPM -> Ecosystem.RPM;
            default -> throw new IllegalStateException("not an OS package format: " + format);
        };
    }

    /** The purl namespace of its packages ({@code redhat} for RHEL). */
    public String purlNamespace() {
        return purlNamespace;
    }

    /** The severity sources whose rating is the vendor's own ({@code rhsa}, {@code debian}). */
    public Set<String> vendorRatings() {
        return vendorRatings;
    }

    /**
     * The namespace of a release ({@code debian:12}, {@code alpine:3.11}, {@code wolfi}), the release cut to what
     * the vendor's advisories track; empty when neither the version nor a known codename names a release.
     */
    public Optional<String> namespace(String version, String codename) {
        return releases.namespace(id, version.isEmpty() ? codenames.getOrDefault(codename, "") : version);
    }

    /** The release number of a codename ({@code bookworm} is {@code 12}). */
    public Optional<String> release(String codename) {
        return Optional.ofNullable(codenames.get(codename));
    }

    /** The distribution an image was found to run; empty when it is not one Bulwark knows. */
    public static Optional<Distribution> of(OsInfo os) {
        return byId(os.family());
    }

    /** By family id. */
    public static Optional<Distribution> byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }

    /** By an os-release {@code ID}, ignoring case: its family id or another id it uses ({@code amzn}). */
    public static Optional<Distribution> byOsReleaseId(String osReleaseId) {
        String lower = osReleaseId.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.id.equals(lower) || d.otherOsReleaseIds.contains(lower))
                .findFirst();
    }

    /** By the product line a {@code *-release} file starts with ("Rocky Linux release 8.5"); the longest name wins. */
    public static Optional<Distribution> byProductLine(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        record Named(Distribution distribution, String name) {}
        return Arrays.stream(values()).flatMap(d -> d.productNames.stream().map(n -> new Named(d, n)))
                .filter(n -> lower.startsWith(n.name()))
                .max(Comparator.comparingInt(n -> n.name().length()))
                .map(Named::distribution);
    }

    /** By the distribution part of an OSV ecosystem name ({@code Rocky Linux} of {@code Rocky Linux:8}), ignoring case. */
    public static Optional<Distribution> byOsvName(String name) {
        return Arrays.stream(values()).filter(d -> !d.osvName.isEmpty() && d.osvName.equalsIgnoreCase(name))
                .findFirst();
    }
}
