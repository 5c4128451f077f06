package dev.bulwark.controller.policy;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /v1/file_monitor}: a group's file rules as NeuVector's CLI adds, sets and deletes them, the predefined
 * monitored paths, the 512-rule limit, hostile paths, permissions and concurrent writers.
 */
class FileMonitorApiTest extends ControllerTest {

    @BeforeEach
    void web() {
        ApiChecks.group(c, admin, "web");
    }

    /** A filter as the CLI's "create file" sends it ({@code file_access.py}), with applications. */
    private static String filter(String path, boolean recursive, String behavior, String... apps) {
        return "{\"filter\": \"%s\", \"recursive\": %s, \"behavior\": \"%s\", \"applications\": [%s]}".formatted(path,
                recursive, behavior, Stream.of(apps).map(a -> "\"" + a + "\"").collect(Collectors.joining(", ")));
    }

    private Reply patch(String token, String group, String list, String... filters) {
        return c.as(token, "PATCH", "/v1/file_monitor/" + group, "{\"config\": {\"%s\": [%s]}}".formatted(list,
                String.join(", ", filters)));
    }

    private Reply add(String group, String... filters) {
        return patch(admin, group, "add_filters", filters);
    }

    private JsonNode profile(String group) {
        return assertOk(c.as(admin, "GET", "/v1/file_monitor/" + group, null)).at("/profile");
    }

    /** The group's filters of this cfg_type. */
    private List<JsonNode> filters(String group, String cfgType) {
        List<JsonNode> out = new ArrayList<>();
        profile(group).path("filters").forEach(f -> {
            if (f.path("cfg_type").asText().equals(cfgType)) {
                out.add(f);
            }
        });
        return out;
    }

    private List<String> userPaths(String group) {
        return filters(group, "user_created").stream().map(f -> f.path("filter").asText()).toList();
    }

    @Test
    void filtersRoundTripWithTheFieldsClientsRead() {
        assertOk(add("web", filter("/etc/nginx/*", true, "block_access", "/usr/sbin/nginx", "nginx"),
                filter("/var/www/index.html", false, "monitor_change")));
        JsonNode p = profile("web");
        assertThat(p.path("group").asText()).isEqualTo("web");
        List<JsonNode> mine = filters("web", "user_created");
        assertThat(mine).hasSize(2);
        JsonNode nginx = mine.get(0);
        assertThat(nginx.path("filter").asText()).isEqualTo("/etc/nginx/*");
        assertThat(nginx.path("recursive").asBoolean()).isTrue();
        assertThat(nginx.path("behavior").asText()).isEqualTo("block_access");
        assertThat(nginx.path("applications").toString()).isEqualTo("[\"/usr/sbin/nginx\",\"nginx\"]");
        assertThat(nginx.path("group").asText()).isEqualTo("web");
        assertThat(p.at("/filters/0/cfg_type").asText()).as("the predefined paths come first")
                .isEqualTo("system_defined");

        // "set file": the CLI sends the filter with its new behavior
        assertOk(patch(admin, "web", "update_filters", filter("/etc/nginx/*", false, "monitor_change")));
        JsonNode updated = filters("web", "user_created").get(0);
        assertThat(updated.path("behavior").asText()).isEqualTo("monitor_change");
        assertThat(updated.path("recursive").asBoolean()).isFalse();
        assertThat(userPaths("web")).containsExactly("/etc/nginx/*", "/var/www/index.html");

        // "delete file": only the filter
        assertOk(patch(admin, "web", "delete_filters", "{\"filter\": \"/var/www/index.html\"}"));
        assertThat(userPaths("web")).containsExactly("/etc/nginx/*");
        assertThat(assertOk(c.as(admin, "GET", "/v1/file_monitor", null)).at("/profiles").findValuesAsText("group"))
                .contains("web");
    }

    @Test
    void thePredefinedPathsAreInEveryProfileAndCannotBeChanged() {
        List<String> predefined = filters("web", "system_defined").stream().map(f -> f.path("filter").asText())
                .toList();
        assertThat(predefined).contains("/etc/passwd", "/etc/shadow", "/etc/hosts", "/usr/bin/*");
        JsonNode before = profile("web");

        Reply duplicate = assertError(add("web", filter("/etc/passwd", false, "block_access")), 409);
        assertThat(duplicate.at("/code").asInt()).isEqualTo(13);
        assertThat(patch(admin, "web", "update_filters", filter("/etc/shadow", false, "block_access")).status())
                .isIn(400, 404);
        assertThat(patch(admin, "web", "delete_filters", "{\"filter\": \"/etc/shadow\"}").status()).isIn(400, 404);
        assertThat(profile("web")).isEqualTo(before);
    }

    @Test
    void aSecondFilterOfTheSamePathIsADuplicate() {
        assertOk(add("web", filter("/data/*", true, "monitor_change")));
        assertThat(assertError(add("web", filter("/data/*", false, "block_access")), 409).at("/code").asInt())
                .isEqualTo(13);
        assertThat(filters("web", "user_created")).singleElement()
                .satisfies(f -> assertThat(f.path("behavior").asText()).isEqualTo("monitor_change"));
    }

    @Test
    void aGroupHoldsAtMost512FileRules() {
        String[] full = IntStream.range(0, 512).mapToObj(i -> filter("/data/" + i, false, "monitor_change"))
                .toArray(String[]::new);
        assertOk(add("web", full));
        assertBadRequest(add("web", filter("/data/one-more", false, "monitor_change")));
        assertThat(userPaths("web")).hasSize(512).doesNotContain("/data/one-more");
    }

