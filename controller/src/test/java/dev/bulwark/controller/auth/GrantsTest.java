package dev.bulwark.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nobody climbs: the {@code authorization} permission alone does not make an administrator, and whoever
 * administers accounts in a namespace does not touch global ones.
 */
class GrantsTest extends ControllerTest {

    String eve;

    private void ok(String token, String method, String path, String body) {
        Reply r = c.as(token, method, path, body);
        assertThat(r.status()).as(method + " " + path + ": " + r.text()).isEqualTo(200);
    }

    private void refused(String token, String method, String path, String body) {
        Reply r = c.as(token, method, path, body);
        assertThat(r.status()).as(method + " " + path + ": " + r.text()).isEqualTo(403);
    }

    @BeforeEach
    void authorizationOnly() {
        ok(admin, "POST", "/v1/user_role", "{\"config\": {\"name\": \"authz\", \"comment\": \"accounts only\","
                + " \"permissions\": [{\"id\": \"authorization\", \"read\": true, \"write\": true}]}}");
        ok(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"eve\", \"password\": \"Passw0rd-eve\","
                + " \"role\": \"authz\"}}");
        eve = c.login("eve", "Passw0rd-eve");
    }

    @Test
    void theAuthorizationPermissionAloneDoesNotMakeAnAdministrator() {
        refused(eve, "POST", "/v1/user", "{\"user\": {\"fullname\": \"mallory\", \"password\": \"Passw0rd-m\","
                + " \"role\": \"admin\"}}");
        refused(eve, "POST", "/v1/user", "{\"user\": {\"fullname\": \"mallory\", \"password\": \"Passw0rd-m\","
                + " \"role\": \"reader\"}}");
        refused(eve, "POST", "/v1/user/admin/password", "{\"config\": {\"fullname\": \"admin\","
                + " \"new_password\": \"Passw0rd-taken\"}}");
        refused(eve, "PATCH", "/v1/user/eve", "{\"config\": {\"fullname\": \"eve\", \"role\": \"admin\"}}");
        refused(eve, "PATCH", "/v1/user/eve/role/admin", "{\"config\": {\"fullname\": \"eve\", \"role\": \"admin\","
                + " \"domains\": [\"ns1\"]}}");
        refused(eve, "PATCH", "/v1/user_role/authz", "{\"config\": {\"name\": \"authz\", \"permissions\": ["
                + "{\"id\": \"authorization\", \"read\": true, \"write\": true},"
                + " {\"id\": \"config\", \"read\": true, \"write\": true}]}}");
        refused(eve, "POST", "/v1/user_role", "{\"config\": {\"name\": \"wide\", \"permissions\": ["
                + "{\"id\": \"config\", \"read\": true, \"write\": true}]}}");
        refused(eve, "POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"k\", \"role\": \"admin\","
                + " \"expiration_type\": \"never\"}}");
        refused(eve, "DELETE", "/v1/user/admin", null);

        ok(eve, "POST", "/v1/user", "{\"user\": {\"fullname\": \"frank\", \"password\": \"Passw0rd-frank\","
                + " \"role\": \"authz\"}}");
        ok(eve, "POST", "/v1/user/frank/password", "{\"config\": {\"fullname\": \"frank\","
                + " \"new_password\": \"Passw0rd-frank2\"}}");
        assertThat(c.login("admin", dev.bulwark.controller.ControllerFixture.ADMIN_PASSWORD)).as("admin's password"
                + " is unchanged").isNotEmpty();
        ok(admin, "PATCH", "/v1/user/eve", "{\"config\": {\"fullname\": \"eve\", \"role\": \"admin\"}}");
    }

    @Test
    void aNamespaceAdministratorDoesNotTouchGlobalKeysOrAccounts() {
        ok(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"nsadm\", \"password\": \"Passw0rd-nsadm\","
                + " \"role\": \"\", \"role_domains\": {\"admin\": [\"ns1\"]}}}");
        ok(admin, "POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"k1\", \"role\": \"admin\","
                + " \"expiration_type\": \"never\"}}");
        ok(admin, "POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"k2\", \"role\": \"\","
                + " \"role_domains\": {\"reader\": [\"ns1\"]}, \"expiration_type\": \"never\"}}");
        ok(admin, "POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"k3\", \"role\": \"\","
                + " \"role_domains\": {\"reader\": [\"ns2\"]}, \"expiration_type\": \"never\"}}");
        String nsadm = c.login("nsadm", "Passw0rd-nsadm");
        for (String invisible : new String[] {"k1", "k3"}) { // a global key, another namespace's key: not there
            assertThat(c.as(nsadm, "DELETE", "/v1/api_key/" + invisible, null).status()).isEqualTo(404);
            assertThat(c.as(nsadm, "GET", "/v1/api_key/" + invisible, null).status()).isEqualTo(404);
        }
        assertThat(c.as(nsadm, "GET", "/v1/api_key", null).at("/apikeys").findValuesAsText("apikey_name"))
                .containsExactly("k2");
        ok(nsadm, "DELETE", "/v1/api_key/k2", null);
        assertThat(c.as(admin, "GET", "/v1/api_key/k1", null).status()).isEqualTo(200);
    }
}
