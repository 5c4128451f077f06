package dev.bulwark.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ControllerFixture;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, sessions, users, roles, API keys and RBAC on a real controller over HTTPS. */
class AuthApiTest extends ControllerTest {

    private void createUser(String name, String role, String roleDomains) {
        Reply r = c.as(admin, "POST", "/v1/user", """
                {"user": {"fullname": "%s", "password": "Passw0rd-%s", "role": "%s", "email": "%s@example.com"%s}}
                """.formatted(name, name, role, name, roleDomains.isEmpty() ? "" : ", \"role_domains\": " + roleDomains));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @Test
    void loginGivesATokenWithThePermissionsOfTheRole() {
        Reply r = c.call("POST", "/v1/auth", "{\"password\": {\"username\": \"admin\", \"password\": \"%s\"}}"
                .formatted(ControllerFixture.ADMIN_PASSWORD));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.at("/token/token").asText()).hasSize(64);
        assertThat(r.at("/token/role").asText()).isEqualTo("admin");
        assertThat(r.at("/token/timeout").asInt()).isEqualTo(300);
        assertThat(r.at("/token/global_permissions").findValuesAsText("id")).contains("config", "rt_policy");
        assertThat(r.text()).doesNotContain(ControllerFixture.ADMIN_PASSWORD).doesNotContain("argon2");
        assertThat(c.as(admin, "PATCH", "/v1/auth", null).status()).isEqualTo(200);
        assertThat(c.as(admin, "GET", "/v1/selfuser", null).at("/user/fullname").asText()).isEqualTo("admin");
    }

    @Test
    void badCredentialsForgedTokensAndLogoutAre401InNeuVectorsShape() {
        Reply wrong = c.call("POST", "/v1/auth", "{\"password\": {\"username\": \"admin\", \"password\": \"nope\"}}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.at("/code").asInt()).isEqualTo(3);
        assertThat(wrong.at("/error").asText()).isEqualTo("Authentication failed");
        assertThat(c.call("GET", "/v1/user", null).status()).isEqualTo(401);
        assertThat(c.as("f".repeat(64), "GET", "/v1/user", null).status()).isEqualTo(401);
        assertThat(c.as("'; DROP TABLE session;--", "GET", "/v1/user", null).status()).isEqualTo(401);
        assertThat(c.call("GET", "/v1/user", null, "X-Auth-Apikey", "admin:secret").status()).isEqualTo(401);
        String other = c.login("admin", ControllerFixture.ADMIN_PASSWORD);
        assertThat(c.as(other, "DELETE", "/v1/auth", null).status()).isEqualTo(200);
        assertThat(c.as(other, "GET", "/v1/user", null).status()).isEqualTo(401);
        assertThat(c.as(admin, "GET", "/v1/user", null).status()).isEqualTo(200);
    }

    @Test
    void fiveFailuresBlockTheAccountWithAnEvent() {
        createUser("alice", "reader", "");
        for (int i = 0; i < 5; i++) {
            assertThat(c.call("POST", "/v1/auth", "{\"password\": {\"username\": \"alice\", \"password\": \"guess" + i
                    + "\"}}").status()).isEqualTo(401);
        }
        Reply blocked = c.call("POST", "/v1/auth", "{\"password\": {\"username\": \"alice\", \"password\": "
                + "\"Passw0rd-alice\"}}");
        assertThat(blocked.status()).isEqualTo(401);
        assertThat(blocked.at("/code").asInt()).isEqualTo(47);
        Reply guessed = c.call("POST", "/v1/auth", "{\"password\": {\"username\": \"alice\", \"password\": "
                + "\"guess5\"}}");
        Reply unknown = c.call("POST", "/v1/auth", "{\"password\": {\"username\": \"nobody\", \"password\": "
                + "\"guess5\"}}");
        assertThat(guessed.body()).as("a guesser cannot tell a blocked user from an unknown one")
                .isEqualTo(unknown.body());
        assertThat(guessed.status()).isEqualTo(unknown.status()).isEqualTo(401);
        Reply events = c.as(admin, "GET", "/v1/log/event?f_name=User.Login.Blocked", null);
        assertThat(events.at("/events").size()).isEqualTo(1);
        assertThat(events.at("/events/0/user").asText()).isEqualTo("alice");
        assertThat(c.as(admin, "GET", "/v1/user/alice", null).at("/user/blocked_for_failed_login").asBoolean())
                .isTrue();
        assertThat(c.as(admin, "POST", "/v1/user/alice/password", "{\"config\": {\"fullname\": \"alice\","
                + " \"clear_failed_login\": true}}").status()).isEqualTo(200);
        String alice = c.login("alice", "Passw0rd-alice");
        assertThat(c.as(admin, "POST", "/v1/user/alice/password", "{\"config\": {\"fullname\": \"alice\","
                + " \"new_password\": \"Passw0rd-alice2\"}}").status()).isEqualTo(200);
        assertThat(c.as(alice, "GET", "/v1/selfuser", null).status()).as("a reset ends the user's sessions")
                .isEqualTo(401);

        Reply log = c.as(admin, "GET", "/v1/log/event?f_name=prefix,User.", null);
        assertThat(log.at("/events").findValuesAsText("name")).as("newest first").containsSubsequence(
                "User.Password.Reset", "User.Login", "User.Login.Unblocked", "User.Login.Blocked");
        for (JsonNode e : log.at("/events")) {
            if (e.path("name").asText().equals("User.Password.Reset")) {
                assertThat(e.path("user").asText()).isEqualTo("admin");
                assertThat(e.path("message").asText()).contains("alice").doesNotContain("Passw0rd");
            }
        }
    }

    @Test
    void guessingAcrossUserNamesIsThrottledPerAddress() {
        for (int i = 0; i < 20; i++) {
            assertThat(c.call("POST", "/v1/auth", "{\"password\": {\"username\": \"user" + i + "\", \"password\":"
                    + " \"guess\"}}").status()).isEqualTo(401);
        }
        Reply throttled = c.call("POST", "/v1/auth", "{\"password\": {\"username\": \"admin\", \"password\": \""
                + ControllerFixture.ADMIN_PASSWORD + "\"}}");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.at("/message").asText()).contains("Too many failed logins");
        assertThat(c.as(admin, "GET", "/v1/selfuser", null).status()).isEqualTo(200);
    }

