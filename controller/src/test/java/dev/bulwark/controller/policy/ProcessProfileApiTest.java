package dev.bulwark.controller.policy;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
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
 * {@code /v1/process_profile}: a group's process rules as NeuVector's CLI sets and deletes them, the baseline, the
 * 4,096-rule limit, bad input, permissions and concurrent writers.
 */
class ProcessProfileApiTest extends ControllerTest {

    @BeforeEach
    void web() {
        ApiChecks.group(c, admin, "web");
    }

    /** A rule as the CLI's "create process rule" sends it ({@code process.py}). */
    private static String entry(String name, String path, String action) {
        return "{\"name\": \"%s\", \"path\": \"%s\", \"user\": \"\", \"action\": \"%s\", \"allow_update\": false}"
                .formatted(name, path, action);
    }

    private Reply patch(String token, String group, String config) {
        return c.as(token, "PATCH", "/v1/process_profile/" + group, "{\"process_profile_config\": %s}".formatted(config));
    }

    private Reply change(String group, String... entries) {
        return patch(admin, group, "{\"group\": \"%s\", \"process_change_list\": [%s]}".formatted(group,
                String.join(", ", entries)));
    }

    private JsonNode profile(String group) {
        return assertOk(c.as(admin, "GET", "/v1/process_profile/" + group, null)).at("/process_profile");
    }

    private List<String> ruleNames(String group) {
        return profile(group).path("process_list").findValuesAsText("name");
    }

    @Test
    void rulesRoundTripWithTheFieldsClientsRead() {
        assertOk(change("web", "{\"name\": \"nginx\", \"path\": \"/usr/sbin/nginx\", \"user\": \"www-data\", "
                + "\"action\": \"allow\", \"allow_update\": true}", entry("nc", "*", "deny")));
        JsonNode p = profile("web");
        assertThat(p.path("group").asText()).isEqualTo("web");
        assertThat(p.path("baseline").asText()).isEqualTo("zero-drift");
        assertThat(p.path("alert_disabled").asBoolean(true)).isFalse();
        assertThat(p.path("hash_enabled").asBoolean(true)).isFalse();
        assertThat(p.has("mode")).isTrue();
        JsonNode nginx = p.at("/process_list/0");
        assertThat(nginx.path("name").asText()).isEqualTo("nginx");
        assertThat(nginx.path("path").asText()).isEqualTo("/usr/sbin/nginx");
        assertThat(nginx.path("user").asText()).isEqualTo("www-data");
        assertThat(nginx.path("action").asText()).isEqualTo("allow");
        assertThat(nginx.path("allow_update").asBoolean()).isTrue();
        assertThat(nginx.path("cfg_type").asText()).isEqualTo("user_created");
        assertThat(nginx.path("group").asText()).isEqualTo("web");
        assertThat(nginx.path("uuid").asText()).isNotBlank();
        assertThat(nginx.path("created_timestamp").asLong()).isPositive();
        assertThat(nginx.path("last_modified_timestamp").asLong()).isGreaterThanOrEqualTo(
                nginx.path("created_timestamp").asLong());
        assertThat(p.at("/process_list/1/path").asText()).isEqualTo("*");
        assertThat(p.at("/process_list/0/uuid").asText()).isNotEqualTo(p.at("/process_list/1/uuid").asText());

        // changing the rule of the same name and path keeps its identity
        assertOk(change("web", entry("nginx", "/usr/sbin/nginx", "deny")));
        JsonNode changed = profile("web").at("/process_list/0");
        assertThat(changed.path("action").asText()).isEqualTo("deny");
        assertThat(changed.path("uuid").asText()).isEqualTo(nginx.path("uuid").asText());
        assertThat(changed.path("user").asText()).as("the CLI sends an empty user, which replaces it").isEmpty();
        assertThat(ruleNames("web")).hasSize(2);

        assertOk(patch(admin, "web", "{\"group\": \"web\", \"alert_disabled\": true, \"hash_enabled\": true}"));
        assertThat(profile("web").path("alert_disabled").asBoolean()).isTrue();
        assertThat(profile("web").path("hash_enabled").asBoolean()).isTrue();
        assertThat(ruleNames("web")).as("flags leave the rules").hasSize(2);

        // "delete process rule": name, path and user
        assertOk(patch(admin, "web", "{\"group\": \"web\", \"process_delete_list\": [{\"name\": \"nc\", \"path\": "
                + "\"*\", \"user\": \"\"}]}"));
        assertThat(ruleNames("web")).containsExactly("nginx");
        assertThat(assertOk(c.as(admin, "GET", "/v1/process_profile", null)).at("/process_profiles")
                .findValuesAsText("group")).contains("web", "nodes");
    }

