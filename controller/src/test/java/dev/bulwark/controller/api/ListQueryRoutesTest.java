package dev.bulwark.controller.api;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.harbor.FakeScanner;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lists the console pages through NeuVector's list query ({@code start}, {@code limit}, {@code s_F},
 * {@code f_F}) and whose answers used to be whole: roles, API keys, registries, scanners, DLP and WAF sensors and
 * the threat log. Each is seeded with three objects of its own beside whatever the controller holds from the start,
 * then filtered to those three, sorted backwards and paged to the middle one; its answer keeps its shape.
 */
class ListQueryRoutesTest extends ControllerTest {

    /** The names in the list, after filtering {@code name} by {@code prefix,x-}, sorted by name descending, 1 of 3. */
    private List<String> middleOfThree(String path, String key, String field) {
        JsonNode answer = assertOk(c.as(admin, "GET", path + (path.contains("?") ? "&" : "?")
                + "f_%s=prefix,x-&s_%s=desc&start=1&limit=1".formatted(field, field), null)).body();
        return ApiChecks.each(answer.path(key), field);
    }

    private List<String> all(String path, String key, String field) {
        return ApiChecks.each(assertOk(c.as(admin, "GET", path, null)).at("/" + key), field);
    }

    private void checkList(String path, String key, String field, Consumer<JsonNode> shape) {
        assertThat(all(path, key, field)).contains("x-a", "x-b", "x-c");
        assertThat(middleOfThree(path, key, field)).containsExactly("x-b");
        assertThat(ApiChecks.each(assertOk(c.as(admin, "GET", path + "?f_%s=in,-c".formatted(field), null))
                .at("/" + key), field)).containsExactly("x-c");
        assertThat(assertOk(c.as(admin, "GET", path + "?f_no_such_field=eq,1", null)).at("/" + key)).isEmpty();
        assertBadRequest(c.as(admin, "GET", path + "?start=first", null));
        assertBadRequest(c.as(admin, "GET", path + "?limit=" + "9".repeat(40), null));
        shape.accept(assertOk(c.as(admin, "GET", path + "?limit=1", null)).body());
    }

    @Test
    void rolesTakeTheListQuery() {
        for (String name : List.of("x-b", "x-c", "x-a")) {
            assertOk(c.as(admin, "POST", "/v1/user_role", "{\"config\": {\"name\": \"%s\", \"permissions\": [{\"id\": "
                    .formatted(name) + "\"config\", \"read\": true, \"write\": false}]}}"));
        }
        checkList("/v1/user_role", "roles", "name", answer -> {
            assertThat(answer.at("/roles")).hasSize(1);
            assertThat(answer.at("/roles/0/permissions").isArray()).isTrue();
        });
        assertThat(ApiChecks.each(assertOk(c.as(admin, "GET", "/v1/user_role?f_reserved=eq,true&s_name=asc", null))
                .at("/roles"), "name")).isSorted().contains("admin", "reader").doesNotContain("x-a");
    }

    @Test
    void apiKeysTakeTheListQueryAndKeepTheRolesBeside() {
        for (String name : List.of("x-c", "x-a", "x-b")) {
            assertOk(c.as(admin, "POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"%s\", \"expiration_type\": "
                    .formatted(name) + "\"never\", \"role\": \"reader\"}}"));
        }
        checkList("/v1/api_key", "apikeys", "apikey_name", answer -> {
            assertThat(answer.at("/apikeys")).hasSize(1);
            assertThat(answer.at("/global_roles").isArray()).isTrue();
            assertThat(answer.at("/domain_roles").isArray()).isTrue();
        });
    }

    @Test
    void registriesTakeTheListQueryAndScopeFedStaysEmpty() {
        for (String name : List.of("x-a", "x-c", "x-b")) {
            assertOk(c.as(admin, "POST", "/v1/scan/registry", ("{\"config\": {\"name\": \"%s\", \"registry_type\": "
                    + "\"Docker Registry\", \"registry\": \"https://%s.example.com\", \"filters\": [\"*\"]}}")
                    .formatted(name, name)));
        }
        checkList("/v1/scan/registry", "summarys", "name", answer -> {
            assertThat(answer.at("/summarys")).hasSize(1);
            assertThat(answer.at("/summarys/0/registry_type").asText()).isEqualTo("Docker Registry");
        });
        assertThat(middleOfThree("/v1/scan/registry?scope=local", "summarys", "name")).containsExactly("x-b");
        assertThat(assertOk(c.as(admin, "GET", "/v1/scan/registry?scope=fed&start=0&limit=5", null))
                .at("/summarys")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dlp", "waf"})
    void sensorsTakeTheListQuery(String kind) {
        for (String name : List.of("x-c", "x-b", "x-a")) {
            assertOk(c.as(admin, "POST", "/v1/%s/sensor".formatted(kind), ("{\"config\": {\"name\": \"%s\", "
                    + "\"rules\": [{\"name\": \"%s-rule\", \"patterns\": [{\"key\": \"pattern\", \"value\": \"secret\","
                    + " \"op\": \"regex\", \"context\": \"packet\"}]}]}}").formatted(name, name)));
        }
        checkList("/v1/%s/sensor".formatted(kind), "sensors", "name", answer -> {
            assertThat(answer.at("/sensors")).hasSize(1);
            assertThat(answer.at("/sensors/0/rules").isArray()).isTrue();
        });
        assertThat(ApiChecks.each(assertOk(c.as(admin, "GET", "/v1/%s/sensor?f_predefine=eq,false&s_name=asc"
                .formatted(kind), null)).at("/sensors"), "name")).containsExactly("x-a", "x-b", "x-c");
    }

    @Test
    void scannersTakeTheListQuery() throws Exception {
        try (FakeScanner a = new FakeScanner(c.controller(), "2026-01-01T00:00:00Z");
                FakeScanner b = new FakeScanner(c.controller(), "2026-02-01T00:00:00Z");
                FakeScanner d = new FakeScanner(c.controller(), "2026-03-01T00:00:00Z")) {
            String path = "/v1/scan/scanner";
            assertThat(all(path, "scanners", "cvedb_version")).containsExactlyInAnyOrder("2026-01-01T00:00:00Z",
                    "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z");
            assertThat(ApiChecks.each(assertOk(c.as(admin, "GET", path + "?s_cvedb_version=desc&start=1&limit=1",
                    null)).at("/scanners"), "cvedb_version")).containsExactly("2026-02-01T00:00:00Z");
            assertThat(ApiChecks.each(assertOk(c.as(admin, "GET", path + "?f_cvedb_version=prefix,2026-03", null))
                    .at("/scanners"), "cvedb_version")).containsExactly("2026-03-01T00:00:00Z");
            assertBadRequest(c.as(admin, "GET", path + "?limit=many", null));
        }
    }

    @Test
    void theThreatLogReadsItsListQueryThoughItIsEmpty() {
        assertThat(assertOk(c.as(admin, "GET", "/v1/log/threat?start=0&limit=26&s_reported_timestamp=desc"
                + "&f_level=eq,Critical", null)).at("/threats").isArray()).isTrue();
        assertBadRequest(c.as(admin, "GET", "/v1/log/threat?start=-", null));
    }
}
