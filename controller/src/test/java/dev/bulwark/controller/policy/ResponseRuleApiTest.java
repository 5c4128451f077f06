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
 * {@code /v1/response/rule}: insertion after an id with ids assigned, changes of single fields as NeuVector's CLI
 * sends them, validation against the options, the 10,000-rule limit, permissions and concurrent writers.
 */
class ResponseRuleApiTest extends ControllerTest {

    @BeforeEach
    void groupsAndAWebhook() {
        ApiChecks.group(c, admin, "web");
        ApiChecks.group(c, admin, "db");
        assertOk(c.as(admin, "POST", "/v1/system/config/webhook", "{\"config\": {\"name\": \"ops\", \"url\": "
                + "\"https://hooks.example.com/ops\", \"enable\": true, \"use_proxy\": false, \"type\": \"JSON\"}}"));
    }

    /** A rule as the CLI's "create response rule" sends it ({@code policy.py}), without an id. */
    private static String rule(String event, String comment, String actions) {
        return "{\"event\": \"%s\", \"comment\": \"%s\", \"actions\": %s, \"cfg_type\": \"user_created\"}".formatted(
                event, comment, actions);
    }

    /** A rule that every event takes. */
    private static String quiet(String comment) {
        return rule("event", comment, "[\"suppress-log\"]");
    }

    private Reply insert(Integer after, String... rules) {
        return c.as(admin, "PATCH", "/v1/response/rule", "{\"insert\": {%s\"rules\": [%s]}}".formatted(
                after == null ? "" : "\"after\": " + after + ", ", String.join(", ", rules)));
    }

    private Reply update(String token, int id, String config) {
        return c.as(token, "PATCH", "/v1/response/rule/" + id, "{\"config\": %s}".formatted(config));
    }

    private JsonNode rules() {
        return assertOk(c.as(admin, "GET", "/v1/response/rule", null)).at("/rules");
    }

    private List<Integer> ids() {
        List<Integer> ids = new ArrayList<>();
        rules().forEach(r -> ids.add(r.path("id").asInt()));
        return ids;
    }

    private JsonNode rule(int id) {
        return assertOk(c.as(admin, "GET", "/v1/response/rule/" + id, null)).at("/rule");
    }

    @Test
    void aRuleRoundTripsWithTheFieldsClientsRead() {
        assertOk(insert(-1, "{\"event\": \"security-event\", \"comment\": \"isolate\", \"group\": \"web\", "
                + "\"conditions\": [{\"type\": \"level\", \"value\": \"Critical\"}, {\"type\": \"name\", \"value\": "
                + "\"Container.Privilege.Escalation\"}], \"actions\": [\"quarantine\", \"webhook\"], \"webhooks\": "
                + "[\"ops\"], \"disable\": true, \"cfg_type\": \"user_created\"}"));
        JsonNode r = rule(1);
        assertThat(r.path("id").asInt()).isEqualTo(1);
        assertThat(r.path("event").asText()).isEqualTo("security-event");
        assertThat(r.path("comment").asText()).isEqualTo("isolate");
        assertThat(r.path("group").asText()).isEqualTo("web");
        assertThat(r.path("conditions").toString()).isEqualTo("[{\"type\":\"level\",\"value\":\"Critical\"},"
                + "{\"type\":\"name\",\"value\":\"Container.Privilege.Escalation\"}]");
        assertThat(r.path("actions").toString()).isEqualTo("[\"quarantine\",\"webhook\"]");
        assertThat(r.path("webhooks").toString()).isEqualTo("[\"ops\"]");
        assertThat(r.path("disable").asBoolean()).isTrue();
        assertThat(r.path("cfg_type").asText()).isEqualTo("user_created");
        assertThat(rules()).hasSize(1);

        // "set response rule": only what is given changes
        assertOk(update(admin, 1, "{\"id\": 1, \"comment\": \"isolate now\", \"disable\": false}"));
        JsonNode changed = rule(1);
        assertThat(changed.path("comment").asText()).isEqualTo("isolate now");
        assertThat(changed.path("disable").asBoolean()).isFalse();
        assertThat(changed.path("conditions")).hasSize(2);
        assertThat(changed.path("group").asText()).isEqualTo("web");
        // "unset response rule conditions" and "set ... --no-webhook" with the action gone
        assertOk(update(admin, 1, "{\"id\": 1, \"conditions\": []}"));
        assertOk(update(admin, 1, "{\"id\": 1, \"actions\": [\"quarantine\"], \"webhooks\": []}"));
        changed = rule(1);
        assertThat(changed.path("conditions")).isEmpty();
        assertThat(changed.path("webhooks")).isEmpty();
        // "unset response rule group" of a rule that no longer quarantines
        assertOk(update(admin, 1, "{\"id\": 1, \"actions\": [\"suppress-log\"]}"));
        assertOk(update(admin, 1, "{\"id\": 1, \"group\": \"\"}"));
        assertThat(rule(1).path("group").asText()).isEmpty();

        assertOk(c.as(admin, "DELETE", "/v1/response/rule/1", null));
        assertError(c.as(admin, "GET", "/v1/response/rule/1", null), 404);
        assertThat(rules()).isEmpty();
    }

