package dev.bulwark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark login}: logs in to a controller and keeps the token for the other client commands. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in to a controller; the token is kept (mode 0600) for get, create, delete, apply,",
                "backup and restore. The password comes from --password-stdin, else BULWARK_PASSWORD."},
        footer = {"%n" + ExitCodes.HELP})
final class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "https://HOST:10443")
    String server;

    @Option(names = {"-u", "--username"}, defaultValue = "admin", description = "User name (default: ${DEFAULT-VALUE}).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--cacert", paramLabel = "PEM", description = "CA certificate to trust (the controller's tls/ca.pem).")
    String cacert;

    @Option(names = "--insecure", description = "Do not check the controller's certificate (testing only).")
    boolean insecure;

    @Mixin
    LoginFile loginFile = new LoginFile();

    @Override
    public Integer call() throws IOException {
        if (!server.startsWith("https://")) {
            throw new InvalidInputException("--server must be an https:// URL: the controller serves HTTPS only");
        }
        String password = passwordStdin
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine()
                : System.getenv("BULWARK_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("no password: use --password-stdin or BULWARK_PASSWORD");
        }
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        ControllerClient anonymous = new ControllerClient(new ControllerClient.Login(base, null, cacert, insecure));
        ObjectNode body = ControllerClient.JSON.createObjectNode();
        body.putObject("password").put("username", username).put("password", password);
        ControllerClient.Reply r = anonymous.raw("POST", "/v1/auth", ControllerClient.JSON.writeValueAsBytes(body),
                "application/json", null);
        if (r.status() != 200) {
            throw new InvalidInputException("login refused: " + r.json().path("message").asText("status " + r.status()));
        }
        String token = r.json().path("token").path("token").asText();
        ControllerClient.save(loginFile.path(), new ControllerClient.Login(base, token,
                cacert == null ? null : java.nio.file.Path.of(cacert).toAbsolutePath().toString(), insecure));
        spec.commandLine().getOut().printf("logged in to %s as %s (role %s)%n", base, username,
                r.json().path("token").path("role").asText());
        return ExitCodes.OK;
    }
}