    @Test
    void deletingARuleTheProfileDoesNotHaveIs404AndChangesNothing() {
        assertOk(change("web", entry("nginx", "/usr/sbin/nginx", "allow")));
        JsonNode before = profile("web");
        assertError(patch(admin, "web", "{\"group\": \"web\", \"process_delete_list\": [{\"name\": \"nginx\", "
                + "\"path\": \"/bin/other\"}]}"), 404);
        assertThat(profile("web")).isEqualTo(before);
    }

    @Test
    void onlyGroupsWithAModeHaveABaselineAndNodesStaysBasic() {
        assertThat(profile("nodes").path("baseline").asText()).isEqualTo("basic");
        assertOk(patch(admin, "nodes", "{\"group\": \"nodes\", \"baseline\": \"basic\"}"));
        assertBadRequest(patch(admin, "nodes", "{\"group\": \"nodes\", \"baseline\": \"zero-drift\"}"));
        assertThat(profile("nodes").path("baseline").asText()).isEqualTo("basic");
        assertBadRequest(patch(admin, "web", "{\"group\": \"web\", \"baseline\": \"basic\"}"));
        assertThat(profile("web").path("baseline").asText()).isEqualTo("zero-drift");
    }

    @Test
    void aProfileHoldsAtMost4096Rules() {
        String full = IntStream.range(0, 4096).mapToObj(i -> entry("p" + i, "/bin/p" + i, "allow"))
                .collect(Collectors.joining(", "));
        assertOk(change("web", full));
        assertBadRequest(change("web", entry("one-more", "/bin/one-more", "allow")));
        assertThat(ruleNames("web")).hasSize(4096).doesNotContain("one-more");
        assertOk(change("web", entry("p7", "/bin/p7", "deny")));
        assertThat(ruleNames("web")).as("changing a rule of a full profile adds none").hasSize(4096);
    }

