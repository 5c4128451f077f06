package dev.bulwark.cli;

import dev.bulwark.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark backup -o FILE}: the controller's configuration as a checksummed gzip file. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Save the controller's configuration (section all, policy or user) to a file.",
        footer = {"%n" + ExitCodes.HELP})
final class BackupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE")
    Path output;

    @Option(names = "--section", defaultValue = "all", description = "all, policy or user (default: ${DEFAULT-VALUE}).")
    String section;

    @Mixin
    LoginFile loginFile = new LoginFile();

    @Override
    public Integer call() throws IOException {
        byte[] file = loginFile.client().send("GET", "/v1/file/config?raw=true&section=" + java.net.URLEncoder.encode(section,
                java.nio.charset.StandardCharsets.UTF_8), null, null).body();
        Path dir = output.toAbsolutePath().getParent();
        java.nio.file.Files.createDirectories(dir);
        Path staged = java.nio.file.Files.createTempFile(dir, ".backup-", ".tmp");
        try {
            java.nio.file.Files.write(staged, file);
            AtomicFiles.replace(staged, output);
        } finally {
            java.nio.file.Files.deleteIfExists(staged);
        }
        spec.commandLine().getOut().printf("saved %s (%d bytes)%n", output, file.length);
        return ExitCodes.OK;
    }
}
