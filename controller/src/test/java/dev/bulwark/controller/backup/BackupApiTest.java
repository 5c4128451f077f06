package dev.bulwark.controller.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.ControllerFixture;
import dev.bulwark.controller.ControllerTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Export, wipe, import gives back the same configuration; a damaged backup changes nothing. */
class BackupApiTest extends ControllerTest {

    @BeforeEach
    void seed() {
        c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"web\", \"criteria\": [{\"key\": \"image\","
                + " \"value\": \"nginx\", \"op\": \"=\"}]}}");
        c.as(admin, "PATCH", "/v1/policy/rule", "{\"insert\": {\"rules\": [{\"id\": 7, \"from\": \"web\", \"to\": "
                + "\"external\", \"ports\": \"tcp/443\"}, {\"id\": 3, \"from\": \"containers\", \"to\": \"web\"}]}}");
        c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"rita\", \"password\": \"Passw0rd-rita\","
                + " \"role\": \"reader\"}}");
    }

    private byte[] export(String token, String section) {
        return c.download(token, "/v1/file/config?raw=true&section=" + section);
    }

    private ControllerFixture.Reply restore(byte[] file) {
        return c.send("POST", "/v1/file/config", file, "X-Auth-Token", admin, "Content-Type",
                "application/octet-stream");
    }

    private static JsonNode entries(byte[] file) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(file))) {
            return new ObjectMapper().readTree(in).path("entries");
        }
    }

    @Test
    void exportWipeImportGivesTheSameConfiguration() throws Exception {
        c.as(admin, "PATCH", "/v1/system/config", "{\"config\": {\"syslog_ip\": \"10.0.0.5\", "
                + "\"registry_https_proxy\": {\"url\": \"https://proxy:3128\", \"username\": \"u\", \"password\": "
                + "\"proxy-secret\"}}}");
        c.as(admin, "PATCH", "/v1/admission/state", "{\"state\": {\"enable\": true, \"mode\": \"protect\"}}");
        byte[] backup = export(admin, "all");
        JsonNode before = entries(backup);
        assertThat(before.toString()).contains("\"web\"", "rita", "10.0.0.5", "https://proxy:3128", "protect")
                .doesNotContain("Passw0rd-rita").doesNotContain(ControllerFixture.ADMIN_PASSWORD)
                .doesNotContain("proxy-secret");

        c.as(admin, "DELETE", "/v1/policy/rule", null);
        c.as(admin, "DELETE", "/v1/group/web", null);
        c.as(admin, "DELETE", "/v1/user/rita", null);
        c.as(admin, "PATCH", "/v1/system/config", "{\"config\": {\"syslog_ip\": \"10.9.9.9\"}}");
        c.as(admin, "PATCH", "/v1/admission/state", "{\"state\": {\"enable\": false, \"mode\": \"monitor\"}}");
        c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"extra\", \"criteria\": [{\"key\": \"image\","
                + " \"value\": \"x\", \"op\": \"=\"}]}}");

        ControllerFixture.Reply r = restore(backup);
        assertThat(r.status()).as(r.text()).isEqualTo(206);
        assertThat(r.at("/data/status").asText()).isEqualTo("done");
        assertThat(entries(export(admin, "all"))).isEqualTo(before);
        assertThat(c.as(admin, "GET", "/v1/policy/rule", null).at("/rules").findValuesAsText("id"))
                .containsExactly("7", "3");
        assertThat(c.as(admin, "GET", "/v1/group/extra", null).status()).isEqualTo(404);
        assertThat(c.as(admin, "GET", "/v1/system/config", null).at("/config/syslog_ip").asText())
                .isEqualTo("10.0.0.5");
        assertThat(c.as(admin, "GET", "/v1/admission/state", null).at("/state/mode").asText()).isEqualTo("protect");
        assertThat(c.controller().store().get(dev.bulwark.controller.SystemConfigs.KIND.key()).orElseThrow().value()).asString()
                .as("the proxy password the backup left out is kept").contains("proxy-secret");
        assertThat(c.as(admin, "GET", "/v1/log/event?f_name=Admission.Control.Configured", null).at("/events")
                .size()).isEqualTo(2);
        c.login("rita", "Passw0rd-rita");
        assertThat(c.as(admin, "GET", "/v1/log/event?f_name=prefix,Configuration.", null).at("/events")
                .findValuesAsText("name")).containsExactlyInAnyOrder("Configuration.Import", "Configuration.Export",
                "Configuration.Export");
    }

    @Test
    void truncatedTamperedAndForeignFilesChangeNothing() throws Exception {
        byte[] backup = export(admin, "policy");
        JsonNode before = entries(export(admin, "all"));

        byte[] truncated = Arrays.copyOf(backup, backup.length / 2);
        ObjectNode doc;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(backup))) {
            doc = (ObjectNode) new ObjectMapper().readTree(in);
        }
        ((ObjectNode) doc.path("entries").path("object/config/group/web")).put("comment", "edited");
        ByteArrayOutputStream tampered = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(tampered)) {
            gz.write(new ObjectMapper().writeValueAsBytes(doc));
        }
        ObjectNode foreign = doc.deepCopy();
        foreign.put("format", "something-else");
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(other)) {
            gz.write(new ObjectMapper().writeValueAsBytes(foreign));
        }
        for (byte[] bad : new byte[][] {truncated, tampered.toByteArray(), other.toByteArray(),
                "not gzip".getBytes(StandardCharsets.UTF_8), new byte[0]}) {
            ControllerFixture.Reply r = restore(bad);
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.at("/code").asInt()).isEqualTo(18);
        }
        assertThat(c.as(admin, "GET", "/v1/log/event?f_name=Configuration.Import.Failed", null).at("/events")
                .size()).isEqualTo(5);
        assertThat(entries(export(admin, "all"))).isEqualTo(before);

        String reader = c.login("rita", "Passw0rd-rita");
        ControllerFixture.Reply denied = c.upload(reader, "/v1/file/config", "configuration", backup);
        assertThat(denied.status()).isEqualTo(403);
    }

    /** A planted admin with the digest computed again: refused unless whoever restores says they trust it. */
    @Test
    void aForgedBackupIsRefusedUnlessTrustedAndOnlyUserAdminsExportUsers() throws Exception {
        byte[] backup = export(admin, "all");
        ObjectNode doc;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(backup))) {
            doc = (ObjectNode) new ObjectMapper().readTree(in);
        }
        ObjectNode entries = (ObjectNode) doc.path("entries");
        String adminKey = entries.propertyStream().map(java.util.Map.Entry::getKey)
                .filter(k -> k.endsWith("/user/admin")).findFirst().orElseThrow();
        ObjectNode planted = entries.path(adminKey).deepCopy();
        planted.put("fullname", "mallory");
        entries.set(adminKey.replace("/admin", "/mallory"), planted);
        java.util.Map<String, JsonNode> all = new java.util.LinkedHashMap<>();
        entries.properties().forEach(e -> all.put(e.getKey(), e.getValue()));
        doc.put("sha256", ConfigArchive.digest(all));
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(forged)) {
            gz.write(new ObjectMapper().writeValueAsBytes(doc));
        }
        ControllerFixture.Reply refused = restore(forged.toByteArray());
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.at("/message").asText()).contains("not signed by this cluster");
        ControllerFixture.Reply trusted = c.send("POST", "/v1/file/config?trust=true", forged.toByteArray(),
                "X-Auth-Token", admin, "Content-Type", "application/octet-stream");
        assertThat(trusted.status()).as(trusted.text()).isEqualTo(206);
        assertThat(trusted.at("/data/status").asText()).isEqualTo("done");
        assertThat(c.login("mallory", ControllerFixture.ADMIN_PASSWORD)).as("trusted: restored as it was").isNotEmpty();
        ControllerFixture.Reply own = restore(export(admin, "all"));
        assertThat(own.at("/data/status").asText()).as("its own backup, signed: " + own.text()).isEqualTo("done");

        String reader = c.login("rita", "Passw0rd-rita");
        assertThat(c.as(reader, "GET", "/v1/file/config?raw=true&section=user", null).status()).isEqualTo(403);
        assertThat(c.as(reader, "GET", "/v1/file/config?raw=true&section=all", null).status()).isEqualTo(403);
        assertThat(c.as(reader, "GET", "/v1/file/config?raw=true&section=policy", null).status()).isEqualTo(200);
    }
}
