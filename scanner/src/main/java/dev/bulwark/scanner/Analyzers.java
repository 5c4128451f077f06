package dev.bulwark.scanner;

import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import dev.bulwark.scanner.index.lang.dotnet.DepsJsonParser;
import dev.bulwark.scanner.index.lang.dotnet.PackagesLockParser;
import dev.bulwark.scanner.index.lang.golang.GoBinaryAnalyzer;
import dev.bulwark.scanner.index.lang.php.ComposerParser;
import dev.bulwark.scanner.index.lang.ruby.GemfileLockParser;
import dev.bulwark.scanner.index.lang.ruby.GemspecParser;
import dev.bulwark.scanner.index.lang.rust.CargoAuditableAnalyzer;
import dev.bulwark.scanner.index.lang.rust.CargoLockParser;
import dev.bulwark.scanner.index.lang.java.JarAnalyzer;
import dev.bulwark.scanner.index.lang.node.NodeModulesParser;
import dev.bulwark.scanner.index.lang.node.NpmLockParser;
import dev.bulwark.scanner.index.lang.node.PnpmLockParser;
import dev.bulwark.scanner.index.lang.node.YarnLockParser;
import dev.bulwark.scanner.index.lang.python.DistributionMetadataParser;
import dev.bulwark.scanner.index.lang.python.PipfileLockParser;
import dev.bulwark.scanner.index.lang.python.PoetryLockParser;
import dev.bulwark.scanner.index.lang.python.RequirementsParser;
import dev.bulwark.scanner.index.os.apk.ApkAnalyzer;
import dev.bulwark.scanner.index.os.dpkg.DpkgAnalyzer;
import dev.bulwark.scanner.index.os.release.OsReleaseAnalyzer;
import dev.bulwark.scanner.index.os.rpm.RpmDatabaseAnalyzer;
import dev.bulwark.scanner.secret.SecretAnalyzer;
import dev.bulwark.scanner.secret.SecretRules;
import dev.bulwark.scanner.secret.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The only lists of analyzers; their order is the report order. */
public final class Analyzers {

    private Analyzers() {}

    /** Analyzers of the whole file system view: the OS and its package databases. */
    public static List<Analyzer> os() {
        return List.of(new OsReleaseAnalyzer(), new DpkgAnalyzer(), new ApkAnalyzer(), new RpmDatabaseAnalyzer());
    }

    /** Analyzers of single files: language packages, then secrets when asked for. */
    public static List<FileAnalyzer> files(boolean secrets) {
        List<FileAnalyzer> all = new ArrayList<>(languages());
        if (secrets) {
            all.add(new SecretAnalyzer(new SecretScanner(SecretRules.builtIn())));
        }
        return all;
    }

    private static List<FileAnalyzer> languages() {
        return List.of(
                new JarAnalyzer(),
                new GoBinaryAnalyzer(),
                new CargoAuditableAnalyzer(),
                PackageFileAnalyzer.installed("node-modules", NodeModulesParser.PATHS, new NodeModulesParser()),
                PackageFileAnalyzer.declared("npm-lock", project("package-lock.json", "npm-shrinkwrap.json"),
                        new NpmLockParser()),
                PackageFileAnalyzer.declared("yarn-lock", project("yarn.lock"), new YarnLockParser()),
                PackageFileAnalyzer.declared("pnpm-lock", project("pnpm-lock.yaml"), new PnpmLockParser()),
                PackageFileAnalyzer.installed("python-dist", DistributionMetadataParser.PATHS,
                        new DistributionMetadataParser()),
                PackageFileAnalyzer.declared("poetry-lock", project("poetry.lock"), new PoetryLockParser()),
                PackageFileAnalyzer.declared("pipfile-lock", project("Pipfile.lock"), new PipfileLockParser()),
                PackageFileAnalyzer.declared("pip-requirements", project(RequirementsParser.PATHS),
                        new RequirementsParser()),
                PackageFileAnalyzer.declared("cargo-lock", project("Cargo.lock"), new CargoLockParser()),
                PackageFileAnalyzer.installed("gemspec", GemspecParser.PATHS, new GemspecParser()),
                PackageFileAnalyzer.declared("gemfile-lock", project("Gemfile.lock"), new GemfileLockParser()),
                PackageFileAnalyzer.installed("composer-installed", path -> path.endsWith("vendor/composer/installed.json"),
                        new ComposerParser()),
                PackageFileAnalyzer.declared("composer-lock", project("composer.lock"), new ComposerParser()),
                PackageFileAnalyzer.installed("dotnet-deps", path -> path.endsWith(".deps.json"), new DepsJsonParser()),
                PackageFileAnalyzer.declared("nuget-lock", project("packages.lock.json"), new PackagesLockParser()));
    }

    /** Lock files of a project, not those that packages ship inside {@code node_modules} or {@code vendor}. */
    private static Predicate<String> project(String... names) {
        return project(PathRules.named(names));
    }

    private static Predicate<String> project(Predicate<String> paths) {
        return path -> paths.test(path) && !path.contains("node_modules/") && !path.contains("vendor/");
    }

    /** A scanner with every analyzer. */
    public static ImageScanner scanner() {
        return scanner(true);
    }

    /** A scanner of packages, and of secrets when asked for. */
    public static ImageScanner scanner(boolean secrets) {
        return new ImageScanner(os(), files(secrets));
    }
}
