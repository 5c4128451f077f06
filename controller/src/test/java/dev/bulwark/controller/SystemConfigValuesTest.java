package dev.bulwark.controller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values the system config passes on to other systems are checked before they are kept. */
class SystemConfigValuesTest extends ControllerTest {

    @Test
    void hostileAddressesAndUrlsAreRefusedAndChangeNothing() {
        assertThat(c.as(admin, "PATCH", "/v1/system/config", "{\"config\": {\"syslog_ip\": \"10.0.0.5\"}}")
                .status()).isEqualTo(200);
        String[] hostile = {
            "{\"config\": {\"syslog_ip\": \"x\\u0000y\"}}",
            "{\"config\": {\"syslog_ip\": \"999.999.999.999\"}}",
            "{\"config\": {\"syslog_ip\": \"10.0.0.6\\r\\nforged\"}}",
            "{\"config\": {\"registry_https_proxy\": {\"url\": \"https://user:pw@proxy:3128\", \"username\": \"\","
                    + " \"password\": \"\"}}}",
            "{\"config\": {\"webhooks\": [{\"name\": \"w\", \"url\": \"http://x\\r\\nHost: evil\", \"enable\": true,"
                    + " \"type\": \"\"}]}}",
            "{\"config\": {\"cluster_name\": \"a\\nb\"}}",
        };
        for (String body : hostile) {
            ControllerFixture.Reply r = c.as(admin, "PATCH", "/v1/system/config", body);
            assertThat(r.status()).as(body + " -> " + r.text()).isEqualTo(400);
        }
        assertThat(c.as(admin, "GET", "/v1/system/config", null).at("/config/syslog_ip").asText())
                .isEqualTo("10.0.0.5");
    }
}
