package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.scan.ScanReport.DatabaseInfo;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.budget.ScanBudget;
import dev.bulwark.scanner.match.FindingFilter;
import dev.bulwark.scanner.match.VulnerabilityMatcher;
import dev.bulwark.scanner.report.ReportFormat;
import dev.bulwark.scanner.secret.SecretConfig;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.suppress.IgnoreFile;
import dev.bulwark.scanner.suppress.Suppression;
import dev.bulwark.scanner.suppress.VexDocument;
import dev.bulwark.vulndb.bundle.Bundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
                "  N  findings (vulnerabilities after filters and suppressions, or secrets) remain, with --exit-code N"})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The image to scan (see Sources below).")
    String source;

    @Option(names = {"-f", "--format"}, defaultValue = "table",
            description = "table, json, cyclonedx, spdx, sarif or neuvector (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--scanners", paramLabel = "LIST", defaultValue = "vuln,secret", split = ",",
            description = "What to look for: vuln (packages and their vulnerabilities), secret (default: "
                    + "${DEFAULT-VALUE}). Image compliance and setuid files are always reported.")
    List<String> scanners;

    @Option(names = "--secret-config", paramLabel = "FILE",
            description = "Secret rules and allow rules of your own, YAML: rules: [{id, category, title, severity, "
                    + "regex, keywords, secret-group, entropy}], allow: [{id, paths, regexes, values}]; added to the "
                    + "built-in rules.")
    Path secretConfig;

    @Option(names = "--ignorefile", paramLabel = "FILE",
            description = "Findings to suppress: YAML (ignore: [{id, package, expires, reason}]) or lines "
                    + "'ID [PACKAGE] [exp:YYYY-MM-DD] [# reason]'.")
    Path ignoreFile;

    @Option(names = "--vex", paramLabel = "FILE", description = "OpenVEX document whose not_affected and fixed "
            + "statements suppress findings; may be repeated.")
    List<Path> vex = new ArrayList<>();

    @Option(names = {"-o", "--output"}, description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--list-files", description = "Include the files each package owns in the JSON report.")
    boolean listFiles;

    @Mixin
    SourceArgs sourceArgs = new SourceArgs();

    @Mixin
    BudgetArgs budgetArgs = new BudgetArgs();

    @Option(names = "--db", paramLabel = "FILE",
            description = "Vulnerability database (default: the installed one, see `bulwark db info`).")
    Path db;

    @Mixin
    DbTrustOptions trustOptions = new DbTrustOptions();

    @Option(names = "--controller", paramLabel = "URL", description = "Have a scanner of this controller scan the"
            + " registry image (NeuVector's CI scan), as logged in with `bulwark login --server URL`; the table,"
            + " json or neuvector format.")
    String controller;

    @Mixin
    LoginFile loginFile = new LoginFile();

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
        if (controller != null) {
            return scanThroughController();
        }
        ReportFormat reportFormat = ReportOutput.format(format, ReportFormat.names());
        if (exitCode < 0 || exitCode > 255) {
            throw new InvalidInputException("--exit-code must be between 0 and 255");
        }
        Set<String> what = scanners();
        if (secretConfig != null && !what.contains("secret")) {
            throw new InvalidInputException("--secret-config needs the secret scanner (--scanners ...,secret)");
        }
        SecretConfig secrets = secretConfig != null ? SecretConfig.read(secretConfig) : SecretConfig.builtIn();
        FindingFilter filter = filter();
        List<Suppression> suppressions = suppressions();
        DbLocations locations = DbLocations.system();
        Path dbFile = db != null ? db : locations.database();
        ScanReport report;
        ScanBudget budget = budgetArgs.budget();
        try (Watchdog _ = Watchdog.start(budget.timeout(), source, spec.commandLine().getErr());
                Bundle database = what.contains("vuln") ? openDatabase(dbFile, locations) : null;
                ImageSource image = ImageSources.open(source, sourceArgs.options(), budget.temporary())) {
            ImageInventory inventory;
            try {
                inventory = Analyzers.scanner(what.contains("secret") ? Optional.of(secrets) : Optional.empty(),
                        budget).scan(image, progress());
            } finally {
                clearProgress();
            }
            if (database == null) {
                report = ScanReport.inventoryOnly(inventory);
            } else {
                VulnerabilityMatcher.Matches matches = new VulnerabilityMatcher(database).find(inventory);
                Suppression.Outcome outcome = Suppression.apply(filter.apply(matches.findings()), suppressions);
                report = new ScanReport(inventory.withMoreWarnings(matches.warnings()), new DatabaseInfo(database.header().built(),
                        database.header().schema()), outcome.kept(), outcome.suppressed());
            }
        }
        ReportOutput.write(report, reportFormat, listFiles, output, spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        suppressions.forEach(s -> s.notices().forEach(n -> err.println("bulwark: " + n)));
        boolean secretsFound = !report.inventory().secrets().isEmpty();
        int incomplete = ExitCodes.incomplete(report.inventory(), err);
        if (!report.matched()) {
            if (what.contains("vuln")) {
                err.printf("bulwark: no vulnerability database at %s: reported the inventory only (see `bulwark db"
                        + " --help`)%n", dbFile);
            }
            return incomplete != ExitCodes.OK ? incomplete : secretsFound ? exitCode : ExitCodes.OK;
        }
        return incomplete != ExitCodes.OK ? incomplete
                : report.vulnerabilities().isEmpty() && !secretsFound ? ExitCodes.OK : exitCode;
    }

    /** The scan by the controller's scanner: its report as a table or as NeuVector's JSON. */
    private int scanThroughController() throws IOException {
        String lower = format.toLowerCase(Locale.ROOT);
        if (!Set.of("table", "json", "neuvector").contains(lower)) {
            throw new InvalidInputException("--format: with --controller, table, json or neuvector");
        }
        if (severity != null || ignoreUnfixed || ignoreFile != null || !vex.isEmpty() || db != null || listFiles
                || secretConfig != null) {
            throw new InvalidInputException("--severity, --ignore-unfixed, --ignorefile, --vex, --db, --list-files and"
                    + " --secret-config are for local scans; the controller's vulnerability profile applies to its scans");
        }
        JsonNode report = ControllerScan.scan(loginFile.client(), controller, source, sourceArgs.options());
        ReportOutput.write(output, spec.commandLine().getOut(), w -> {
            if (lower.equals("table")) {
                ControllerScan.table(report, w);
            } else {
                Json.indented().writeValue(w, report);
            }
        });
        return report.path("vulnerabilities").isEmpty() && report.path("secrets").isEmpty() ? ExitCodes.OK
                : exitCode;
    }

    private Set<String> scanners() {
        Set<String> what = new HashSet<>();
        for (String s : scanners) {
            String name = s.strip().toLowerCase(Locale.ROOT);
            if (!name.equals("vuln") && !name.equals("secret")) {
                throw new InvalidInputException("--scanners: unknown scanner '%s' (use vuln, secret)".formatted(s));
            }
            what.add(name);
        }
        return what;
    }

    private List<Suppression> suppressions() {
        List<Suppression> out = new ArrayList<>();
        if (ignoreFile != null) {
            out.add(IgnoreFile.read(ignoreFile, LocalDate.now()));
        }
        vex.forEach(v -> out.add(VexDocument.read(v)));
        return out;
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
            if (exitCode != 0 || severity != null || ignoreUnfixed || ignoreFile != null || !vex.isEmpty()) {
                throw new InvalidInputException(("no vulnerability database at %s, which --exit-code, --severity,"
                        + " --ignore-unfixed, --ignorefile and --vex need (see `bulwark db --help`)").formatted(file));
            }
            return null;
        }
        return DbLocations.open(file, trustOptions.trust(locations));
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
