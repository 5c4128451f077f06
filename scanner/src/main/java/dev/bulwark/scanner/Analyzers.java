package dev.bulwark.scanner;

import dev.bulwark.scanner.budget.ScanBudget;
import dev.bulwark.scanner.budget.TemporarySpace;
import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.FileAnalyzer;
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
import dev.bulwark.scanner.secret.SecretConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The only lists of analyzers; their order is the report order. */
public final class Analyzers {

    private Analyzers() {}

    /** Analyzers of the whole file system view: the OS and its package databases. */
    public static List<Analyzer> os() {
        return os(TemporarySpace.systemDefault());
    }

    private static List<Analyzer> os(TemporarySpace temporary) {
        return List.of(new OsReleaseAnalyzer(), new DpkgAnalyzer(), new ApkAnalyzer(),
                new RpmDatabaseAnalyzer(temporary));
    }

    /** Analyzers of single files: language packages, then secrets when asked for. */
    public static List<FileAnalyzer> files(boolean secrets) {
        return files(secrets ? Optional.of(SecretConfig.builtIn()) : Optional.empty());
    }

    /** Analyzers of single files: language packages, then secrets with the given rules. */
    private static List<FileAnalyzer> files(Optional<SecretConfig> secrets) {
        List<FileAnalyzer> all = new ArrayList<>(languages());
        secrets.ifPresent(config -> all.add(new SecretAnalyzer(config)));
        return all;
    }

    private static List<FileAnalyzer> languages() {
        return List.of(
                new JarAnalyzer(),
                new GoBinaryAnalyzer(),
                new CargoAuditableAnalyzer(),
                new NodeModulesParser(),
                new NpmLockParser(),
                new YarnLockParser(),
                new PnpmLockParser(),
                new DistributionMetadataParser(),
                new PoetryLockParser(),
                new PipfileLockParser(),
                new RequirementsParser(),
                new CargoLockParser(),
                new GemspecParser(),
                new GemfileLockParser(),
                ComposerParser.installed(),
                ComposerParser.lock(),
                new DepsJsonParser(),
                new PackagesLockParser());
    }

    /** A scanner with every analyzer. */
    public static ImageScanner scanner() {
        return scanner(true);
    }

    /** A scanner of packages, and of secrets when asked for. */
    public static ImageScanner scanner(boolean secrets) {
        return scanner(secrets, ScanBudget.defaults());
    }

    /** A scanner of packages, and of secrets when asked for, within a budget. */
    public static ImageScanner scanner(boolean secrets, ScanBudget budget) {
        return scanner(secrets ? Optional.of(SecretConfig.builtIn()) : Optional.empty(), budget);
    }

    /** A scanner of packages, and of secrets with the given rules (built-in ones and a user's), within a budget. */
    public static ImageScanner scanner(Optional<SecretConfig> secrets, ScanBudget budget) {
        return new ImageScanner(os(budget.temporary()), files(secrets), budget);
    }
}
