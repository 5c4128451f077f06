package dev.bulwark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark delete KIND NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user, role, apikey, group or rule.",
        footer = {"%n" + ExitCodes.HELP})
final class DeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Mixin
    LoginFile loginFile = new LoginFile();

    @Override
    public Integer call() {
        loginFile.client().send("DELETE", Kinds.path(Kinds.of(kind), name), null, null);
        spec.commandLine().getOut().println("deleted");
        return ExitCodes.OK;
    }
}
