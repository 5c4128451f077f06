package dev.bulwark.cli;

import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.budget.ScanBudget;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark sbom SOURCE}: the software bill of materials of an image, without vulnerability matching. */
@Command(name = "sbom", mixinStandardHelpOptions = true,
        description = {"Write the software bill of materials of an image: its OS and every package found, with purls,",
                "licenses where known, locations and dependencies. Sources as for `bulwark scan`."},
        footer = {"%n" + ExitCodes.HELP})
final class SbomCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The image (see `bulwark scan --help`).")
    String source;

    @Option(names = {"-f", "--format"}, defaultValue = "cyclonedx",
            description = "cyclonedx (1.6 JSON) or spdx (2.3 JSON) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, description = "Write the SBOM to FILE instead of standard output.")
    Path output;

    @Mixin
    SourceArgs sourceArgs = new SourceArgs();

    @Mixin
    BudgetArgs budgetArgs = new BudgetArgs();

    @Override
    public Integer call() throws IOException {
        var reportFormat = ReportOutput.format(format, List.of("cyclonedx", "spdx"));
        ScanReport report;
        ScanBudget budget = budgetArgs.budget();
        try (Watchdog _ = Watchdog.start(budget.timeout(), source, spec.commandLine().getErr());
                ImageSource image = ImageSources.open(source, sourceArgs.options(), budget.temporary())) {
            report = ScanReport.inventoryOnly(Analyzers.scanner(false, budget).scan(image, ScanProgress.NONE));
        }
        ReportOutput.write(report, reportFormat, false, output, spec.commandLine().getOut());
        return ExitCodes.incomplete(report.inventory(), spec.commandLine().getErr());
    }
}
