package dev.bulwark.controller.auth;

import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Any user logged in changes its own account with {@code PATCH /v1/user/{self}}, as in NeuVector: its password
 * (giving the current one), email, locale and timeout, without the {@code authorization} permission; never its roles,
 * nor anyone else's account, and an API key of the same name is not that user.
 */
class OwnAccountTest extends ControllerTest {

    private static final String PASSWORD = "Passw0rd-rita";
    private static final String NEW_PASSWORD = "N3w-Passw0rd-of-rita";

    private String rita;

    @BeforeEach
    void aReader() {
        rita = ApiChecks.reader(c, admin);
    }

    private Reply patchRita(String token, String config) {
        return c.as(token, "PATCH", "/v1/user/rita", "{\"config\": {\"fullname\": \"rita\"%s}}".formatted(config));
    }

    private JsonNode ritaAsAdminSees() {
        return assertOk(c.as(admin, "GET", "/v1/user/rita", null)).at("/user");
    }

    @Test
    void aReaderChangesItsOwnEmailLocaleAndTimeout() {
        // as NeuVector's console sends it: the role the user has, unchanged, beside the settings
        assertOk(patchRita(rita, ", \"email\": \"rita@example.com\", \"locale\": \"zh_cn\", \"timeout\": 900, "
                + "\"role\": \"reader\""));
        JsonNode self = assertOk(c.as(rita, "GET", "/v1/selfuser", null)).at("/user");
        assertThat(self.path("email").asText()).isEqualTo("rita@example.com");
        assertThat(self.path("locale").asText()).isEqualTo("zh_cn");
        assertThat(self.path("timeout").asInt()).isEqualTo(900);
        assertThat(self.path("role").asText()).isEqualTo("reader");
        assertError(patchRita(rita, ", \"timeout\": 5"), 400);
        assertThat(ritaAsAdminSees().path("timeout").asInt()).isEqualTo(900);
    }

    @Test
    void aReaderChangesItsOwnPasswordOnlyWithTheCurrentOne() {
        assertThat(assertError(patchRita(rita, ", \"new_password\": \"%s\"".formatted(NEW_PASSWORD)), 403)
                .at("/code").asInt()).isEqualTo(4);
        assertError(patchRita(rita, ", \"password\": \"Wr0ng-password!\", \"new_password\": \"%s\""
                .formatted(NEW_PASSWORD)), 403);
        assertThat(assertError(patchRita(rita, ", \"password\": \"%s\", \"new_password\": \"short\""
                .formatted(PASSWORD)), 400).at("/code").asInt()).isEqualTo(14);
        assertThat(c.as(rita, "GET", "/v1/selfuser", null).status()).as("no refusal ended the session").isEqualTo(200);

        assertOk(patchRita(rita, ", \"password\": \"%s\", \"new_password\": \"%s\"".formatted(PASSWORD,
                NEW_PASSWORD)));
        assertThat(c.as(rita, "GET", "/v1/selfuser", null).status()).as("the change ends the sessions")
                .isEqualTo(401);
        assertThat(c.call("POST", "/v1/auth", "{\"password\": {\"username\": \"rita\", \"password\": \"%s\"}}"
                .formatted(PASSWORD)).status()).isEqualTo(401);
        String again = c.login("rita", NEW_PASSWORD);
        assertThat(assertOk(c.as(again, "GET", "/v1/selfuser", null)).at("/user/role").asText()).isEqualTo("reader");
    }

    @Test
    void aUserOfNamespacesOnlyChangesItsOwnPasswordToo() {
        String nora = ApiChecks.user(c, admin, "nora", "", "{\"reader\": [\"team-a\"]}");
        assertOk(c.as(nora, "PATCH", "/v1/user/nora", "{\"config\": {\"fullname\": \"nora\", \"password\": "
                + "\"Passw0rd-nora\", \"new_password\": \"%s\"}}".formatted(NEW_PASSWORD)));
        c.login("nora", NEW_PASSWORD);
    }

    @Test
    void aReaderChangesNeitherItsRolesNorAnotherAccount() {
        assertError(patchRita(rita, ", \"role\": \"admin\""), 403);
        assertError(patchRita(rita, ", \"role_domains\": {\"admin\": [\"team-a\"]}"), 403);
        assertError(patchRita(rita, ", \"email\": \"r@example.com\", \"role\": \"admin\""), 403);
        assertError(c.as(rita, "PATCH", "/v1/user/rita/role/admin", "{\"config\": {\"fullname\": \"rita\", \"role\": "
                + "\"admin\", \"domains\": [\"team-a\"]}}"), 403);
        JsonNode after = ritaAsAdminSees();
        assertThat(after.path("role").asText()).isEqualTo("reader");
        assertThat(after.path("role_domains")).isEmpty();
        assertThat(after.path("email").textValue()).isNullOrEmpty();

        assertError(c.as(rita, "PATCH", "/v1/user/admin", "{\"config\": {\"fullname\": \"admin\", \"email\": "
                + "\"rita@example.com\"}}"), 403);
        assertError(c.as(rita, "PATCH", "/v1/user/nobody", "{\"config\": {\"fullname\": \"nobody\"}}"), 403);
        assertThat(assertOk(c.as(admin, "GET", "/v1/user/admin", null)).at("/user/email").asText())
                .isNotEqualTo("rita@example.com");
    }

    @Test
    void anApiKeyIsNotTheUserOfItsName() {
        String secret = assertOk(c.as(admin, "POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"rita\", "
                + "\"expiration_type\": \"never\", \"role\": \"reader\"}}")).at("/apikey/apikey_secret").asText();
        assertError(c.call("PATCH", "/v1/user/rita", "{\"config\": {\"fullname\": \"rita\", \"email\": "
                + "\"key@example.com\"}}", "X-Auth-Apikey", "rita:" + secret), 403);
        assertThat(ritaAsAdminSees().path("email").textValue()).isNullOrEmpty();
    }

    @Test
    void anAdministratorStillChangesOthersSettingsAndRoles() {
        assertOk(patchRita(admin, ", \"email\": \"rita@example.com\", \"role\": \"ciops\""));
        assertThat(ritaAsAdminSees().path("role").asText()).isEqualTo("ciops");
        assertThat(c.as(rita, "GET", "/v1/selfuser", null).status()).as("a new role ends the sessions")
                .isEqualTo(401);
    }
}
