package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark enforcer-token create}: a join token for new nodes, from the logged-in controller. */
@Command(name = "enforcer-token", mixinStandardHelpOptions = true,
        description = {"Create a join token for a new node's enforcer.",
                "The token is for the controller you are logged in to (bulwark login first; admin only); on the node:",
                "bulwark enforcer --controller HOST:18400 --join-token TOKEN."},
        footer = {"%n" + ExitCodes.HELP})
final class EnforcerTokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "create", description = "The action: create.")
    String action;

    @Option(names = "--valid", paramLabel = "DURATION", defaultValue = "1h", description = "How long the token "
            + "can be used: 30m, 12h, 7d (at most 30d; default: ${DEFAULT-VALUE}).")
    String valid;

    @Mixin
    LoginFile loginFile = new LoginFile();

    @Override
    public Integer call() {
        if (!action.equals("create")) {
            throw new InvalidInputException("enforcer-token knows one action: create");
        }
        byte[] body = ("{\"duration\":" + seconds(valid) + "}").getBytes(StandardCharsets.UTF_8);
        JsonNode reply = loginFile.client().send("POST", "/v1/enforcer/join_token", body, "application/json").json();
        spec.commandLine().getOut().println(reply.path("token").asText());
        spec.commandLine().getErr().printf("valid until %s%n", reply.path("expires_at").asText());
        return ExitCodes.OK;
    }

    static long seconds(String text) {
        try {
            String t = text.strip().toLowerCase(java.util.Locale.ROOT);
            Duration d = t.endsWith("d") ? Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)))
                    : Duration.parse("PT" + t.toUpperCase(java.util.Locale.ROOT));
            if (d.isNegative() || d.isZero()) {
                throw new InvalidInputException("--valid must be longer than zero");
            }
            return d.toSeconds();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidInputException("--valid is a duration such as 30m, 12h or 7d, not " + text);
        }
    }
}
