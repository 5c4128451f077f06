package dev.bulwark.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** The top-level command; each subcommand is one user task. */
@Command(name = "bulwark", mixinStandardHelpOptions = true, version = "bulwark 0.1.0",
        description = "Bulwark: container security: image scanning, the controller with NeuVector's REST API, and the enforcer.",
        footer = "%n" + ExitCodes.HELP)
final class BulwarkCommand implements Runnable {

    /** The subcommands, in the order help lists them; registered by {@link Main}, see there why. */
    static final List<Class<?>> SUBCOMMANDS = List.of(ScanCommand.class, SbomCommand.class, VercmpCommand.class,
            DbCommand.class, AllInOneCommand.class, ControllerCommand.class, ManagerCommand.class,
            EnforcerCommand.class, ScannerCommand.class, EnforcerTokenCommand.class, AdmissionCommand.class,
            LoginCommand.class, GetCommand.class, CreateCommand.class, DeleteCommand.class, ApplyCommand.class,
            BackupCommand.class, RestoreCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