    @Test
    void tokensSurviveARestartButNotTheirIdleTimeout() throws IOException {
        c.restart();
        assertThat(c.printed()).isEmpty();
        assertThat(c.as(admin, "GET", "/v1/selfuser", null).status()).isEqualTo(200);
        c.close();
        try (var store = dev.bulwark.controller.store.EmbeddedStore.open(dir.resolve("store"))) {
            for (var kv : store.list("session/")) {
                store.put(kv.key(), kv.text().replaceAll("\"last_active\":\\d+", "\"last_active\":1000"));
            }
        }
        c.start(Optional.empty());
        Reply idle = c.as(admin, "GET", "/v1/selfuser", null);
        assertThat(idle.status()).isEqualTo(401);
        Reply timeouts = c.as(c.login("admin", ControllerFixture.ADMIN_PASSWORD), "GET",
                "/v1/log/event?f_name=User.Timeout", null);
        assertThat(timeouts.at("/events").findValuesAsText("user")).containsExactly("admin");
    }

    @Test
    void aReaderCanReadButEveryWriteIs403() {
        createUser("rita", "reader", "");
        String reader = c.login("rita", "Passw0rd-rita");
        assertThat(c.as(reader, "GET", "/v1/user", null).status()).isEqualTo(200);
        List<String[]> writes = List.of(new String[] {"POST", "/v1/user", "{\"user\": {\"fullname\": \"x\"}}"},
                new String[] {"PATCH", "/v1/user/admin", "{\"config\": {\"email\": \"x@y\"}}"},
                new String[] {"DELETE", "/v1/user/admin", null},
                new String[] {"POST", "/v1/user/admin/password", "{\"config\": {\"fullname\": \"admin\"}}"},
                new String[] {"POST", "/v1/user_role", "{\"config\": {\"name\": \"r\"}}"},
                new String[] {"PATCH", "/v1/user_role/r", "{\"config\": {\"name\": \"r\"}}"},
                new String[] {"DELETE", "/v1/user_role/r", null},
                new String[] {"POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"k\"}}"},
                new String[] {"DELETE", "/v1/api_key/k", null},
                new String[] {"PATCH", "/v1/password_profile/default", "{\"config\": {\"min_len\": 1}}"});
        for (String[] w : writes) {
            Reply r = c.as(reader, w[0], w[1], w[2]);
            assertThat(r.status()).as(w[0] + " " + w[1]).isEqualTo(403);
            assertThat(r.at("/code").asInt()).isEqualTo(25);
        }
        createUser("cici", "ciops", "");
        assertThat(c.as(c.login("cici", "Passw0rd-cici"), "GET", "/v1/user", null).status()).isEqualTo(403);
        Reply denied = c.as(admin, "GET", "/v1/log/event?f_name=User.Resource.Access.Denied", null);
        assertThat(denied.at("/events").size()).isEqualTo(writes.size() + 1);
        assertThat(denied.at("/events").findValuesAsText("message")).contains("DELETE /v1/user/admin",
                "GET /v1/user");
        assertThat(denied.at("/events").findValuesAsText("user")).containsOnly("rita", "cici");
    }