    @Test
    void insertsGoAfterTheGivenIdAndIdsAreAssignedInOrder() {
        assertOk(insert(-1, quiet("a"), quiet("b")));
        assertThat(ids()).containsExactly(1, 2);
        assertOk(insert(0, quiet("first")));
        assertOk(insert(1, quiet("after a")));
        assertOk(insert(-1, quiet("last")));
        assertThat(ids()).containsExactly(3, 1, 4, 2, 5);
        assertThat(rules().findValuesAsText("comment")).containsExactly("first", "a", "after a", "b", "last");

        assertOk(insert(-1, "{\"id\": 50, \"event\": \"event\", \"actions\": [\"suppress-log\"]}"));
        assertOk(insert(-1, quiet("next")));
        assertThat(ids()).endsWith(50, 51);

        List<Integer> before = ids();
        assertError(insert(99, quiet("nowhere")), 404);
        Reply taken = assertError(insert(-1, "{\"id\": 4, \"event\": \"event\", \"actions\": [\"suppress-log\"]}"),
                409);
        assertThat(taken.at("/code").asInt()).isEqualTo(13);
        assertThat(ids()).isEqualTo(before);

        assertOk(c.as(admin, "DELETE", "/v1/response/rule", null));
        assertThat(ids()).isEmpty();
    }

    @Test
    void theCliMovesARuleAfterAnother() {
        assertOk(insert(-1, quiet("a"), quiet("b"), quiet("c")));
        assertOk(c.as(admin, "PATCH", "/v1/response/rule", "{\"move\": {\"id\": 1, \"after\": 3}}"));
        assertThat(ids()).containsExactly(2, 3, 1);
        assertOk(c.as(admin, "PATCH", "/v1/response/rule", "{\"move\": {\"id\": 1, \"after\": 0}}"));
        assertThat(ids()).containsExactly(1, 2, 3);
        assertError(c.as(admin, "PATCH", "/v1/response/rule", "{\"move\": {\"id\": 1, \"after\": 1}}"), 400);
        assertError(c.as(admin, "PATCH", "/v1/response/rule", "{\"move\": {\"id\": 9, \"after\": 1}}"), 404);
        assertError(c.as(admin, "PATCH", "/v1/response/rule", "{\"move\": {\"id\": 1, \"after\": 9}}"), 404);
        assertError(c.as(admin, "PATCH", "/v1/response/rule", "{\"move\": {\"after\": 1}}"), 400);
        assertError(c.as(admin, "PATCH", "/v1/response/rule", "{\"move\": {\"id\": 2}, \"insert\": {\"rules\": []}}"),
                400);
        assertThat(ids()).containsExactly(1, 2, 3);
    }

