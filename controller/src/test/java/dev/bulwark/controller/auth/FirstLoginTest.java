package dev.bulwark.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture;
import dev.bulwark.controller.ControllerFixture.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-login state NeuVector's console enforces: {@code default_password} while someone else set the user's
 * password, and the EULA's acceptance; both kept in the store across a restart.
 */
class FirstLoginTest {

    private static final String ADMIN = ControllerFixture.ADMIN_PASSWORD;

    @TempDir
    Path dir;

    private static Reply login(ControllerFixture c, String user, String password, String newPassword) {
        String extra = newPassword == null ? "" : ",\"new_password\":\"%s\"".formatted(newPassword);
        return c.call("POST", "/v1/auth", "{\"password\":{\"username\":\"%s\",\"password\":\"%s\"%s}}".formatted(user,
                password, extra));
    }

    @Test
    void theDefaultPasswordIsFlaggedUntilTheUserChoosesOne() {
        try (ControllerFixture c = new ControllerFixture(dir)) {
            Reply first = login(c, "admin", ADMIN, null);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.at("/token/default_password").asBoolean()).isTrue();
            String token = first.at("/token/token").asText();
            // nothing is refused meanwhile: the console, not the API, insists on the change
            assertThat(c.as(token, "GET", "/v1/user", null).status()).isEqualTo(200);

            Reply changed = login(c, "admin", ADMIN, "Adm1n-Ch0sen!pass");
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.at("/token/default_password").asBoolean()).isFalse();
            assertThat(login(c, "admin", "Adm1n-Ch0sen!pass", null).at("/token/default_password").asBoolean())
                    .isFalse();

            String admin = c.login("admin", "Adm1n-Ch0sen!pass");
            // an administrator, so that she may change her own password with PATCH /v1/user/rita
            assertThat(c.as(admin, "POST", "/v1/user", "{\"user\":{\"fullname\":\"rita\",\"password\":"
                    + "\"Passw0rd-rita\",\"role\":\"admin\"}}").status()).isEqualTo(200);
            assertThat(login(c, "rita", "Passw0rd-rita", null).at("/token/default_password").asBoolean()).isTrue();
            assertThat(c.as(admin, "GET", "/v1/user/rita", null).at("/user/default_password").asBoolean()).isTrue();

            String rita = c.login("rita", "Passw0rd-rita");
            assertThat(c.as(rita, "PATCH", "/v1/user/rita", "{\"config\":{\"fullname\":\"rita\",\"password\":"
                    + "\"Passw0rd-rita\",\"new_password\":\"Passw0rd-rita2\"}}").status()).isEqualTo(200);
            assertThat(login(c, "rita", "Passw0rd-rita2", null).at("/token/default_password").asBoolean()).isFalse();

            assertThat(c.as(admin, "POST", "/v1/user/rita/password", "{\"config\":{\"fullname\":\"rita\","
                    + "\"new_password\":\"Passw0rd-reset3\"}}").status()).isEqualTo(200);
            assertThat(login(c, "rita", "Passw0rd-reset3", null).at("/token/default_password").asBoolean()).isTrue();

            c.restart();
            assertThat(login(c, "rita", "Passw0rd-reset3", null).at("/token/default_password").asBoolean()).isTrue();
            assertThat(login(c, "admin", "Adm1n-Ch0sen!pass", null).at("/token/default_password").asBoolean())
                    .isFalse();
        }
    }

    @Test
    void theEulaIsAcceptedByAnAdministratorOnceAndForAll() {
        try (ControllerFixture c = new ControllerFixture(dir)) {
            String admin = c.login("admin", ADMIN);
            assertThat(c.call("GET", "/v1/eula", null).status()).isEqualTo(401);
            assertThat(c.as(admin, "GET", "/v1/eula", null).at("/eula/accepted").asBoolean()).isFalse();
            assertThat(c.as(admin, "POST", "/v1/user", "{\"user\":{\"fullname\":\"rita\",\"password\":"
                    + "\"Passw0rd-rita\",\"role\":\"reader\"}}").status()).isEqualTo(200);
            String reader = c.login("rita", "Passw0rd-rita");
            assertThat(c.as(reader, "POST", "/v1/eula", "{\"eula\":{\"accepted\":true}}").status()).isEqualTo(403);
            assertThat(c.as(admin, "POST", "/v1/eula", "{}").status()).isEqualTo(400);
            assertThat(c.as(admin, "POST", "/v1/eula", "{\"eula\":{\"accepted\":\"yes please\"}}").status())
                    .isEqualTo(400);
            assertThat(c.as(admin, "POST", "/v1/eula", "{\"eula\":{\"accepted\":true}}").status()).isEqualTo(200);
            assertThat(c.as(reader, "GET", "/v1/eula", null).at("/eula/accepted").asBoolean()).isTrue();

            // with the system settings in a full backup, and back with its restore
            byte[] backup = c.download(admin, "/v1/file/config?raw=true&section=all");
            assertThat(c.as(admin, "POST", "/v1/eula", "{\"eula\":{\"accepted\":false}}").status()).isEqualTo(200);
            assertThat(c.as(admin, "GET", "/v1/eula", null).at("/eula/accepted").asBoolean()).isFalse();
            Reply restored = c.send("POST", "/v1/file/config", backup, "X-Auth-Token", admin, "Content-Type",
                    "application/octet-stream");
            assertThat(restored.status()).isEqualTo(206);
            assertThat(restored.at("/data/status").asText()).isEqualTo("done");
            admin = c.login("admin", ADMIN);
            assertThat(c.as(admin, "GET", "/v1/eula", null).at("/eula/accepted").asBoolean()).isTrue();

            c.restart();
            assertThat(c.as(c.login("admin", ADMIN), "GET", "/v1/eula", null).at("/eula/accepted").asBoolean())
                    .isTrue();
        }
    }
}