    /** Configs of {@code PATCH /v1/process_profile/web} that must be refused with a 400. */
    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("slash in the name", withOk(entry("bin/sh", "/bin/sh", "allow"))),
                Arguments.of("blank name", withOk(entry(" ", "/bin/sh", "allow"))),
                Arguments.of("257-character name", withOk(entry("n".repeat(257), "/bin/sh", "allow"))),
                Arguments.of("relative path", withOk(entry("sh", "bin/sh", "allow"))),
                Arguments.of("1,025-character path", withOk(entry("sh", "/" + "p".repeat(1024), "allow"))),
                Arguments.of("unknown action", withOk(entry("sh", "/bin/sh", "block"))),
                Arguments.of("no action", withOk("{\"name\": \"sh\", \"path\": \"/bin/sh\"}")),
                Arguments.of("deny of any process anywhere", withOk(entry("*", "*", "deny"))),
                Arguments.of("deny of any process without a path", withOk(entry("*", "", "deny"))),
                Arguments.of("null rule", withOk("null")),
                Arguments.of("null in the delete list", "{\"group\": \"web\", \"process_delete_list\": [null]}"),
                Arguments.of("string for allow_update", withOk("{\"name\": \"sh\", \"path\": \"/bin/sh\", "
                        + "\"action\": \"allow\", \"allow_update\": \"yes\"}")),
                Arguments.of("number for the name", withOk("{\"name\": 1, \"path\": \"/bin/sh\", \"action\": "
                        + "\"allow\"}")),
                Arguments.of("another group than the URL's", "{\"group\": \"db\", \"process_change_list\": [%s]}"
                        .formatted(entry("sh", "/bin/sh", "allow"))),
                Arguments.of("baseline for a group without a mode", "{\"group\": \"web\", \"baseline\": \"basic\"}"),
                Arguments.of("object for the change list", "{\"group\": \"web\", \"process_change_list\": {}}"));
    }

    /** A change list for web of a good rule and the given ones: one bad entry must spoil the whole change. */
    private static String withOk(String entries) {
        return "{\"group\": \"web\", \"process_change_list\": [%s, %s]}".formatted(entry("ok", "/bin/ok", "allow"),
                entries);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void aBadChangeIsRefusedAndChangesNothing(String what, String config) {
        assertOk(change("web", entry("nginx", "/usr/sbin/nginx", "allow")));
        JsonNode before = profile("web");
        assertBadRequest(patch(admin, "web", config));
        assertThat(profile("web")).isEqualTo(before);
    }

    @Test
    void nullAndMissingConfigsAreRefused() {
        assertBadRequest(c.as(admin, "PATCH", "/v1/process_profile/web", "{\"process_profile_config\": null}"));
        assertBadRequest(c.as(admin, "PATCH", "/v1/process_profile/web", "{\"config\": {\"group\": \"web\"}}"));
        assertBadRequest(c.as(admin, "PATCH", "/v1/process_profile/web", "not json"));
        assertThat(ruleNames("web")).isEmpty();
    }

    @Test
    void unknownGroupsAre404AndAddressGroupsHaveNoProfile() {
        assertError(c.as(admin, "GET", "/v1/process_profile/ghost", null), 404);
        assertError(change("ghost", entry("sh", "/bin/sh", "allow")), 404);
        ApiChecks.group(c, admin, "outside", "[{\"key\": \"address\", \"value\": \"10.0.0.0/8\", \"op\": \"=\"}]");
        assertBadRequest(c.as(admin, "GET", "/v1/process_profile/outside", null));
        assertBadRequest(change("outside", entry("sh", "/bin/sh", "allow")));
        assertThat(assertOk(c.as(admin, "GET", "/v1/process_profile", null)).at("/process_profiles")
                .findValuesAsText("group")).doesNotContain("ghost", "outside");
    }

    @Test
    void aReaderReadsProfilesButChangesNothing() {
        assertOk(change("web", entry("nginx", "/usr/sbin/nginx", "allow")));
        String reader = ApiChecks.reader(c, admin);
        assertThat(assertOk(c.as(reader, "GET", "/v1/process_profile/web", null)).at("/process_profile/process_list"))
                .hasSize(1);
        assertError(patch(reader, "web", "{\"group\": \"web\", \"process_change_list\": [%s]}".formatted(
                entry("sh", "/bin/sh", "allow"))), 403);
        assertError(patch(reader, "web", "{\"group\": \"web\", \"process_delete_list\": [%s]}".formatted(
                entry("nginx", "/usr/sbin/nginx", "allow"))), 403);
        assertThat(ruleNames("web")).containsExactly("nginx");
    }

    @Test
    void aNamespaceAdministratorChangesOnlyTheProfilesOfItsNamespace() {
        ApiChecks.group(c, admin, "a-app", "[{\"key\": \"namespace\", \"value\": \"team-a\", \"op\": \"=\"}]");
        ApiChecks.group(c, admin, "b-app", "[{\"key\": \"namespace\", \"value\": \"team-b\", \"op\": \"=\"}]");
        String anna = ApiChecks.namespaceAdmin(c, admin);
        assertOk(patch(anna, "a-app", "{\"group\": \"a-app\", \"process_change_list\": [%s]}".formatted(
                entry("java", "/usr/bin/java", "allow"))));
        assertThat(ruleNames("a-app")).containsExactly("java");
        for (String other : List.of("b-app", "web", "nodes")) {
            assertError(c.as(anna, "GET", "/v1/process_profile/" + other, null), 404);
            assertError(patch(anna, other, "{\"group\": \"%s\", \"process_change_list\": [%s]}".formatted(other,
                    entry("sh", "/bin/sh", "allow"))), 404);
            assertThat(ruleNames(other)).as(other).isEmpty();
        }
        assertThat(ApiChecks.each(assertOk(c.as(anna, "GET", "/v1/process_profile", null)).at("/process_profiles"),
                "group")).containsExactly("a-app");
    }

    @Test
    void concurrentWritersOfOneProfileLoseNothing() throws Exception {
        int writers = 8;
        ApiChecks.concurrently(writers, i -> change("web", entry("w" + i + "a", "/bin/w" + i + "a", "allow"),
                entry("w" + i + "b", "/bin/w" + i + "b", "deny")));
        List<String> expected = IntStream.range(0, writers).boxed()
                .flatMap(i -> Stream.of("w" + i + "a", "w" + i + "b")).toList();
        assertThat(ruleNames("web")).containsExactlyInAnyOrderElementsOf(expected);
    }
}
