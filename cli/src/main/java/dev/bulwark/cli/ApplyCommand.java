package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bulwark apply -f FILE.yaml}: policy as code. Groups are created or updated to match; when the file has
 * {@code rules}, they become the whole user rule list, in the file's order.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Make the controller's policy match a file: 'groups' (name, comment, criteria) are created",
                "or updated; 'rules' (id, from, to, ports, applications, action, comment), when present, replace",
                "all user rules in the file's order."},
        footer = {"%nExample:%n  groups:%n    - name: web%n      criteria: [{key: image, value: nginx, op: \"=\"}]",
                "  rules:%n    - {id: 10, from: web, to: external, ports: tcp/443, action: allow}",
                "%n" + ExitCodes.HELP})
final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE")
    Path file;

    @Mixin
    LoginFile loginFile = new LoginFile();

    @Override
    public Integer call() throws IOException {
        JsonNode doc = ControllerClient.JSON.readTree(CreateCommand.readDocument(file));
        for (var field : doc.properties()) {
            if (!field.getKey().equals("groups") && !field.getKey().equals("rules")) {
                throw new InvalidInputException("unknown section '%s' (use groups and rules)".formatted(field.getKey()));
            }
        }
        ControllerClient client = loginFile.client();
        int created = 0;
        int updated = 0;
        for (JsonNode g : doc.path("groups")) {
            String name = g.path("name").asText("");
            ObjectNode body = ControllerClient.JSON.createObjectNode();
            body.set("config", g);
            byte[] json = ControllerClient.JSON.writeValueAsBytes(body);
            int status = client.raw("GET", Kinds.path(Kinds.of("group"), name), null, null, client.login().token())
                    .status();
            if (status == 404) {
                client.send("POST", "/v1/group", json, "application/json");
                created++;
            } else {
                client.send("PATCH", Kinds.path(Kinds.of("group"), name), json, "application/json");
                updated++;
            }
        }
        String rules = "";
        if (doc.has("rules")) {
            ObjectNode body = ControllerClient.JSON.createObjectNode();
            body.set("rules", doc.path("rules"));
            client.send("PATCH", "/v1/policy/rule", ControllerClient.JSON.writeValueAsBytes(body), "application/json");
            rules = ", %d rules set".formatted(doc.path("rules").size());
        }
        spec.commandLine().getOut().printf("applied: %d groups created, %d updated%s%n", created, updated, rules);
        return ExitCodes.OK;
    }
}
