package dev.bulwark.scanner.index.lang.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.RootDirectory;
import dev.bulwark.scanner.testing.AdvisoryDatabase;
import dev.bulwark.scanner.testing.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code npm install} from the npm registry of a project with known vulnerable versions, checked against
 * what {@code npm ls --all --json} reports and matched against the GitHub advisories of ../shared.
 */
class NpmInstallIT {

    @TempDir
    static Path root;

    static Path project;

    @BeforeAll
    static void install() throws IOException {
        assumeTrue(Command.executable("npm").isPresent(), "npm is not installed: test skipped");
        project = root.resolve("srv/app");
        Files.createDirectories(project);
        Files.writeString(project.resolve("package.json"), """
                {"name": "bulwark-fixture", "version": "1.0.0", "private": true,
                 "dependencies": {"lodash": "4.17.15", "axios": "0.21.1", "jsonwebtoken": "8.5.1",
                                  "tar": "4.4.13", "@babel/code-frame": "7.12.13"},
                 "devDependencies": {"json5": "1.0.1"}}
                """);
        var result = new Command(List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"),
                Map.of("npm_config_update_notifier", "false"), Duration.ofMinutes(5)).runAllowingFailure(project);
        assumeTrue(result.exitCode() == 0, "npm install failed (registry not reachable?): " + result.stderr());
    }

    private static Set<String> npmLs(boolean omitDev) throws IOException {
        var argv = new java.util.ArrayList<>(List.of("npm", "ls", "--all", "--json"));
        if (omitDev) {
            argv.add("--omit=dev");
        }
        var result = new Command(argv, Map.of(), Duration.ofMinutes(2)).run(project);
        try {
            Set<String> out = new TreeSet<>();
            collect(Json.lenient().readTree(result.stdout().getBytes(StandardCharsets.UTF_8)).path("dependencies"),
                    out);
            return out;
        } catch (IOException e) {
            throw new AssertionError("npm ls printed no JSON: " + result.stdout(), e);
        }
    }

    private static void collect(JsonNode dependencies, Set<String> out) {
        dependencies.properties().forEach(e -> {
            String version = e.getValue().path("version").asText("");
            if (!version.isEmpty()) {
                out.add(e.getKey() + "@" + version);
            }
            collect(e.getValue().path("dependencies"), out);
        });
    }

    private static ImageInventory scan() {
        return Analyzers.scanner().scan(new RootDirectory("dir:" + root, root), ScanProgress.NONE);
    }

    private static Set<String> nameVersions(List<InstalledPackage> packages) {
        return packages.stream().map(p -> p.name() + "@" + p.version()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void installedPackagesAreWhatNpmLsReports() throws IOException {
        ImageInventory inventory = scan();
        Set<String> installed = nameVersions(inventory.packages().stream()
                .filter(p -> p.location().contains("node_modules/")).toList());
        assertThat(installed).hasSizeGreaterThan(20).isEqualTo(npmLs(false));
        assertThat(inventory.packages()).filteredOn(p -> p.name().equals("@babel/code-frame")).singleElement()
                .satisfies(p -> {
                    assertThat(p.purl()).isEqualTo("pkg:npm/%40babel/code-frame@7.12.13");
                    assertThat(p.licenses()).containsExactly("MIT");
                });
    }

    @Test
    void theLockFileDeclaresTheProductionTree() throws IOException {
        Path lock = project.resolve("package-lock.json");
        List<InstalledPackage> declared = new NpmLockParser().parse("srv/app/package-lock.json",
                Files.readAllBytes(lock));
        assertThat(nameVersions(declared)).isEqualTo(npmLs(true));
        InstalledPackage jwt = declared.stream().filter(p -> p.name().equals("jsonwebtoken")).findFirst().orElseThrow();
        assertThat(jwt.dependsOn()).anyMatch(d -> d.startsWith("pkg:npm/jws@"));
    }

    @Test
    void lockFileEntriesAlsoInstalledAreReportedOnce() {
        ImageInventory inventory = scan();
        assertThat(inventory.packages()).filteredOn(p -> p.name().equals("lodash")).singleElement()
                .satisfies(p -> assertThat(p.location()).isEqualTo("srv/app/node_modules/lodash/package.json"));
    }

    @Test
    void knownVulnerableVersionsAreFound(@TempDir Path db) {
        try (AdvisoryDatabase ghsa = AdvisoryDatabase.osv(db, "ghsa-sample")) {
            Set<String> findings = ghsa.findings(scan());
            assertThat(findings).contains("lodash@4.17.15 GHSA-35jh-r3h4-6jhm", "lodash@4.17.15 GHSA-29mw-wpgm-hmr9",
                    "axios@0.21.1 GHSA-cph5-m8f7-6c5x", "jsonwebtoken@8.5.1 GHSA-27h2-hvpr-p74q",
                    "json5@1.0.1 GHSA-9c47-m6qq-7p4h");
            assertThat(findings).noneMatch(f -> f.startsWith("@babel/code-frame@"));
        }
    }
}
