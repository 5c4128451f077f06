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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DLP and WAF sensors ({@code /v1/dlp}, {@code /v1/waf}: one shape) and their bindings to groups, as NeuVector's
 * CLI and console use them: round trips, NeuVector's limits, the predefined DLP sensors, bad input, permissions and
 * concurrent bindings.
 */
class SensorApiTest extends ControllerTest {

    /** A pattern as the CLI sends it ({@code dlp.py}: key, value, op, context). */
    private static String pattern(String op, String value, String context) {
        return "{\"key\": \"pattern\", \"value\": \"%s\", \"op\": \"%s\", \"context\": \"%s\"}".formatted(value, op,
                context);
    }

    private static String rule(String name, String... patterns) {
        return "{\"name\": \"%s\", \"patterns\": [%s]}".formatted(name, String.join(", ", patterns));
    }

    /** A rule of {@code n} distinct patterns. */
    private static String rule(String name, int n) {
        return rule(name, IntStream.range(0, n).mapToObj(i -> pattern("regex", name + "-" + i, "packet"))
                .toArray(String[]::new));
    }

    private Reply create(String kind, String name, String... rules) {
        return c.as(admin, "POST", "/v1/%s/sensor".formatted(kind), "{\"config\": {\"name\": \"%s\", \"comment\": "
                .formatted(name) + "\"made by a test\", \"rules\": [%s]}}".formatted(String.join(", ", rules)));
    }

    private Reply patch(String kind, String name, String config) {
        return c.as(admin, "PATCH", "/v1/%s/sensor/%s".formatted(kind, name), "{\"config\": %s}".formatted(config));
    }

    private JsonNode sensor(String kind, String name) {
        return assertOk(c.as(admin, "GET", "/v1/%s/sensor/%s".formatted(kind, name), null)).at("/sensor");
    }

    private Reply bind(String kind, String group, String config) {
        return c.as(admin, "PATCH", "/v1/%s/group/%s".formatted(kind, group), "{\"config\": %s}".formatted(config));
    }

    private JsonNode binding(String kind, String group) {
        return assertOk(c.as(admin, "GET", "/v1/%s/group/%s".formatted(kind, group), null)).at("/" + kind + "_group");
    }

