package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
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

/** {@code bulwark create KIND -f FILE}: posts an object in the API's own shape, from JSON or YAML. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a user, role, apikey, group, admissionrule, dlpsensor or wafsensor from a JSON or YAML",
                "file in the API's request shape",
                "({\"user\": {...}}, {\"config\": {...}}, {\"apikey\": {...}}). An API key's secret is printed once."},
        footer = {"%n" + ExitCodes.HELP})
final class CreateCommand implements Callable<Integer> {

    static final long MAX_FILE = 4 << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND")
    String kind;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE")
    Path file;

    @Mixin
    LoginFile loginFile = new LoginFile();

    @Override
    public Integer call() throws IOException {
        Kinds.Kind k = Kinds.of(kind);
        if (k.create().isEmpty()) {
            throw new InvalidInputException("create makes users, roles, apikeys, groups, admission rules and DLP or"
                    + " WAF sensors; network rules come with apply");
        }
        ControllerClient.Reply r = loginFile.client().send("POST", k.create(), readDocument(file), "application/json");
        JsonNode answer = r.json();
        if (answer.has("apikey")) {
            spec.commandLine().getOut().printf("created; secret (shown once): %s%n",
                    answer.path("apikey").path("apikey_secret").asText());
        } else {
            spec.commandLine().getOut().println("created");
        }
        return ExitCodes.OK;
    }

    /** A JSON or YAML file as JSON bytes; too large or unreadable files are refused. */
    static byte[] readDocument(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
            throw new InvalidInputException("%s is not a readable file of at most %d bytes".formatted(file, MAX_FILE));
        }
        try {
            JsonNode doc = Json.yaml().readTree(file.toFile());
            if (doc == null || !doc.isObject()) {
                throw new InvalidInputException(file + " holds no object");
            }
            return ControllerClient.JSON.writeValueAsBytes(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("%s is not JSON or YAML: %s".formatted(file, e.getOriginalMessage()));
        }
    }
}