    /** Configs of {@code PATCH /v1/file_monitor/web} that must be refused with a 400. */
    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("relative path", addWithOk(filter("etc/passwd", false, "monitor_change"))),
                Arguments.of("traversal inside", addWithOk(filter("/var/www/../../etc/shadow", false, "monitor_change"))),
                Arguments.of("traversal at the start", addWithOk(filter("/../etc/shadow", false, "monitor_change"))),
                Arguments.of("traversal at the end", addWithOk(filter("/var/www/..", true, "block_access"))),
                Arguments.of("1,025-character path", addWithOk(filter("/" + "d".repeat(1024), false, "monitor_change"))),
                Arguments.of("unknown behavior", addWithOk(filter("/data", false, "deny"))),
                Arguments.of("65 applications", addWithOk(filter("/data", false, "block_access",
                        IntStream.range(0, 65).mapToObj(i -> "app" + i).toArray(String[]::new)))),
                Arguments.of("blank application", addWithOk(filter("/data", false, "block_access", " "))),
                Arguments.of("null filter", addWithOk("null")),
                Arguments.of("no path", addWithOk("{\"recursive\": true}")),
                Arguments.of("string for recursive", addWithOk("{\"filter\": \"/data\", \"recursive\": \"yes\"}")),
                Arguments.of("number for the path", addWithOk("{\"filter\": 42}")),
                Arguments.of("null in the delete list", "{\"delete_filters\": [null]}"),
                Arguments.of("bad filter in the update list", "{\"update_filters\": [%s]}".formatted(
                        filter("/etc/nginx/*", false, "shred"))),
                Arguments.of("null config", "null"));
    }

    /** An add list of a good filter and the given ones: one bad entry must spoil the whole change. */
    private static String addWithOk(String filters) {
        return "{\"add_filters\": [%s, %s]}".formatted(filter("/ok/*", false, "monitor_change"), filters);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void aBadChangeIsRefusedAndChangesNothing(String what, String config) {
        assertOk(add("web", filter("/etc/nginx/*", true, "block_access", "nginx")));
        JsonNode before = profile("web");
        assertBadRequest(c.as(admin, "PATCH", "/v1/file_monitor/web", "{\"config\": %s}".formatted(config)));
        assertThat(profile("web")).isEqualTo(before);
    }

    @Test
    void deletingOrUpdatingAFilterTheGroupDoesNotHaveIs404() {
        assertOk(add("web", filter("/data", false, "monitor_change")));
        JsonNode before = profile("web");
        assertError(patch(admin, "web", "delete_filters", "{\"filter\": \"/ghost\"}"), 404);
        assertError(patch(admin, "web", "update_filters", filter("/ghost", false, "block_access")), 404);
        assertThat(profile("web")).isEqualTo(before);
    }

    @Test
    void unknownGroupsAre404AndAddressGroupsHaveNoFileRules() {
        assertError(c.as(admin, "GET", "/v1/file_monitor/ghost", null), 404);
        assertError(add("ghost", filter("/data", false, "monitor_change")), 404);
        ApiChecks.group(c, admin, "outside", "[{\"key\": \"address\", \"value\": \"10.0.0.0/8\", \"op\": \"=\"}]");
        assertBadRequest(c.as(admin, "GET", "/v1/file_monitor/outside", null));
        assertBadRequest(add("outside", filter("/data", false, "monitor_change")));
    }

    @Test
    void aReaderReadsFileRulesButChangesNothing() {
        assertOk(add("web", filter("/data", false, "monitor_change")));
        String reader = ApiChecks.reader(c, admin);
        assertOk(c.as(reader, "GET", "/v1/file_monitor/web", null));
        assertError(patch(reader, "web", "add_filters", filter("/more", false, "monitor_change")), 403);
        assertError(patch(reader, "web", "delete_filters", "{\"filter\": \"/data\"}"), 403);
        assertThat(userPaths("web")).containsExactly("/data");
    }

    @Test
    void aNamespaceAdministratorChangesOnlyTheFileRulesOfItsNamespace() {
        ApiChecks.group(c, admin, "a-app", "[{\"key\": \"namespace\", \"value\": \"team-a\", \"op\": \"=\"}]");
        ApiChecks.group(c, admin, "b-app", "[{\"key\": \"namespace\", \"value\": \"team-b\", \"op\": \"=\"}]");
        String anna = ApiChecks.namespaceAdmin(c, admin);
        assertOk(patch(anna, "a-app", "add_filters", filter("/app/config", false, "block_access")));
        assertThat(userPaths("a-app")).containsExactly("/app/config");
        for (String other : List.of("b-app", "web", "containers")) {
            assertError(c.as(anna, "GET", "/v1/file_monitor/" + other, null), 404);
            assertError(patch(anna, other, "add_filters", filter("/x", false, "monitor_change")), 404);
            assertThat(userPaths(other)).as(other).isEmpty();
        }
        assertThat(ApiChecks.each(assertOk(c.as(anna, "GET", "/v1/file_monitor", null)).at("/profiles"), "group"))
                .containsExactly("a-app");
    }

    @Test
    void concurrentWritersOfOneGroupLoseNothing() throws Exception {
        int writers = 8;
        ApiChecks.concurrently(writers, i -> add("web", filter("/w" + i + "/a", false, "monitor_change"),
                filter("/w" + i + "/b", true, "block_access")));
        List<String> expected = IntStream.range(0, writers).boxed()
                .flatMap(i -> Stream.of("/w" + i + "/a", "/w" + i + "/b")).toList();
        assertThat(userPaths("web")).containsExactlyInAnyOrderElementsOf(expected);
    }
}
