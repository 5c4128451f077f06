package dev.bulwark.scanner.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.core.scan.Vulnerability;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.SourceOptions;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleWriter;
import dev.bulwark.vulndb.feed.FeedKind;
import dev.bulwark.vulndb.version.Ecosystem;
import dev.bulwark.vulndb.version.VersionComparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matcher against real feeds: every finding must be explained by a feed record, and every record that applies
 * must be found. What applies is worked out here straight from the feed files, independently of the importers,
 * the bundle and {@code AffectedVersions}: each feed's own simple rule, with the ecosystem's comparator.
 */
class FeedMatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    @TempDir
    static Path dir;

    private static Bundle bundle;

    @BeforeAll
    static void buildDatabase() throws IOException {
        BundleWriter writer = new BundleWriter();
        for (String feed : List.of("alpine-secdb/v3.11", "osv-almalinux/almalinux9", "osv-go", "osv-pypi")) {
            Path path = SharedData.path("feeds/" + feed);
            writer.add(new BundleWriter.Source(feed.startsWith("alpine") ? FeedKind.ALPINE_SECDB : FeedKind.OSV, path));
        }
        writer.write(dir.resolve("db"), Optional.empty(), Instant.now());
        bundle = Bundle.open(dir.resolve("db"), new Bundle.Trust.Unverified());
    }

    @AfterAll
    static void close() {
        if (bundle != null) {
            bundle.close();
        }
    }

    /** A finding as the comparison sees it: package and issue. */
    private record Hit(String pkg, String id) {}

    @Test
    void alpineImageAgainstSecdb() throws IOException {
        ImageInventory inventory;
        try (ImageSource image = ImageSources.open(SharedData.path("fixtures/images/alpine-3.11.tar.gz").toString(),
                SourceOptions.defaults())) {
            inventory = Analyzers.scanner().scan(image, ScanProgress.NONE);
        }
        assertThat(inventory.os().version()).isEqualTo("3.11.5");
        assertMatchesSecdb(inventory.packages(), inventory.os());
    }

    /** The image is newer than every fix in this secdb snapshot, so the same origins at older versions too. */
    @Test
    void olderAlpinePackagesAgainstSecdb() throws IOException {
        JsonNode secdb = YAML.readTree(SharedData.path("feeds/alpine-secdb/v3.11/main.yaml").toFile());
        List<InstalledPackage> packages = new ArrayList<>();
        for (JsonNode entry : secdb.path("packages")) {
            List<String> fixes = new ArrayList<>();
            entry.path("pkg").path("secfixes").fieldNames().forEachRemaining(fixes::add);
            fixes.removeIf(v -> v.equals("0") || !valid(Ecosystem.APK.comparator(), v));
            if (!fixes.isEmpty()) {
                String name = entry.path("pkg").path("name").asText();
                String installed = fixes.stream().sorted(Ecosystem.APK.comparator()).toList().get(fixes.size() / 2);
                packages.add(pkg(PackageType.APK, name + "-libs", installed, name));
            }
        }
        assertThat(packages).hasSizeGreaterThan(100);
        assertMatchesSecdb(packages, new OsInfo("alpine", "3.11.5", "", "", false));
    }

    private void assertMatchesSecdb(List<InstalledPackage> packages, OsInfo os) throws IOException {
        JsonNode secdb = YAML.readTree(SharedData.path("feeds/alpine-secdb/v3.11/main.yaml").toFile());
        VersionComparator apk = Ecosystem.APK.comparator();
        Set<Hit> expected = new HashSet<>();
        for (InstalledPackage p : packages) {
            for (JsonNode entry : secdb.path("packages")) {
                if (!entry.path("pkg").path("name").asText().equals(p.sourceName())) {
                    continue;
                }
                entry.path("pkg").path("secfixes").properties().forEach(fix -> {
                    if (valid(apk, fix.getKey()) && apk.compare(p.version(), fix.getKey()) < 0) {
                        // an entry holds one or more ids, sometimes with a remark: "CVE-2019-18425 XSA-298"
                        fix.getValue().forEach(text -> Stream.of(text.asText().split("\\s+"))
                                .filter(word -> word.matches("[A-Z]+-\\d[-\\d]*\\d"))
                                .forEach(id -> expected.add(new Hit(p.name(), id))));
                    }
                });
            }
        }
        List<Vulnerability> found = new VulnerabilityMatcher(bundle).match(packages, os);
        assertThat(hits(found)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(found).allSatisfy(v -> {
            assertThat(v.namespace()).isEqualTo("alpine:3.11");
            assertThat(v.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(apk.compare(v.installedVersion(), v.fixedVersion())).isNegative();
        });
    }

    @Test
    void almaLinuxOsvAgainstAnRpmInventory() throws IOException {
        List<JsonNode> records = records("feeds/osv-almalinux/almalinux9");
        Map<String, List<String>> fixedByPackage = fixedVersions(records, "AlmaLinux:9");
        List<InstalledPackage> packages = new ArrayList<>();
        VersionComparator rpm = Ecosystem.RPM.comparator();
        fixedByPackage.forEach((name, fixes) -> {
            List<String> sorted = fixes.stream().distinct().sorted(rpm).toList();
            packages.add(pkg(PackageType.RPM, name, sorted.get(sorted.size() / 2), name + "-src"));
        });
        assertThat(packages).hasSizeGreaterThan(300);
        assertAgreesWithOsv(records, "AlmaLinux:9", packages, new OsInfo("almalinux", "9.4", "", "", false), rpm);
    }

    @Test
    void goOsvAgainstAModuleList() throws IOException {
        List<JsonNode> records = records("feeds/osv-go");
        List<InstalledPackage> modules = languagePackages(PackageType.GOLANG, fixedVersions(records, "Go"),
                Ecosystem.GO.comparator());
        assertAgreesWithOsv(records, "Go", modules, OsInfo.unknown(), Ecosystem.GO.comparator());
    }

    @Test
    void pypiOsvAgainstARequirementsList() throws IOException {
        List<JsonNode> records = records("feeds/osv-pypi");
        List<InstalledPackage> dists = languagePackages(PackageType.PYPI, fixedVersions(records, "PyPI"),
                Ecosystem.PYPI.comparator());
        assertAgreesWithOsv(records, "PyPI", dists, OsInfo.unknown(), Ecosystem.PYPI.comparator());
    }

    private static List<InstalledPackage> languagePackages(PackageType type, Map<String, List<String>> fixes,
            VersionComparator order) {
        List<InstalledPackage> packages = new ArrayList<>();
        fixes.forEach((name, versions) -> {
            List<String> sorted = versions.stream().distinct().filter(v -> valid(order, v)).sorted(order).toList();
            if (!sorted.isEmpty()) {
                packages.add(pkg(type, name, sorted.get(sorted.size() / 2), ""));
            }
        });
        assertThat(packages).hasSizeGreaterThan(200);
        return packages;
    }

    /**
     * Expected findings by the plain reading of OSV: a package is affected when its version is listed, or lies in
     * an [introduced, fixed) or [introduced, last_affected] span of a range whose events the feed lists in order.
     */
    private void assertAgreesWithOsv(List<JsonNode> records, String ecosystem, List<InstalledPackage> packages,
            OsInfo os, VersionComparator order) {
        Map<String, InstalledPackage> byName = new LinkedHashMap<>();
        packages.forEach(p -> byName.put(p.name(), p));
        Set<Hit> expected = new HashSet<>();
        for (JsonNode r : records) {
            if (!r.path("withdrawn").asText().isEmpty()) {
                continue;
            }
            for (JsonNode a : r.path("affected")) {
                InstalledPackage p = byName.get(a.path("package").path("name").asText());
                if (p != null && a.path("package").path("ecosystem").asText().equals(ecosystem)
                        && affected(a, p.version(), order)) {
                    expected.add(new Hit(p.name(), issue(r)));
                }
            }
        }
        List<Vulnerability> found = new VulnerabilityMatcher(bundle).match(packages, os);
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(issueHits(found, records)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static boolean affected(JsonNode a, String version, VersionComparator order) {
        for (JsonNode v : a.path("versions")) {
            if (v.asText().equals(version)) {
                return true;
            }
        }
        for (JsonNode range : a.path("ranges")) {
            if (range.path("type").asText().equals("GIT")) {
                continue;
            }
            String introduced = null;
            for (JsonNode e : range.path("events")) {
                if (e.has("introduced")) {
                    introduced = e.path("introduced").asText();
                } else if (introduced != null && (e.has("fixed") || e.has("last_affected"))) {
                    boolean fixed = e.has("fixed");
                    String end = fixed ? e.path("fixed").asText() : e.path("last_affected").asText();
                    if (!valid(order, end) || !introduced.equals("0") && !valid(order, introduced)) {
                        introduced = null;
                        continue;
                    }
                    boolean above = introduced.equals("0") || order.compare(version, introduced) >= 0;
                    int c = order.compare(version, end);
                    if (above && (fixed ? c < 0 : c <= 0)) {
                        return true;
                    }
                    introduced = null;
                }
            }
            if (introduced != null && (introduced.equals("0") || valid(order, introduced)
                    && order.compare(version, introduced) >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** The issue a record is about, as findings are deduplicated: its first CVE (alias or related), else its id. */
    private static String issue(JsonNode r) {
        String id = r.path("id").asText();
        if (id.startsWith("CVE-")) {
            return id;
        }
        for (JsonNode other : (Iterable<JsonNode>) Stream.concat(r.path("aliases").valueStream(),
                r.path("related").valueStream())::iterator) {
            if (other.asText().startsWith("CVE-")) {
                return other.asText();
            }
        }
        return id;
    }

    private static Set<Hit> issueHits(List<Vulnerability> found, List<JsonNode> records) {
        Map<String, String> issues = new LinkedHashMap<>();
        records.forEach(r -> issues.put(r.path("id").asText(), issue(r)));
        Set<Hit> hits = new TreeSet<>((x, y) -> (x.pkg + x.id).compareTo(y.pkg + y.id));
        found.forEach(v -> hits.add(new Hit(v.packageName(), issues.getOrDefault(v.id(), v.id()))));
        assertThat(found).as("one finding per package and issue").hasSameSizeAs(hits);
        return hits;
    }

    private static Set<Hit> hits(List<Vulnerability> found) {
        Set<Hit> hits = new HashSet<>();
        found.forEach(v -> hits.add(new Hit(v.packageName(), v.id())));
        return hits;
    }

    private static Map<String, List<String>> fixedVersions(List<JsonNode> records, String ecosystem) {
        Map<String, List<String>> fixes = new LinkedHashMap<>();
        for (JsonNode r : records) {
            for (JsonNode a : r.path("affected")) {
                if (!a.path("package").path("ecosystem").asText().equals(ecosystem)) {
                    continue;
                }
                for (JsonNode range : a.path("ranges")) {
                    for (JsonNode e : range.path("events")) {
                        if (e.has("fixed")) {
                            fixes.computeIfAbsent(a.path("package").path("name").asText(), k -> new ArrayList<>())
                                    .add(e.path("fixed").asText());
                        }
                    }
                }
            }
        }
        return fixes;
    }

    private static List<JsonNode> records(String feed) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SharedData.path(feed))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (f.toString().endsWith(".json")) {
                    records.add(JSON.readTree(f.toFile()));
                } else if (f.toString().endsWith(".yaml")) {
                    records.add(YAML.readTree(f.toFile()));
                }
            }
        }
        return records;
    }

    private static boolean valid(VersionComparator order, String version) {
        try {
            order.validate(version);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static InstalledPackage pkg(PackageType type, String name, String version, String source) {
        return new InstalledPackage(type, name, version, "x86_64", source, source.isEmpty() ? "" : version, "", "",
                "", List.of());
    }
}
