package dev.bulwark.cli;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ImageScanner;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.report.ReportFormat;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.SourceOptions;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark scan SOURCE}: the inventory of an image. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "List what is inside an image: OS, layers and packages.",
        footer = {"%nSources:",
                "  docker-archive:PATH[:TAG]   docker save / skopeo docker-archive output, plain or gzip",
                "  oci-dir:PATH[:TAG|@DIGEST]  OCI image layout directory",
                "  oci-archive:PATH[:TAG]      OCI image layout in a tar",
                "  registry:HOST/REPO:TAG      image in a registry (also @sha256:...)",
                "  dir:PATH                    a root file system (/ scans this host)",
                "  PATH or REFERENCE           an existing path is recognised, anything else is a registry reference",
                "%nRegistry credentials: --username/--password, else BULWARK_REGISTRY_USERNAME and",
                "BULWARK_REGISTRY_PASSWORD, else ~/.docker/config.json.",
                "%n" + ExitCodes.HELP})
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

    @Option(names = "--debug", description = "Print the cause of errors.")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        ReportFormat reportFormat = ReportFormat.valueOf(Formats.check(format, "table", "json").toUpperCase());
        SourceOptions defaults = SourceOptions.defaults();
        SourceOptions options = new SourceOptions(platform, insecure, username == null ? "" : username,
                password == null ? "" : password, defaults.dockerConfig());
        ImageInventory inventory;
        try (ImageSource image = ImageSources.open(source, options)) {
            inventory = new ImageScanner(Analyzers.all()).scan(image, progress());
        } finally {
            clearProgress();
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            reportFormat.write(inventory, listFiles, out);
        } else {
            writeAtomically(output, inventory, reportFormat);
        }
        return ExitCodes.OK;
    }

    private void writeAtomically(Path file, ImageInventory inventory, ReportFormat reportFormat) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".bulwark-report-", ".tmp");
        try {
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8)) {
                reportFormat.write(inventory, listFiles, w);
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
