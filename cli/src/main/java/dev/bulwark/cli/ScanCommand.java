package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.scan.ScanReport.DatabaseInfo;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.match.FindingFilter;
import dev.bulwark.scanner.match.VulnerabilityMatcher;
import dev.bulwark.scanner.report.ReportFormat;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.SourceOptions;
import dev.bulwark.vulndb.bundle.Bundle;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark scan SOURCE}: the inventory of an image and the vulnerabilities of its packages. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"List what is inside an image (OS, layers, packages) and the vulnerabilities of its packages.",
                "Without a vulnerability database (see `bulwark db --help`) only the inventory is reported."},
        footer = {"%nSources:",
                "  docker-archive:PATH[:TAG]   docker save / skopeo docker-archive output, plain or gzip",
                "  oci-dir:PATH[:TAG|@DIGEST]  OCI image layout directory",
                "  oci-archive:PATH[:TAG]      OCI image layout in a tar",
                "  registry:HOST/REPO:TAG      image in a registry (also @sha256:...)",
                "  dir:PATH                    a root file system (/ scans this host)",
                "  PATH or REFERENCE           an existing path is recognised, anything else is a registry reference",
                "%nRegistry credentials: --username/--password, else BULWARK_REGISTRY_USERNAME and",
                "BULWARK_REGISTRY_PASSWORD, else ~/.docker/config.json.",
                "%n" + ExitCodes.HELP,
                "  N  findings remain after the filters, with --exit-code N"})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The image to scan (see Sources below).")
    String source;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--list-files", description = "Include the files each package owns in the JSON report.")
    boolean listFiles;

    @Option(names = "--platform", defaultValue = "linux/amd64",
            description = "Platform to pick from a multi-platform image (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--insecure", description = "Allow plain http to the registry.")
    boolean insecure;

    @Option(names = "--username", description = "Registry user name.")
    String username;

    @Option(names = "--password", description = "Registry password (prefer BULWARK_REGISTRY_PASSWORD).")
    String password;

    @Option(names = "--db", paramLabel = "FILE",
            description = "Vulnerability database (default: the installed one, see `bulwark db info`).")
    Path db;

    @Mixin
    DbTrustOptions trustOptions = new DbTrustOptions();

    @Option(names = "--severity", paramLabel = "LIST",
            description = "Report only these severities, comma-separated: CRITICAL,HIGH,MEDIUM,LOW,NEGLIGIBLE,UNKNOWN.")
    String severity;

    @Option(names = "--ignore-unfixed", description = "Leave out findings that no released version fixes yet.")
    boolean ignoreUnfixed;

    @Option(names = "--exit-code", paramLabel = "N", defaultValue = "0",
            description = "Exit with N when findings remain after the filters, for CI gates (default: 0).")
    int exitCode;

    @Option(names = "--debug", description = "Print the cause of errors.")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        ReportFormat reportFormat = ReportFormat.valueOf(Formats.check(format, "table", "json").toUpperCase());
        if (exitCode < 0 || exitCode > 255) {
            throw new InvalidInputException("--exit-code must be between 0 and 255");
        }
        FindingFilter filter = filter();
        SourceOptions defaults = SourceOptions.defaults();
        SourceOptions options = new SourceOptions(platform, insecure, username == null ? "" : username,
                password == null ? "" : password, defaults.dockerConfig());
        DbLocations locations = DbLocations.system();
        Path dbFile = db != null ? db : locations.database();
        ScanReport report;
        try (Bundle database = openDatabase(dbFile, locations);
                ImageSource image = ImageSources.open(source, options)) {
            ImageInventory inventory;
            try {
                inventory = Analyzers.scanner().scan(image, progress());
            } finally {
                clearProgress();
            }
            report = database == null ? ScanReport.inventoryOnly(inventory)
                    : new ScanReport(inventory, new DatabaseInfo(database.header().built(), database.header().schema()),
                            filter.apply(new VulnerabilityMatcher(database).match(inventory)));
        }
        if (output == null) {
            reportFormat.write(report, listFiles, spec.commandLine().getOut());
        } else {
            writeAtomically(output, report, reportFormat);
        }
        if (!report.matched()) {
            spec.commandLine().getErr().printf("bulwark: no vulnerability database at %s: reported the inventory"
                    + " only (see `bulwark db --help`)%n", dbFile);
            return ExitCodes.OK;
        }
        return report.vulnerabilities().isEmpty() ? ExitCodes.OK : exitCode;
    }

    private FindingFilter filter() {
        try {
            return new FindingFilter(severity == null ? FindingFilter.all().severities()
                    : FindingFilter.parseSeverities(severity), ignoreUnfixed);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--severity: " + e.getMessage(), e);
        }
    }

    /**
     * The database to match against; null when none is installed and none was asked for, in which case the
     * report is the inventory alone (said on stderr once it is written). Options that only make sense with
     * findings need one.
     */
    private Bundle openDatabase(Path file, DbLocations locations) {
        if (db == null && !Files.exists(file)) {
            if (exitCode != 0 || severity != null || ignoreUnfixed) {
                throw new InvalidInputException("no vulnerability database at %s, which --exit-code, --severity and"
                        .formatted(file) + " --ignore-unfixed need (see `bulwark db --help`)");
            }
            return null;
        }
        return DbLocations.open(file, trustOptions.trust(locations));
    }

    private void writeAtomically(Path file, ScanReport report, ReportFormat reportFormat) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".bulwark-report-", ".tmp");
        try {
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8)) {
                reportFormat.write(report, listFiles, w);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private ScanProgress progress() {
        if (!Terminal.isInteractive()) {
            return ScanProgress.NONE;
        }
        PrintWriter err = spec.commandLine().getErr();
        return (index, count, layer) -> {
            err.print("\rreading layer %d/%d %s".formatted(index + 1, count,
                    layer.length() > 19 ? layer.substring(0, 19) : layer));
            err.flush();
        };
    }

    private void clearProgress() {
        if (Terminal.isInteractive()) {
            PrintWriter err = spec.commandLine().getErr();
            err.print("\r\033[K");
            err.flush();
        }
    }
}
