package dev.bulwark.controller.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.ControllerFixture;
import dev.bulwark.controller.tls.InternalCa;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, wipe, import gives back the same configuration; a damaged backup changes nothing. */
class BackupApiTest {

    @TempDir
    Path dir;

    ControllerFixture c;
    String admin;
    HttpClient http;

    @BeforeEach
    void start() {
        c = new ControllerFixture(dir);
        admin = c.login("admin", ControllerFixture.ADMIN_PASSWORD);
        http = ControllerFixture.client(dir.resolve("tls").resolve(InternalCa.CA_CERT));
        c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"web\", \"criteria\": [{\"key\": \"image\","
                + " \"value\": \"nginx\", \"op\": \"=\"}]}}");
        c.as(admin, "PATCH", "/v1/policy/rule", "{\"insert\": {\"rules\": [{\"id\": 7, \"from\": \"web\", \"to\": "
                + "\"external\", \"ports\": \"tcp/443\"}, {\"id\": 3, \"from\": \"containers\", \"to\": \"web\"}]}}");
        c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"rita\", \"password\": \"Passw0rd-rita\","
                + " \"role\": \"reader\"}}");
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private byte[] export(String token, String section) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + c.port()
                + "/v1/file/config?section=" + section)).header("X-Auth-Token", token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private ControllerFixture.Reply restore(byte[] file) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + c.port()
                + "/v1/file/config")).header("X-Auth-Token", admin).POST(HttpRequest.BodyPublishers.ofByteArray(file))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new ControllerFixture.Reply(r.statusCode(), new ObjectMapper().readTree(r.body().isEmpty() ? "{}"
                : r.body()), r.body());
    }

    private static JsonNode entries(byte[] file) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(file))) {
            return new ObjectMapper().readTree(in).path("entries");
        }
    }

    @Test
    void exportWipeImportGivesTheSameConfiguration() throws Exception {
        byte[] backup = export(admin, "all");
        JsonNode before = entries(backup);
        assertThat(before.toString()).contains("\"web\"", "rita").doesNotContain("Passw0rd-rita")
                .doesNotContain(ControllerFixture.ADMIN_PASSWORD);

        c.as(admin, "DELETE", "/v1/policy/rule", null);
        c.as(admin, "DELETE", "/v1/group/web", null);
        c.as(admin, "DELETE", "/v1/user/rita", null);
        c.as(admin, "POST", "/v1/group", "{\"config\": {\"name\": \"extra\", \"criteria\": [{\"key\": \"image\","
                + " \"value\": \"x\", \"op\": \"=\"}]}}");

        ControllerFixture.Reply r = restore(backup);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(entries(export(admin, "all"))).isEqualTo(before);
        assertThat(c.as(admin, "GET", "/v1/policy/rule", null).at("/rules").findValuesAsText("id"))
                .containsExactly("7", "3");
        assertThat(c.as(admin, "GET", "/v1/group/extra", null).status()).isEqualTo(404);
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
        assertThat(entries(export(admin, "all"))).isEqualTo(before);

        String reader = c.login("rita", "Passw0rd-rita");
        HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + c.port()
                + "/v1/file/config")).header("X-Auth-Token", reader).POST(HttpRequest.BodyPublishers.ofByteArray(backup))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).isEqualTo(403);
    }
}