    @Test
    void optionsOfferEachEventsConditionsActionsAndTheWebhooks() {
        JsonNode r = assertOk(c.as(admin, "GET", "/v1/response/options", null)).body();
        JsonNode options = r.path("response_rule_options");
        assertThat(options.path("security-event").path("actions").toString()).contains("quarantine", "webhook",
                "suppress-log");
        assertThat(options.path("event").path("actions").toString()).doesNotContain("quarantine");
        assertThat(options.path("cve-report").path("types").toString()).contains("cve-high", "cve-critical");
        assertThat(options.path("compliance").path("types").toString()).contains("number");
        assertThat(r.path("webhooks").toString()).contains("ops");
    }

    /** Rules an insert must refuse with a 400. */
    static Stream<Arguments> badRules() {
        return Stream.of(
                Arguments.of("unknown event", rule("earthquake", "x", "[\"suppress-log\"]")),
                Arguments.of("no event", "{\"actions\": [\"suppress-log\"]}"),
                Arguments.of("condition of another event", "{\"event\": \"event\", \"conditions\": [{\"type\": "
                        + "\"cve-high\", \"value\": \"1\"}], \"actions\": [\"suppress-log\"]}"),
                Arguments.of("blank condition value", "{\"event\": \"event\", \"conditions\": [{\"type\": \"name\","
                        + " \"value\": \" \"}], \"actions\": [\"suppress-log\"]}"),
                Arguments.of("257-character condition value", "{\"event\": \"event\", \"conditions\": [{\"type\": "
                        + "\"name\", \"value\": \"%s\"}], \"actions\": [\"suppress-log\"]}".formatted("v".repeat(257))),
                Arguments.of("null condition", "{\"event\": \"event\", \"conditions\": [null], \"actions\": "
                        + "[\"suppress-log\"]}"),
                Arguments.of("action of another event", "{\"event\": \"event\", \"group\": \"web\", \"actions\": "
                        + "[\"quarantine\"]}"),
                Arguments.of("unknown action", rule("event", "x", "[\"reboot\"]")),
                Arguments.of("no action", rule("event", "x", "[]")),
                Arguments.of("null action", rule("event", "x", "[null]")),
                Arguments.of("an action twice", rule("event", "x", "[\"suppress-log\", \"suppress-log\"]")),
                Arguments.of("quarantine without a group", rule("security-event", "x", "[\"quarantine\"]")),
                Arguments.of("unknown group", "{\"event\": \"security-event\", \"group\": \"ghost\", \"actions\": "
                        + "[\"quarantine\"]}"),
                Arguments.of("webhook action without webhooks", rule("event", "x", "[\"webhook\"]")),
                Arguments.of("webhooks without the action", "{\"event\": \"event\", \"webhooks\": [\"ops\"], "
                        + "\"actions\": [\"suppress-log\"]}"),
                Arguments.of("null rule", "null"),
                Arguments.of("string for the actions", rule("event", "x", "\"suppress-log\"")),
                Arguments.of("string for the id", "{\"id\": \"7\", \"event\": \"event\", \"actions\": "
                        + "[\"suppress-log\"]}"),
                Arguments.of("string for disable", "{\"event\": \"event\", \"disable\": \"no\", \"actions\": "
                        + "[\"suppress-log\"]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRules")
    void aBadRuleIsRefusedAndChangesNothing(String what, String bad) {
        assertOk(insert(-1, quiet("kept")));
        JsonNode before = rules();
        assertBadRequest(insert(-1, quiet("good"), bad));
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void badChangesAreRefusedAndChangeNothing() {
        assertOk(insert(-1, "{\"event\": \"security-event\", \"group\": \"web\", \"actions\": [\"quarantine\"]}"));
        JsonNode before = rules();
        for (String bad : List.of("{\"id\": 2, \"comment\": \"other id\"}", "{\"id\": 1, \"group\": \"\"}",
                "{\"id\": 1, \"event\": \"event\"}", "{\"id\": 1, \"actions\": []}", "null")) {
            assertBadRequest(update(admin, 1, bad));
        }
        assertBadRequest(c.as(admin, "PATCH", "/v1/response/rule", "{\"insert\": null}"));
        assertBadRequest(c.as(admin, "PATCH", "/v1/response/rule", "{\"insert\": {\"rules\": \"all\"}}"));
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void unknownAndMalformedIdsAre404And400() {
        assertOk(insert(-1, quiet("kept")));
        assertError(c.as(admin, "GET", "/v1/response/rule/9", null), 404);
        assertError(update(admin, 9, "{\"id\": 9, \"comment\": \"x\"}"), 404);
        assertError(c.as(admin, "DELETE", "/v1/response/rule/9", null), 404);
        assertBadRequest(c.as(admin, "GET", "/v1/response/rule/one", null));
        assertBadRequest(c.as(admin, "DELETE", "/v1/response/rule/1%20OR%201=1", null));
        assertThat(ids()).containsExactly(1);
    }

    @Test
    void thereAreAtMost10000Rules() {
        String full = IntStream.range(0, 10_000).mapToObj(i -> "{\"event\":\"event\",\"actions\":[\"suppress-log\"]}")
                .collect(Collectors.joining(","));
        assertOk(insert(-1, full));
        assertBadRequest(insert(-1, quiet("one more")));
        List<Integer> ids = ids();
        assertThat(ids).hasSize(10_000).doesNotHaveDuplicates();
        assertThat(ids.getLast()).isEqualTo(10_000);
    }

    @Test
    void aReaderReadsRulesButChangesNothing() {
        assertOk(insert(-1, quiet("kept")));
        String reader = ApiChecks.reader(c, admin);
        assertThat(assertOk(c.as(reader, "GET", "/v1/response/rule", null)).at("/rules")).hasSize(1);
        for (Reply r : List.of(c.as(reader, "PATCH", "/v1/response/rule", "{\"insert\": {\"rules\": [%s]}}"
                        .formatted(quiet("mine"))), update(reader, 1, "{\"id\": 1, \"comment\": \"mine\"}"),
                c.as(reader, "DELETE", "/v1/response/rule/1", null),
                c.as(reader, "DELETE", "/v1/response/rule", null))) {
            assertError(r, 403);
        }
        assertThat(rules().findValuesAsText("comment")).containsExactly("kept");
    }

    @Test
    void concurrentInsertsLoseNothingAndGetDistinctIds() throws Exception {
        int writers = 8;
        ApiChecks.concurrently(writers, i -> insert(-1, quiet("w" + i)));
        assertThat(rules().findValuesAsText("comment")).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, writers).mapToObj(i -> "w" + i).toList());
        assertThat(ids()).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, writers).boxed().toList());
    }