    private List<String> sensorNames(String kind) {
        return assertOk(c.as(admin, "GET", "/v1/%s/sensor".formatted(kind), null)).at("/sensors")
                .findValuesAsText("name");
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dlp", "waf"})
    void aSensorRoundTripsWithTheFieldsClientsRead(String kind) {
        assertOk(create(kind, "secrets", rule("aws", pattern("regex", "AKIA[0-9A-Z]{16}", "body")),
                rule("token", pattern("regex", "Bearer [A-Za-z0-9]+", "header"),
                        pattern("!regex", "Bearer test", "header"))));

        JsonNode s = sensor(kind, "secrets");
        assertThat(s.path("name").asText()).isEqualTo("secrets");
        assertThat(s.path("comment").asText()).isEqualTo("made by a test");
        assertThat(s.path("predefine").asBoolean(true)).isFalse();
        assertThat(s.path("cfg_type").asText()).isEqualTo("user_created");
        assertThat(s.path("groups").isArray()).isTrue();
        assertThat(names(s.path("rules"))).containsExactly("aws", "token");
        JsonNode token = s.path("rules").get(1);
        assertThat(token.path("patterns")).hasSize(2);
        assertThat(token.at("/patterns/1/key").asText()).isEqualTo("pattern");
        assertThat(token.at("/patterns/1/op").asText()).isEqualTo("!regex");
        assertThat(token.at("/patterns/1/value").asText()).isEqualTo("Bearer test");
        assertThat(token.at("/patterns/1/context").asText()).isEqualTo("header");
        assertThat(sensorNames(kind)).contains("secrets");

        // "set dlp sensor": the CLI changes one rule by name, with the comment
        assertOk(patch(kind, "secrets", "{\"name\": \"secrets\", \"change\": [%s], \"comment\": \"keys\"}".formatted(
                rule("aws", pattern("regex", "ASIA[0-9A-Z]{16}", "packet")))));
        s = sensor(kind, "secrets");
        assertThat(s.path("comment").asText()).isEqualTo("keys");
        assertThat(names(s.path("rules"))).containsExactlyInAnyOrder("aws", "token");
        assertThat(s.findValuesAsText("value")).contains("ASIA[0-9A-Z]{16}").doesNotContain("AKIA[0-9A-Z]{16}");

        JsonNode detail = assertOk(c.as(admin, "GET", "/v1/%s/rule/token".formatted(kind), null)).at("/rule");
        assertThat(detail.path("sensors").toString()).contains("secrets");
        assertThat(names(detail.path("rules"))).containsExactly("token");
        assertThat(assertOk(c.as(admin, "GET", "/v1/%s/rule".formatted(kind), null)).at("/rules")
                .findValuesAsText("name")).contains("aws", "token");

        // "unset dlp sensor": the CLI deletes one rule by name
        assertOk(patch(kind, "secrets", "{\"name\": \"secrets\", \"delete\": [{\"name\": \"token\"}]}"));
        assertThat(names(sensor(kind, "secrets").path("rules"))).containsExactly("aws");
        assertError(c.as(admin, "GET", "/v1/%s/rule/token".formatted(kind), null), 404);

        assertOk(c.as(admin, "DELETE", "/v1/%s/sensor/secrets".formatted(kind), null));
        assertError(c.as(admin, "GET", "/v1/%s/sensor/secrets".formatted(kind), null), 404);
        assertThat(sensorNames(kind)).doesNotContain("secrets");
    }

    @Test
    void aSecondSensorOfTheSameNameIsADuplicate() {
        assertOk(create("dlp", "secrets", rule("aws", 1)));
        Reply again = assertError(create("dlp", "secrets", rule("other", 1)), 409);
        assertThat(again.at("/code").asInt()).isEqualTo(13);
        assertThat(names(sensor("dlp", "secrets").path("rules"))).containsExactly("aws");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dlp", "waf"})
    void limitsAreNeuVectors(String kind) {
        String longest = "a".repeat(512);
        assertOk(create(kind, "wide", rule("sixteen", 16), rule("long", pattern("regex", longest, "packet"))));
        assertBadRequest(create(kind, "too-many", rule("seventeen", 17)));
        assertBadRequest(create(kind, "too-long", rule("long", pattern("regex", longest + "a", "packet"))));
        assertThat(sensorNames(kind)).doesNotContain("too-many", "too-long");

        // 1,024 patterns in a sensor: 64 rules of 16, then one pattern more
        String full = IntStream.range(0, 64).mapToObj(i -> rule("r" + i, 16)).collect(Collectors.joining(", "));
        assertOk(c.as(admin, "POST", "/v1/%s/sensor".formatted(kind), "{\"config\": {\"name\": \"full\", \"rules\": "
                + "[" + full + "]}}"));
        assertBadRequest(patch(kind, "full", "{\"name\": \"full\", \"change\": [%s]}".formatted(rule("one-more", 1))));
        assertBadRequest(c.as(admin, "POST", "/v1/%s/sensor".formatted(kind), "{\"config\": {\"name\": \"over\", "
                + "\"rules\": [" + full + ", " + rule("one-more", 1) + "]}}"));
        JsonNode stored = sensor(kind, "full");
        assertThat(stored.path("rules")).hasSize(64);
        assertThat(stored.findValues("patterns").stream().mapToInt(JsonNode::size).sum()).isEqualTo(1024);
        assertThat(sensorNames(kind)).doesNotContain("over");
    }

    /** Bodies of {@code POST /v1/dlp/sensor} that must be refused with a 400, and a note of what is wrong. */
    static Stream<Arguments> badSensors() {
        String ok = pattern("regex", "x", "packet");
        return Stream.of(
                Arguments.of("reserved prefix", "{\"config\": {\"name\": \"sensor.mine\", \"rules\": []}}"),
                Arguments.of("path in the name", "{\"config\": {\"name\": \"../etc\", \"rules\": []}}"),
                Arguments.of("129-character name", "{\"config\": {\"name\": \"%s\"}}".formatted("n".repeat(129))),
                Arguments.of("empty name", "{\"config\": {\"name\": \"\"}}"),
                Arguments.of("no name", "{\"config\": {\"comment\": \"x\"}}"),
                Arguments.of("number for the name", "{\"config\": {\"name\": 5}}"),
                Arguments.of("null config", "{\"config\": null}"),
                Arguments.of("no config", "{\"sensor\": {\"name\": \"bad\"}}"),
                Arguments.of("array body", "[]"),
                Arguments.of("trailing data", "{\"config\": {\"name\": \"bad\"}} {}"),
                Arguments.of("string for the rules", "{\"config\": {\"name\": \"bad\", \"rules\": \"all\"}}"),
                Arguments.of("null rule", "{\"config\": {\"name\": \"bad\", \"rules\": [null]}}"),
                Arguments.of("rule without a name", "{\"config\": {\"name\": \"bad\", \"rules\": [{\"patterns\": [%s]}]}}"
                        .formatted(ok)),
                Arguments.of("rule name with a slash", "{\"config\": {\"name\": \"bad\", \"rules\": [%s]}}"
                        .formatted(rule("a/b", ok))),
                Arguments.of("rule without patterns", "{\"config\": {\"name\": \"bad\", \"rules\": [%s]}}"
                        .formatted(rule("r"))),
                Arguments.of("null pattern", "{\"config\": {\"name\": \"bad\", \"rules\": [%s]}}"
                        .formatted(rule("r", "null"))),
                Arguments.of("invalid regex", "{\"config\": {\"name\": \"bad\", \"rules\": [%s]}}"
                        .formatted(rule("r", pattern("regex", "(unclosed", "packet")))),
                Arguments.of("invalid character class", "{\"config\": {\"name\": \"bad\", \"rules\": [%s]}}"
                        .formatted(rule("r", pattern("regex", "[z-a]", "packet")))),
                Arguments.of("unknown op", "{\"config\": {\"name\": \"bad\", \"rules\": [%s]}}"
                        .formatted(rule("r", pattern("like", "x", "packet")))),
                Arguments.of("unknown context", "{\"config\": {\"name\": \"bad\", \"rules\": [%s]}}"
                        .formatted(rule("r", pattern("regex", "x", "cookie")))),
                Arguments.of("empty value", "{\"config\": {\"name\": \"bad\", \"rules\": [%s]}}"
                        .formatted(rule("r", pattern("regex", "", "packet")))),
                Arguments.of("key other than pattern", "{\"config\": {\"name\": \"bad\", \"rules\": [{\"name\": \"r\","
                        + " \"patterns\": [{\"key\": \"header\", \"value\": \"x\", \"op\": \"regex\"}]}]}}"),
                Arguments.of("number for a value", "{\"config\": {\"name\": \"bad\", \"rules\": [{\"name\": \"r\","
                        + " \"patterns\": [{\"key\": \"pattern\", \"value\": 7, \"op\": \"regex\"}]}]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSensors")
    void aBadSensorIsRefusedAndNotStored(String what, String body) {
        List<String> before = sensorNames("dlp");
        assertBadRequest(c.as(admin, "POST", "/v1/dlp/sensor", body));
        assertThat(sensorNames("dlp")).isEqualTo(before);
    }

    /** {@code PATCH} configs of an existing sensor that must be refused with a 400. */
    static Stream<Arguments> badChanges() {
        return Stream.of(
                Arguments.of("another name than the URL's", "{\"name\": \"other\", \"comment\": \"x\"}"),
                Arguments.of("invalid regex", "{\"name\": \"secrets\", \"change\": [%s]}"
                        .formatted(rule("aws", pattern("regex", "*", "packet")))),
                Arguments.of("null in change", "{\"name\": \"secrets\", \"change\": [null]}"),
                Arguments.of("null in delete", "{\"name\": \"secrets\", \"delete\": [null]}"),
                Arguments.of("number for the comment", "{\"name\": \"secrets\", \"comment\": 1}"),
                Arguments.of("17 patterns", "{\"name\": \"secrets\", \"change\": [%s]}".formatted(rule("aws", 17))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChanges")
    void aBadChangeLeavesTheSensorAsItWas(String what, String config) {
        assertOk(create("dlp", "secrets", rule("aws", pattern("regex", "AKIA[0-9A-Z]{16}", "packet"))));
        JsonNode before = sensor("dlp", "secrets");
        assertBadRequest(patch("dlp", "secrets", config));
        assertThat(sensor("dlp", "secrets")).isEqualTo(before);
    }

    @Test
    void deletingARuleTheSensorDoesNotHaveIs404AndChangesNothing() {
        assertOk(create("dlp", "secrets", rule("aws", 1)));
        JsonNode before = sensor("dlp", "secrets");
        assertError(patch("dlp", "secrets", "{\"name\": \"secrets\", \"delete\": [{\"name\": \"ghost\"}]}"), 404);
        assertThat(sensor("dlp", "secrets")).isEqualTo(before);
    }

    @Test
    void theHostileRegexesACompilerMayChokeOnAreJudgedQuickly() {
        // catastrophic backtracking is the matcher's risk, not the compiler's: these compile and are kept as given
        String bomb = "(a+)+$";
        String nested = "(".repeat(200) + "a" + ")".repeat(200);
        assertOk(create("dlp", "bombs", rule("b", pattern("regex", bomb, "packet"), pattern("regex", nested, "url"))));
        assertThat(sensor("dlp", "bombs").findValuesAsText("value")).containsExactly(bomb, nested);
        // over the 512-character limit before any compiling
        assertBadRequest(create("dlp", "deep", rule("d", pattern("regex", "(".repeat(300) + ")".repeat(300),
                "packet"))));
    }

    @Test
    void predefinedSensorsCannotBeChangedNorDeleted() {
        JsonNode card = sensor("dlp", "sensor.creditcard");
        assertThat(card.path("predefine").asBoolean()).isTrue();
        assertThat(names(card.path("rules"))).contains("rule.visa", "rule.mastercard", "rule.amex");
        JsonNode ssn = sensor("dlp", "sensor.ssn");
        assertThat(ssn.path("predefine").asBoolean()).isTrue();

        for (Reply refused : List.of(
                patch("dlp", "sensor.creditcard", "{\"name\": \"sensor.creditcard\", \"comment\": \"mine\"}"),
                patch("dlp", "sensor.creditcard", "{\"name\": \"sensor.creditcard\", \"delete\": [{\"name\": "
                        + "\"rule.visa\"}]}"),
                patch("dlp", "sensor.ssn", "{\"name\": \"sensor.ssn\", \"rules\": [%s]}".formatted(rule("x", 1))),
                c.as(admin, "DELETE", "/v1/dlp/sensor/sensor.ssn", null),
                c.as(admin, "DELETE", "/v1/dlp/sensor/sensor.creditcard", null),
                create("dlp", "sensor.creditcard", rule("x", 1)))) {
            assertBadRequest(refused);
        }
        assertThat(sensor("dlp", "sensor.creditcard")).isEqualTo(card);
        assertThat(sensor("dlp", "sensor.ssn")).isEqualTo(ssn);
        assertThat(sensorNames("waf")).as("WAF has no predefined sensors").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dlp", "waf"})
    void unknownNamesAre404(String kind) {
        ApiChecks.group(c, admin, "web");
        for (Reply r : List.of(c.as(admin, "GET", "/v1/%s/sensor/ghost".formatted(kind), null),
                patch(kind, "ghost", "{\"name\": \"ghost\", \"comment\": \"x\"}"),
                c.as(admin, "DELETE", "/v1/%s/sensor/ghost".formatted(kind), null),
                c.as(admin, "GET", "/v1/%s/rule/ghost".formatted(kind), null),
                c.as(admin, "GET", "/v1/%s/group/ghost".formatted(kind), null),
                bind(kind, "ghost", "{\"name\": \"ghost\", \"sensors\": []}"))) {
            assertError(r, 404);
        }
        assertThat(sensorNames(kind)).doesNotContain("ghost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dlp", "waf"})
    void bindingsAreSetAddedAndDeletedAndKeepABoundSensor(String kind) {
        ApiChecks.group(c, admin, "web");
        assertOk(create(kind, "s1", rule("a", 1)));
        assertOk(create(kind, "s2", rule("b", 1)));

        assertOk(bind(kind, "web", "{\"name\": \"web\", \"status\": true, \"replace\": [{\"name\": \"s1\", "
                + "\"action\": \"deny\", \"comment\": \"no leaks\"}]}"));
        JsonNode b = binding(kind, "web");
        assertThat(b.path("name").asText()).isEqualTo("web");
        assertThat(b.path("status").asBoolean()).isTrue();
        assertThat(names(b.path("sensors"))).containsExactly("s1");
        assertThat(b.at("/sensors/0/action").asText()).isEqualTo("deny");
        assertThat(b.at("/sensors/0/exist").asBoolean()).isTrue();
        assertThat(b.at("/sensors/0/comment").asText()).isEqualTo("no leaks");
        assertThat(sensor(kind, "s1").path("groups").toString()).contains("web");
        assertThat(assertOk(c.as(admin, "GET", "/v1/%s/group".formatted(kind), null)).at("/" + kind + "_groups")
                .findValuesAsText("name")).contains("web");

        assertOk(bind(kind, "web", "{\"name\": \"web\", \"sensors\": [{\"name\": \"s2\", \"action\": \"allow\"}]}"));
        assertThat(names(binding(kind, "web").path("sensors"))).containsExactly("s1", "s2");

        Reply inUse = assertError(c.as(admin, "DELETE", "/v1/%s/sensor/s1".formatted(kind), null), 409);
        assertThat(inUse.at("/code").asInt()).isEqualTo(16);
        assertThat(sensorNames(kind)).contains("s1");

        assertOk(bind(kind, "web", "{\"name\": \"web\", \"delete\": [\"s1\"]}"));
        b = binding(kind, "web");
        assertThat(names(b.path("sensors"))).containsExactly("s2");
        assertThat(b.path("status").asBoolean()).as("status kept when not sent").isTrue();
        assertOk(c.as(admin, "DELETE", "/v1/%s/sensor/s1".formatted(kind), null));
    }

    /** {@code PATCH /v1/dlp/group/web} configs that must be refused with a 400. */
    static Stream<Arguments> badBindings() {
        return Stream.of(
                Arguments.of("unknown sensor", "{\"name\": \"web\", \"sensors\": [{\"name\": \"ghost\", \"action\": "
                        + "\"deny\"}]}"),
                Arguments.of("unknown action", "{\"name\": \"web\", \"sensors\": [{\"name\": \"s1\", \"action\": "
                        + "\"block\"}]}"),
                Arguments.of("no action", "{\"name\": \"web\", \"sensors\": [{\"name\": \"s1\"}]}"),
                Arguments.of("another group than the URL's", "{\"name\": \"db\", \"sensors\": []}"),
                Arguments.of("string for the status", "{\"name\": \"web\", \"status\": \"on\"}"),
                Arguments.of("null sensor", "{\"name\": \"web\", \"sensors\": [null]}"),
                Arguments.of("null in replace", "{\"name\": \"web\", \"replace\": [null]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBindings")
    void aBadBindingIsRefusedAndChangesNothing(String what, String config) {
        ApiChecks.group(c, admin, "web");
        assertOk(create("dlp", "s1", rule("a", 1)));
        assertOk(bind("dlp", "web", "{\"name\": \"web\", \"status\": true, \"sensors\": [{\"name\": \"s1\", "
                + "\"action\": \"allow\"}]}"));
        JsonNode before = binding("dlp", "web");
        assertBadRequest(bind("dlp", "web", config));
        assertThat(binding("dlp", "web")).isEqualTo(before);
    }

    @Test
    void aReaderReadsSensorsButChangesNothing() {
        ApiChecks.group(c, admin, "web");
        assertOk(create("dlp", "s1", rule("a", 1)));
        String reader = ApiChecks.reader(c, admin);
        assertThat(assertOk(c.as(reader, "GET", "/v1/dlp/sensor", null)).at("/sensors").findValuesAsText("name"))
                .contains("s1");
        assertOk(c.as(reader, "GET", "/v1/dlp/group/web", null));
        for (Reply r : List.of(c.as(reader, "POST", "/v1/dlp/sensor", "{\"config\": {\"name\": \"mine\"}}"),
                c.as(reader, "PATCH", "/v1/dlp/sensor/s1", "{\"config\": {\"name\": \"s1\", \"comment\": \"x\"}}"),
                c.as(reader, "DELETE", "/v1/dlp/sensor/s1", null),
                c.as(reader, "PATCH", "/v1/dlp/group/web", "{\"config\": {\"name\": \"web\", \"sensors\": [{\"name\":"
                        + " \"s1\", \"action\": \"deny\"}]}}"))) {
            assertError(r, 403);
        }
        assertThat(sensorNames("dlp")).contains("s1").doesNotContain("mine");
        assertThat(sensor("dlp", "s1").path("comment").asText()).isEqualTo("made by a test");
        assertThat(binding("dlp", "web").path("sensors")).isEmpty();
    }

    @Test
    void sensorsAreGlobalSoANamespaceAdministratorGets403() {
        assertOk(create("dlp", "s1", rule("a", 1)));
        String anna = ApiChecks.namespaceAdmin(c, admin);
        assertError(c.as(anna, "GET", "/v1/dlp/sensor", null), 403);
        assertError(c.as(anna, "POST", "/v1/dlp/sensor", "{\"config\": {\"name\": \"mine\"}}"), 403);
        assertError(c.as(anna, "DELETE", "/v1/dlp/sensor/s1", null), 403);
        assertThat(sensorNames("dlp")).contains("s1").doesNotContain("mine");
    }

    @Test
    void concurrentBindingsOfOneGroupLoseNothing() throws Exception {
        ApiChecks.group(c, admin, "web");
        int writers = 8;
        for (int i = 0; i < writers; i++) {
            assertOk(create("dlp", "s" + i, rule("r" + i, 1)));
        }
        ApiChecks.concurrently(writers, i -> bind("dlp", "web", "{\"name\": \"web\", \"sensors\": [{\"name\": "
                + "\"s%d\", \"action\": \"deny\"}]}".formatted(i)));
        assertThat(names(binding("dlp", "web").path("sensors"))).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, writers).mapToObj(i -> "s" + i).toList());
    }

    @Test
    void concurrentRuleChangesOfOneSensorLoseNothing() throws Exception {
        assertOk(create("waf", "shared", rule("base", 1)));
        int writers = 8;
        ApiChecks.concurrently(writers, i -> patch("waf", "shared", "{\"name\": \"shared\", \"change\": [%s]}"
                .formatted(rule("w" + i, 2))));
        List<String> expected = new ArrayList<>(List.of("base"));
        IntStream.range(0, writers).forEach(i -> expected.add("w" + i));
        assertThat(names(sensor("waf", "shared").path("rules"))).containsExactlyInAnyOrderElementsOf(expected);
    }
}