    @Test
    void apiKeysWorkOnceCreatedAndTheirSecretIsNeverShownOrStoredAgain() throws IOException {
        Reply created = c.as(admin, "POST", "/v1/api_key", """
                {"apikey": {"apikey_name": "ci", "expiration_type": "never", "role": "reader", "description": "CI"}}
                """);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String secret = created.at("/apikey/apikey_secret").asText();
        assertThat(secret).hasSize(64);
        assertThat(c.call("GET", "/v1/user", null, "X-Auth-Apikey", "ci:" + secret).status()).isEqualTo(200);
        assertThat(c.call("POST", "/v1/user_role", "{}", "X-Auth-Apikey", "ci:" + secret).status()).isEqualTo(403);
        assertThat(c.call("GET", "/v1/user", null, "X-Auth-Apikey", "ci:" + secret + "0").status()).isEqualTo(401);
        assertThat(c.as(admin, "GET", "/v1/api_key/ci", null).text()).doesNotContain(secret);
        assertThat(c.as(admin, "POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"ci\", \"expiration_type\": "
                + "\"never\", \"role\": \"reader\"}}").status()).isEqualTo(409);
        c.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(secret).doesNotContain(ControllerFixture.ADMIN_PASSWORD);
            }
        }
        c.start(Optional.empty());
    }

    @Test
    void malformedHostileAndOversizedRequestsAreClear400s() {
        String[][] cases = {
            {"{\"user\": {\"fullname\": 7, \"password\": \"Passw0rd-x\"}}", "Invalid JSON"},
            {"{\"user\": {\"fullname\": \"bob\", \"password\": \"Passw0rd-x\", \"timeout\": \"300\"}}", "Invalid JSON"},
            {"{\"user\": ", "Invalid JSON"},
            {"[]", "Invalid JSON"},
            {"{\"user\": {\"fullname\": \"../../etc/passwd\", \"password\": \"Passw0rd-x\"}}", "User name"},
            {"{\"user\": {\"fullname\": \"bob\", \"password\": \"short\"}}", "Password must"},
            {"{\"user\": {\"fullname\": \"bob\", \"password\": \"Passw0rd-x\", \"role\": \"god\"}}", "Unknown role"},
            {"{\"user\": {\"fullname\": \"bob\", \"password\": \"Passw0rd-x\"}} {}", "Invalid JSON"},
            {"{\"user\": {\"fullname\": \"dupa\", \"fullname\": \"dupb\", \"password\": \"Passw0rd-x\"}}",
                "Duplicate field"},
            {"{\"user\": {\"fullname\": \"bob\", \"password\": \"Passw0rd-x\", \"email\": \"" + "x".repeat(2 << 20)
                    + "\"}}", "larger than"},
        };
        for (String[] bad : cases) {
            Reply r = c.as(admin, "POST", "/v1/user", bad[0]);
            assertThat(r.status()).as(bad[1]).isIn(400, 413);
            assertThat(r.at("/message").asText()).as(r.text()).contains(bad[1]);
            assertThat(r.at("/code").asInt()).isIn(6, 14, 15);
        }
        Reply sql = c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"dba\", \"password\": \"Passw0rd-x\","
                + " \"email\": \"x'); DROP TABLE users;-- (uid=*)(|(cn=*))\"}}");
        assertThat(sql.status()).isEqualTo(200);
        assertThat(c.as(admin, "GET", "/v1/user/dba", null).at("/user/email").asText())
                .isEqualTo("x'); DROP TABLE users;-- (uid=*)(|(cn=*))");
        Reply unknown = c.as(admin, "GET", "/v1/nothing/here", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.at("/code").asInt()).as(unknown.text()).isEqualTo(1);
    }

    @Test
    void plainHttpIsNotServedAndOnlyTheTlsPortListens() throws IOException {
        assertThat(c.controller()).isNotNull();
        try (Socket s = new Socket("127.0.0.1", c.port())) {
            s.getOutputStream().write("GET /v1/user HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = s.getInputStream().readNBytes(64);
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("\"code\"");
        }
        assertThat(c.controller().ports()).containsExactly(c.port());
    }

    @Test
    void aFirstStartWithoutAPasswordPrintsAGeneratedOneOnce(@TempDir Path other) {
        ControllerFixture first = new ControllerFixture(other, Optional.empty());
        String line = first.printed();
        assertThat(line).contains("created user 'admin' with password ");
        String password = line.substring(line.indexOf("password ") + 9, line.indexOf(" (shown once"));
        first.login("admin", password);
        first.restart();
        assertThat(first.printed()).isEmpty();
        first.close();
    }
}
