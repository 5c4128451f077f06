package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark restore FILE}: replaces the configuration from a backup; a bad file changes nothing. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Replace the controller's configuration with a backup; the controller checks it whole first.",
        footer = {"%n" + ExitCodes.HELP})
final class RestoreCommand implements Callable<Integer> {

    static final long MAX_FILE = 32L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Mixin
    LoginFile loginFile = new LoginFile();

    @Option(names = "--trust", description = {"Restore a backup this cluster did not sign (made by another cluster, "
            + "or edited): only when you trust where it came from."})
    boolean trust;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
            throw new InvalidInputException("%s is not a backup file of at most %d bytes".formatted(file, MAX_FILE));
        }
        loginFile.client().send("POST", "/v1/file/config" + (trust ? "?trust=true" : ""), Files.readAllBytes(file),
                "application/gzip");
        spec.commandLine().getOut().printf("restored from %s%n", file);
        return ExitCodes.OK;
    }
}