    /**
     * Clients changing different fields of one rule at once: each change must keep the others'. Several rounds,
     * each setting every field to the round's value, so that a change computed from a stale copy of the rule shows.
     */
    @Test
    void concurrentChangesOfDifferentFieldsOfOneRuleLoseNothing() throws Exception {
        assertOk(insert(-1, "{\"event\": \"security-event\", \"group\": \"web\", \"actions\": [\"suppress-log\"]}"));
        for (int round = 0; round < 10; round++) {
            String comment = "round " + round;
            boolean disable = round % 2 == 0;
            String group = round % 2 == 0 ? "db" : "web";
            String condition = "Round." + round;
            List<String> changes = List.of("{\"id\": 1, \"comment\": \"%s\"}".formatted(comment),
                    "{\"id\": 1, \"disable\": %s}".formatted(disable),
                    "{\"id\": 1, \"group\": \"%s\"}".formatted(group),
                    "{\"id\": 1, \"conditions\": [{\"type\": \"name\", \"value\": \"%s\"}]}".formatted(condition));
            ApiChecks.concurrently(changes.size(), i -> update(admin, 1, changes.get(i)));
            JsonNode r = rule(1);
            assertThat(r.path("comment").asText()).as("round %d", round).isEqualTo(comment);
            assertThat(r.path("disable").asBoolean()).as("round %d", round).isEqualTo(disable);
            assertThat(r.path("group").asText()).as("round %d", round).isEqualTo(group);
            assertThat(r.at("/conditions/0/value").asText()).as("round %d", round).isEqualTo(condition);
        }
    }
}
