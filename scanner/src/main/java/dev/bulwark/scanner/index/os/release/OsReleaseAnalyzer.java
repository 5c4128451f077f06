package dev.bulwark.scanner.index.os.release;

import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.AnalyzerInput;
import dev.bulwark.scanner.index.FileContent;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.vulndb.ecosystem.Distribution;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the distribution: {@code os-release} first (what every current distribution ships), then
 * {@code lsb-release}, {@code alpine-release}, the one-line {@code *-release} files of the rpm distributions and
 * {@code debian_version} for images too old or too stripped to have it. Finding nothing is not an error: the
 * result is simply empty and the report says the OS is unknown.
 */
public final class OsReleaseAnalyzer implements Analyzer {

    /** Checked in this order; the first that names a product wins. */
    private static final List<String> PRODUCT_RELEASE_FILES = List.of("etc/centos-release", "etc/rocky-release",
            "etc/almalinux-release", "etc/oracle-release", "etc/fedora-release", "etc/redhat-release",
            "etc/system-release", "etc/mariner-release", "etc/azurelinux-release", "etc/photon-release",
            "etc/SuSE-release");
    private static final Set<String> WANTED = Stream.concat(Stream.of("etc/os-release", "usr/lib/os-release",
            "etc/lsb-release", "etc/alpine-release", "etc/debian_version"), PRODUCT_RELEASE_FILES.stream())
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern VERSION = Pattern.compile("\\d+(?:\\.\\d+)*");
    private static final Pattern PARENTHESIZED = Pattern.compile("\\(([^)]+)\\)");
    private static final long MAX_RELEASE_FILE = 64 << 10;

    @Override
    public String name() {
        return "os-release";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean wants(String path) {
        return WANTED.contains(path);
    }

    @Override
    public long maxFileSize() {
        return MAX_RELEASE_FILE;
    }

    @Override
    public Inventory analyze(AnalyzerInput input) {
        return fromOsRelease(input)
                .or(() -> fromLsbRelease(input))
                .or(() -> text(input, "etc/alpine-release").flatMap(t -> firstVersion(t)
                        .map(v -> new OsInfo(Distribution.ALPINE.id(), v, "", "Alpine Linux v" + v, false))))
                .or(() -> fromProductRelease(input))
                .or(() -> text(input, "etc/debian_version").flatMap(OsReleaseAnalyzer::fromDebianVersion))
                .map(Inventory::ofOs)
                .orElse(Inventory.empty());
    }

    private static Optional<OsInfo> fromOsRelease(AnalyzerInput input) {
        Optional<String> file = text(input, "etc/os-release").or(() -> text(input, "usr/lib/os-release"));
        return file.map(KeyValueFile::parse).filter(v -> !v.getOrDefault("ID", "").isBlank()).map(v -> {
            String family = familyOfId(v.get("ID"));
            String codename = first(v, "VERSION_CODENAME", "UBUNTU_CODENAME")
                    .or(() -> parenthesized(v.getOrDefault("VERSION", "")))
                    .or(() -> family.equals(Distribution.DEBIAN.id()) ? text(input, "etc/debian_version")
                            .filter(t -> !t.isEmpty() && !Character.isDigit(t.charAt(0)))
                            .map(t -> t.split("/")[0]) : Optional.empty())
                    .orElse("");
            String pretty = first(v, "PRETTY_NAME", "NAME").orElse("");
            return new OsInfo(family, v.getOrDefault("VERSION_ID", ""), codename, pretty,
                    pretty.startsWith("Distroless"));
        });
    }

    private static Optional<OsInfo> fromLsbRelease(AnalyzerInput input) {
        return text(input, "etc/lsb-release").map(KeyValueFile::parse)
                .filter(v -> !v.getOrDefault("DISTRIB_ID", "").isBlank())
                .map(v -> new OsInfo(familyOfId(v.get("DISTRIB_ID")),
                        v.getOrDefault("DISTRIB_RELEASE", ""), v.getOrDefault("DISTRIB_CODENAME", ""),
                        v.getOrDefault("DISTRIB_DESCRIPTION", ""), false));
    }

    private static Optional<OsInfo> fromProductRelease(AnalyzerInput input) {
        for (String path : PRODUCT_RELEASE_FILES) {
            Optional<OsInfo> os = text(input, path).flatMap(OsReleaseAnalyzer::fromProductLine);
            if (os.isPresent()) {
                return os;
            }
        }
        return Optional.empty();
    }

    /** "CentOS Linux release 7.9.2009 (Core)", "CBL-Mariner 2.0.20220226", SuSE-release's VERSION/PATCHLEVEL. */
    private static Optional<OsInfo> fromProductLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return Distribution.byProductLine(line).map(distribution -> {
            Map<String, String> keys = KeyValueFile.parse(text);
            String version = keys.containsKey("VERSION") && keys.containsKey("PATCHLEVEL")
                    ? keys.get("VERSION") + "." + keys.get("PATCHLEVEL")
                    : firstVersion(line).orElse("");
            // SuSE-release puts the architecture in parentheses, the others a codename
            String codename = distribution == Distribution.SLES ? "" : parenthesized(line).orElse("");
            return new OsInfo(distribution.id(), version, codename, line, false);
        });
    }

    /** "12.5" is Debian 12; "trixie/sid" is the testing release with no number yet. */
    private static Optional<OsInfo> fromDebianVersion(String text) {
        String line = text.strip();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        if (Character.isDigit(line.charAt(0))) {
            String major = line.split("\\.")[0];
            return Optional.of(new OsInfo(Distribution.DEBIAN.id(), major, "", "Debian GNU/Linux " + line, false));
        }
        String codename = line.split("/")[0];
        return Optional.of(new OsInfo(Distribution.DEBIAN.id(), "", codename, "Debian GNU/Linux " + line, false));
    }

    /** The family of an os-release {@code ID}: the known distribution's, else the id in lower case. */
    private static String familyOfId(String id) {
        return Distribution.byOsReleaseId(id).map(Distribution::id).orElse(id.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> text(AnalyzerInput input, String path) {
        return input.file(path).map(FileContent::text);
    }

    private static Optional<String> first(Map<String, String> values, String... keys) {
        for (String key : keys) {
            String value = values.getOrDefault(key, "");
            if (!value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstVersion(String text) {
        Matcher m = VERSION.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    private static Optional<String> parenthesized(String text) {
        Matcher m = PARENTHESIZED.matcher(text);
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }
}
