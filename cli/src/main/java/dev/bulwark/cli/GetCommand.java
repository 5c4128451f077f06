package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark get KIND [NAME]}: lists or shows controller objects. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"List objects of a kind, or show one: users, roles, apikeys, groups, rules, responserules,",
                "admissionrules, dlpsensors, wafsensors, processprofiles, domains, events, activity, config, summary."},
        footer = {"%n" + ExitCodes.HELP})
final class GetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
    String name;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    String output;

    @Mixin
    LoginFile loginFile = new LoginFile();

    @Override
    public Integer call() throws IOException {
        Kinds.Kind k = Kinds.of(kind);
        ControllerClient client = loginFile.client();
        JsonNode value = name == null
                ? client.send("GET", k.list(), null, null).json().path(k.many().isEmpty() ? k.one() : k.many())
                : client.send("GET", Kinds.path(k, name), null, null).json().path(k.one());
        ClientOutput.print(value, k.columns(), output, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
