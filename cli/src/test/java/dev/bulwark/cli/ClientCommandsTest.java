package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.Controller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a real controller over HTTPS: login, get, create, apply, delete, backup, restore. */
class ClientCommandsTest {

    static final String PASSWORD = "Adm1n-Str0ng!pass";

    @TempDir
    Path dir;

    Controller controller;
    String server;
    String login;
    String ca;

    @BeforeEach
    void start() {
        controller = Controller.start(new Controller.Settings(dir.resolve("data"), "127.0.0.1", 0, Optional.empty(),
                Optional.of(PASSWORD), "test"), new PrintStream(new ByteArrayOutputStream()));
        server = "https://127.0.0.1:" + controller.port();
        login = dir.resolve("login.json").toString();
        ca = dir.resolve("data/tls/ca.pem").toString();
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    private CliRun cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--login-file";
        all[args.length + 1] = login;
        return CliRun.of(all);
    }

    private void logIn() {
        CliRun r = CliRun.withInput(PASSWORD + "\n", "login", "--server", server, "--cacert", ca, "--password-stdin",
                "--login-file", login);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void loginKeepsTheTokenPrivateAndBadLoginsAreClearErrors() throws IOException {
        logIn();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(login)))).isEqualTo("rw-------");
        assertThat(Files.readString(Path.of(login))).doesNotContain(PASSWORD);
        CliRun wrong = CliRun.withInput("nope\n", "login", "--server", server, "--cacert", ca, "--password-stdin",
                "--login-file", dir.resolve("other.json").toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("login refused: Authentication failed");
        CliRun plain = CliRun.withInput(PASSWORD + "\n", "login", "--server", "http://127.0.0.1:1", "--password-stdin");
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err()).contains("https://");
        CliRun untrusted = CliRun.withInput(PASSWORD + "\n", "login", "--server", server, "--password-stdin",
                "--login-file", dir.resolve("third.json").toString());
        assertThat(untrusted.exitCode()).isEqualTo(2);
        assertThat(untrusted.err()).contains("cannot reach");
        assertThat(CliRun.of("get", "groups", "--login-file", dir.resolve("none.json").toString()).err())
                .contains("not logged in");
    }

    @Test
    void policyAsCodeRoundTrip() throws IOException {
        logIn();
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                groups:
                  - name: web
                    comment: front end
                    criteria: [{key: image, value: nginx, op: "="}]
                  - name: db
                    criteria: [{key: label, value: app=db, op: "="}]
                rules:
                  - {id: 10, from: web, to: db, ports: tcp/5432, action: allow, applications: [PostgreSQL]}
                  - {id: 20, from: containers, to: db, action: deny}
                """);
        CliRun applied = cli("apply", "-f", policy.toString());
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("2 groups created", "2 rules set");
        assertThat(cli("apply", "-f", policy.toString()).out()).contains("2 updated");

        CliRun groups = cli("get", "groups");
        assertThat(groups.out()).contains("NAME", "web", "db", "containers");
        CliRun rules = cli("get", "rules", "-o", "json");
        assertThat(rules.out()).contains("\"from\" : \"web\"", "tcp/5432");
        assertThat(cli("get", "rule", "20", "-o", "yaml").out()).contains("action: \"deny\"");

        CliRun inUse = cli("delete", "group", "db");
        assertThat(inUse.exitCode()).isEqualTo(2);
        assertThat(inUse.err()).contains("used by rules");

        Path user = Files.writeString(dir.resolve("user.json"), "{\"user\": {\"fullname\": \"rita\", \"password\": "
                + "\"Passw0rd-rita\", \"role\": \"reader\"}}");
        assertThat(cli("create", "user", "-f", user.toString()).exitCode()).isZero();
        Path key = Files.writeString(dir.resolve("key.yaml"), "apikey: {apikey_name: ci, expiration_type: never, role: ciops}\n");
        assertThat(cli("create", "apikey", "-f", key.toString()).out()).containsPattern("secret \\(shown once\\): [0-9a-f]{64}");

        Path backup = dir.resolve("backup.json.gz");
        assertThat(cli("backup", "-o", backup.toString()).exitCode()).isZero();
        assertThat(cli("delete", "user", "rita").exitCode()).isZero();
        assertThat(cli("delete", "rule", "20").exitCode()).isZero();
        CliRun restored = cli("restore", backup.toString());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(cli("get", "users").out()).contains("rita");
        assertThat(cli("get", "rules").out()).contains("deny");

        Files.write(backup, new byte[] {1, 2, 3});
        CliRun broken = cli("restore", backup.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("not a backup");
        Path badYaml = Files.writeString(dir.resolve("bad.yaml"), "groups: [\n");
        assertThat(cli("apply", "-f", badYaml.toString()).err()).contains("is not JSON or YAML");
        assertThat(cli("get", "planets").err()).contains("unknown kind");
        assertThat(cli("get", "dlpsensors").out()).contains("sensor.creditcard", "sensor.ssn");
        assertThat(cli("get", "config", "-o", "json").out()).contains("\"new_service_policy_mode\" : \"Discover\"");
        Path admission = Files.writeString(dir.resolve("adm.yaml"), """
                config:
                  rule_type: deny
                  comment: no privileged pods
                  criteria: [{name: runAsPrivileged, op: "=", value: "true"}]
                """);
        assertThat(cli("create", "admissionrule", "-f", admission.toString()).exitCode()).isZero();
        assertThat(cli("get", "admissionrules").out()).contains("no privileged pods");
        assertThat(cli("create", "rule", "-f", admission.toString()).err()).contains("network rules come with apply");
    }
}
