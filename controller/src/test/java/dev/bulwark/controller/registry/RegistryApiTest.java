package dev.bulwark.controller.registry;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /v1/scan/registry} and {@code /v2/scan/registry} against a real controller: the fields clients read, each
 * type's rules, secrets that are kept and never shown, validation, namespaces and permissions, hostile bodies, and
 * backups.
 */
class RegistryApiTest extends ControllerTest {

    private static final String PASSWORD = "pw-Zx81-secret";
    private static final String TOKEN = "tok-Qm44-secret";

    /** A Docker registry as NeuVector's console sends it, with these extra fields (a JSON fragment or empty). */
    private static String docker(String name, String extra) {
        return "{\"config\": {\"name\": \"%s\", \"registry_type\": \"Docker Registry\", \"registry\": "
                .formatted(name) + "\"https://registry.example.com\", \"filters\": [\"team/*\"]%s}}".formatted(
                extra.isEmpty() ? "" : ", " + extra);
    }

    private Reply create(String token, String body) {
        return c.as(token, "POST", "/v1/scan/registry", body);
    }

    private Reply patch(String token, String name, String config) {
        return c.as(token, "PATCH", "/v1/scan/registry/" + name, "{\"config\": %s}".formatted(config));
    }

    private JsonNode summary(String name) {
        return assertOk(c.as(admin, "GET", "/v1/scan/registry/" + name, null)).at("/summary");
    }

    private List<String> names(String token) {
        return ApiChecks.each(assertOk(c.as(token, "GET", "/v1/scan/registry", null)).at("/summarys"), "name");
    }

    /** The registry's record as stored, secrets included. */
    private String stored(String name) {
        return new String(c.controller().store().get(RegistryConfig.KIND.key(name)).orElseThrow().value(),
                StandardCharsets.UTF_8);
    }

    @Test
    void aRegistryRoundTripsWithTheFieldsClientsRead() {
        assertOk(create(admin, "{\"config\": {\"name\": \"hub\", \"registry_type\": \"Docker Registry\", \"registry\":"
                + " \"HTTPS://Registry.Example.com:5000/v2\", \"filters\": [\"team/*:1.*\", \"base/alpine\"], "
                + "\"username\": \"robot\", \"password\": \"" + PASSWORD + "\", \"cfg_type\": \"user_created\"}}"));
        JsonNode s = summary("hub");
        assertThat(s.path("name").asText()).isEqualTo("hub");
        assertThat(s.path("registry_type").asText()).isEqualTo("Docker Registry");
        assertThat(s.path("registry").asText()).as("normalised as NeuVector does")
                .isEqualTo("https://registry.example.com:5000/v2/");
        assertThat(s.path("filters").toString()).as("sorted").isEqualTo("[\"base/alpine\",\"team/*:1.*\"]");
        assertThat(s.path("username").asText()).isEqualTo("robot");
        assertThat(s.path("password").asText()).isEmpty();
        assertThat(s.path("auth_token").asText()).isEmpty();
        assertThat(s.path("auth_with_token").asBoolean()).isFalse();
        assertThat(s.path("domains")).isEmpty();
        assertThat(s.path("rescan_after_db_update").asBoolean()).as("NeuVector's default").isTrue();
        assertThat(s.path("scan_layers").asBoolean()).isFalse();
        assertThat(s.path("repo_limit").asInt()).isEqualTo(200);
        assertThat(s.path("tag_limit").asInt()).isEqualTo(20);
        assertThat(s.path("schedule").toString()).isEqualTo("{\"schedule\":\"manual\",\"interval\":0}");
        assertThat(s.has("aws_key")).isFalse();
        assertThat(s.has("gcr_key")).isFalse();
        assertThat(s.path("cfg_type").asText()).isEqualTo("user_created");
        assertThat(s.path("ignore_proxy").asBoolean()).isFalse();
        assertThat(s.path("status").asText()).isEqualTo("idle");
        for (String empty : List.of("error_message", "error_detail", "started_at", "cvedb_version",
                "cvedb_create_time", "jfrog_mode", "gitlab_external_url", "ibm_cloud_token_url")) {
            assertThat(s.path(empty).isTextual()).as(empty).isTrue();
            assertThat(s.path(empty).asText()).as(empty).isEmpty();
        }
        for (String count : List.of("scanned", "scheduled", "scanning", "failed")) {
            assertThat(s.path(count).isInt()).as(count).isTrue();
            assertThat(s.path(count).asInt()).as(count).isZero();
        }
        assertThat(names(admin)).containsExactly("hub");

        // a v1 change sets what it names only
        assertOk(patch(admin, "hub", "{\"name\": \"hub\", \"scan_layers\": true, \"repo_limit\": 0, \"schedule\": "
                + "{\"schedule\": \"periodical\", \"interval\": 3600}}"));
        s = summary("hub");
        assertThat(s.path("scan_layers").asBoolean()).isTrue();
        assertThat(s.path("repo_limit").asInt()).isZero();
        assertThat(s.path("schedule").toString()).isEqualTo("{\"schedule\":\"periodical\",\"interval\":3600}");
        assertThat(s.path("filters")).hasSize(2);
        assertThat(s.path("username").asText()).isEqualTo("robot");

        // v2: sections
        assertOk(c.as(admin, "PATCH", "/v2/scan/registry/hub", "{\"config\": {\"name\": \"hub\", \"filters\": "
                + "[\"*\"], \"scan\": {\"tag_limit\": 5, \"schedule\": {\"schedule\": \"\"}, \"ignore_proxy\": true},"
                + " \"auth\": {\"username\": \"robot2\", \"password\": \"other-pw\"}}}"));
        s = summary("hub");
        assertThat(s.path("filters").toString()).isEqualTo("[\"*\"]");
        assertThat(s.path("tag_limit").asInt()).isEqualTo(5);
        assertThat(s.at("/schedule/schedule").asText()).as("an empty schedule is manual").isEqualTo("manual");
        assertThat(s.path("ignore_proxy").asBoolean()).isTrue();
        assertThat(s.path("username").asText()).isEqualTo("robot2");
        assertThat(s.path("scan_layers").asBoolean()).as("kept").isTrue();

        assertOk(c.as(admin, "DELETE", "/v1/scan/registry/hub", null));
        assertError(c.as(admin, "GET", "/v1/scan/registry/hub", null), 404);
        assertThat(names(admin)).isEmpty();
    }

    @Test
    void aV2BodyMakesTheSameRegistryAsV1() {
        assertOk(c.as(admin, "POST", "/v2/scan/registry", "{\"config\": {\"name\": \"harbor\", \"registry_type\": "
                + "\"Harbor Registry\", \"registry\": \"https://harbor.example.com/\", \"domains\": [\"shop\"], "
                + "\"filters\": [\"shop/*\"], \"cfg_type\": \"user_created\", \"auth\": {\"username\": \"u\", "
                + "\"password\": \"" + PASSWORD + "\", \"auth_token\": \"" + TOKEN + "\", \"auth_with_token\": true},"
                + " \"scan\": {\"rescan_after_db_update\": false, \"scan_layers\": true, \"repo_limit\": 10, "
                + "\"tag_limit\": 3, \"schedule\": {\"schedule\": \"periodical\", \"interval\": 300}, "
                + "\"ignore_proxy\": true}, \"integrations\": {}}}"));
        assertOk(create(admin, "{\"config\": {\"name\": \"harbor1\", \"registry_type\": \"Harbor Registry\", "
                + "\"registry\": \"https://harbor.example.com/\", \"domains\": [\"shop\"], \"filters\": [\"shop/*\"],"
                + " \"username\": \"u\", \"password\": \"" + PASSWORD + "\", \"auth_token\": \"" + TOKEN + "\", "
                + "\"auth_with_token\": true, \"rescan_after_db_update\": false, \"scan_layers\": true, "
                + "\"repo_limit\": 10, \"tag_limit\": 3, \"schedule\": {\"schedule\": \"periodical\", \"interval\": "
                + "300}, \"ignore_proxy\": true}}"));
        JsonNode v2 = summary("harbor");
        JsonNode v1 = summary("harbor1");
        assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) v2.deepCopy()).put("name", "x"))
                .isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) v1.deepCopy()).put("name", "x"));
        assertThat(v2.path("domains").toString()).isEqualTo("[\"shop\"]");
        assertThat(v2.path("auth_with_token").asBoolean()).isTrue();
        assertThat(stored("harbor")).contains(PASSWORD, TOKEN);
    }

    @Test
    void secretsAreStoredButNeverShownNorLogged() {
        assertOk(create(admin, docker("r", "\"username\": \"robot\", \"password\": \"%s\", \"auth_token\": \"%s\""
                .formatted(PASSWORD, TOKEN))));
        assertOk(create(admin, "{\"config\": {\"name\": \"ecr\", \"registry_type\": \"Amazon ECR Registry\", "
                + "\"filters\": [\"*\"], \"aws_key\": {\"id\": \"123456789012\", \"access_key_id\": \"AKIAZQ9ACCESS\","
                + " \"secret_access_key\": \"" + PASSWORD + "-aws\", \"region\": \"eu-west-3\"}}}"));
        assertOk(create(admin, "{\"config\": {\"name\": \"gcr\", \"registry_type\": \"Google Container Registry\","
                + " \"filters\": [\"project/*\"], \"gcr_key\": {\"json_key\": \"{\\\"type\\\": \\\"service_account\\\","
                + "\\n \\\"private_key\\\": \\\"" + PASSWORD + "-gcr\\\"}\"}}}"));
        assertOk(create(admin, "{\"config\": {\"name\": \"gitlab\", \"registry_type\": \"Gitlab\", \"registry\": "
                + "\"https://registry.gitlab.example.com\", \"filters\": [\"group/*\"], \"gitlab_external_url\": "
                + "\"https://gitlab.example.com\", \"gitlab_private_token\": \"" + TOKEN + "-gitlab\"}}"));
        String listed = assertOk(c.as(admin, "GET", "/v1/scan/registry", null)).text();
        assertThat(listed).contains("robot", "123456789012", "eu-west-3").doesNotContain(PASSWORD)
                .doesNotContain(TOKEN).doesNotContain("AKIAZQ9ACCESS").doesNotContain("private_key");
        JsonNode ecr = summary("ecr");
        assertThat(ecr.at("/aws_key").toString()).isEqualTo("{\"id\":\"123456789012\",\"access_key_id\":\"\","
                + "\"secret_access_key\":\"\",\"region\":\"eu-west-3\"}");
        assertThat(ecr.at("/registry").asText()).isEqualTo("https://123456789012.dkr.ecr.eu-west-3.amazonaws.com/");
        assertThat(summary("gcr").at("/gcr_key/json_key").asText()).isEmpty();
        assertThat(summary("gcr").at("/registry").asText()).isEqualTo("https://gcr.io/");
        assertThat(summary("gitlab").at("/gitlab_private_token").asText()).isEmpty();
        assertThat(stored("r")).contains(PASSWORD, TOKEN);
        assertThat(stored("ecr")).contains(PASSWORD + "-aws", "AKIAZQ9ACCESS");
        assertThat(stored("gcr")).contains(PASSWORD + "-gcr");
        assertThat(stored("gitlab")).contains(TOKEN + "-gitlab");
        for (String log : List.of("/v1/log/activity", "/v1/log/event")) {
            assertThat(assertOk(c.as(admin, "GET", log, null)).text()).as(log).doesNotContain(PASSWORD)
                    .doesNotContain(TOKEN).doesNotContain("AKIAZQ9ACCESS");
        }
    }

    @Test
    void aChangeKeepsTheSecretsItLeavesOutOrSendsRedactedForTheSamePlaceOnly() {
        assertOk(create(admin, docker("r", "\"username\": \"robot\", \"password\": \"%s\", \"auth_token\": \"%s\""
                .formatted(PASSWORD, TOKEN))));
        // what GET shows, sent back as it is, changes no secret
        JsonNode shown = summary("r");
        assertOk(patch(admin, "r", shown.toString()));
        assertOk(patch(admin, "r", "{\"name\": \"r\", \"password\": \"\", \"auth_token\": \"The value is masked\"}"));
        assertOk(patch(admin, "r", "{\"name\": \"r\", \"scan_layers\": true}"));
        assertOk(patch(admin, "r", "{\"name\": \"r\", \"registry\": \"https://registry.example.com/\"}"));
        assertThat(stored("r")).as("kept").contains(PASSWORD, TOKEN);
        // a new password replaces the stored one
        assertOk(patch(admin, "r", "{\"name\": \"r\", \"password\": \"new-" + PASSWORD + "\"}"));
        assertThat(stored("r")).contains("new-" + PASSWORD).contains(TOKEN);
        // another host or user: the stored secrets do not follow
        assertOk(patch(admin, "r", "{\"name\": \"r\", \"registry\": \"https://attacker.example.net/\"}"));
        assertThat(stored("r")).doesNotContain(PASSWORD).doesNotContain(TOKEN);
        assertOk(patch(admin, "r", "{\"name\": \"r\", \"password\": \"third-pw\"}"));
        assertOk(patch(admin, "r", "{\"name\": \"r\", \"username\": \"\"}"));
        assertThat(stored("r")).as("credentials removed with the user").doesNotContain("third-pw");
        // a token that is needed must be there
        assertBadRequest(patch(admin, "r", "{\"name\": \"r\", \"auth_with_token\": true}"));
        // the AWS pair follows the same account and region only
        assertOk(create(admin, "{\"config\": {\"name\": \"ecr\", \"registry_type\": \"Amazon ECR Registry\", "
                + "\"filters\": [\"*\"], \"aws_key\": {\"id\": \"123456789012\", \"access_key_id\": \"AKIAZQ9\","
                + " \"secret_access_key\": \"" + PASSWORD + "\", \"region\": \"us-east-1\"}}}"));
        assertOk(patch(admin, "ecr", "{\"name\": \"ecr\", \"aws_key\": {\"id\": \"123456789012\", "
                + "\"access_key_id\": \"\", \"secret_access_key\": \"\", \"region\": \"us-east-1\"}}"));
        assertThat(stored("ecr")).contains(PASSWORD, "AKIAZQ9");
        assertOk(patch(admin, "ecr", "{\"name\": \"ecr\", \"aws_key\": {\"region\": \"cn-north-1\"}}"));
        assertThat(stored("ecr")).doesNotContain(PASSWORD);
        assertThat(summary("ecr").at("/registry").asText()).isEqualTo(
                "https://123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/");
    }

    @Test
    void eachTypeTakesItsOwnFieldsAndDefaults() {
        assertOk(create(admin, "{\"config\": {\"name\": \"ghcr\", \"registry_type\": \"GitHub Container Registry\","
                + " \"filters\": [\"owner/*\"]}}"));
        assertThat(summary("ghcr").path("registry").asText()).isEqualTo("https://ghcr.io/");
        assertOk(create(admin, "{\"config\": {\"name\": \"jfrog\", \"registry_type\": \"JFrog Artifactory\", "
                + "\"registry\": \"https://jfrog.example.com\", \"filters\": [\"<docker-local>/app\"], \"jfrog_mode\":"
                + " \"Subdomain\", \"jfrog_aql\": true}}"));
        assertThat(summary("jfrog").path("jfrog_mode").asText()).isEqualTo("Subdomain");
        assertThat(summary("jfrog").path("jfrog_aql").asBoolean()).isTrue();
        assertBadRequest(patch(admin, "jfrog", "{\"name\": \"jfrog\", \"jfrog_mode\": \"Port\"}"));
        assertOk(patch(admin, "jfrog", "{\"name\": \"jfrog\", \"jfrog_mode\": \"Port\", \"filters\": [\"app\"]}"));
        assertOk(create(admin, "{\"config\": {\"name\": \"ibm\", \"registry_type\": \"IBM Cloud Container Registry\","
                + " \"registry\": \"https://us.icr.io\", \"filters\": [\"ns/*\"], \"ibm_cloud_account\": \"acct-1\"}}"));
        assertThat(summary("ibm").path("ibm_cloud_token_url").asText()).isEqualTo(
                "https://iam.cloud.ibm.com/identity/token");
        assertThat(summary("ibm").path("ibm_cloud_account").asText()).isEqualTo("acct-1");
        assertOk(create(admin, "{\"config\": {\"name\": \"ocp\", \"registry_type\": \"OpenShift Registry\", "
                + "\"registry\": \"https://image-registry.openshift.example\", \"filters\": [\"team-a/*\"], "
                + "\"schedule\": {\"schedule\": \"auto\"}}}"));
        assertThat(summary("ocp").at("/schedule/schedule").asText()).isEqualTo("auto");
        assertBadRequest(patch(admin, "ocp", "{\"name\": \"ocp\", \"schedule\": {\"schedule\": \"periodical\", "
                + "\"interval\": 3600}}"));
        assertBadRequest(patch(admin, "ocp", "{\"name\": \"ocp\", \"registry_type\": \"Docker Registry\"}"));
        assertOk(create(admin, "{\"config\": {\"name\": \"gitlab\", \"registry_type\": \"Gitlab\", \"registry\": "
                + "\"https://registry.gitlab.example.com\", \"filters\": [\"group/*\"], \"gitlab_external_url\": "
                + "\"https://gitlab.example.com\"}}"));
        assertThat(summary("gitlab").path("gitlab_external_url").asText()).isEqualTo("https://gitlab.example.com/");
        assertThat(ApiChecks.each(assertOk(c.as(admin, "GET", "/v1/scan/registry", null)).at("/summarys"), "name"))
                .containsExactly("ghcr", "gitlab", "ibm", "jfrog", "ocp");
        assertThat(assertOk(c.as(admin, "GET", "/v1/scan/registry?scope=fed", null)).at("/summarys")).isEmpty();
        assertThat(assertOk(c.as(admin, "GET", "/v1/scan/registry?scope=local", null)).at("/summarys")).hasSize(5);
        assertBadRequest(c.as(admin, "GET", "/v1/scan/registry?scope=galaxy", null));
    }

    @Test
    void theTypesAreNeuVectorsList() {
        assertThat(assertOk(c.as(admin, "GET", "/v1/list/registry_type", null)).at("/list/registry_type").toString())
                .isEqualTo("[\"Amazon ECR Registry\",\"Azure Container Registry\",\"Docker Registry\",\"Google "
                        + "Container Registry\",\"JFrog Artifactory\",\"OpenShift Registry\",\"Red Hat Public "
                        + "Registry\",\"Sonatype Nexus\",\"Gitlab\",\"IBM Cloud Container Registry\",\"Harbor "
                        + "Registry\",\"GitHub Container Registry\"]");
    }

    /** Registries a create must refuse with a 400, and the start of the one-line message. */
    static Stream<Arguments> badRegistries() {
        return Stream.of(
                Arguments.of("no name", docker("", ""), "Invalid characters in name"),
                Arguments.of("name with a slash", docker("a/b", ""), "Invalid characters in name"),
                Arguments.of("name starting with a dot", docker(".hidden", ""), "Invalid characters in name"),
                Arguments.of("129-character name", docker("n".repeat(129), ""), "Invalid characters in name"),
                Arguments.of("federal name", docker("fed.hub", ""), "Local registry name must not start with 'fed.'"),
                Arguments.of("federal cfg_type", docker("r", "\"cfg_type\": \"federal\""), "cfg_type of a registry"),
                Arguments.of("unknown type", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Quay\", "
                        + "\"registry\": \"https://quay.io\", \"filters\": [\"*\"]}}", "Unsupported registry Type"),
                Arguments.of("deprecated type", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Red Hat/OpenShift"
                        + " Registry\", \"registry\": \"https://r.example\", \"filters\": [\"*\"]}}",
                        "Unsupported registry Type"),
                Arguments.of("no type", "{\"config\": {\"name\": \"r\", \"registry\": \"https://quay.io\", "
                        + "\"filters\": [\"*\"]}}", "Unsupported registry Type"),
                Arguments.of("no URL", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Docker Registry\", "
                        + "\"filters\": [\"*\"]}}", "Missing registry URL"),
                Arguments.of("URL without scheme", url("registry.example.com"), "Invalid registry URL"),
                Arguments.of("ftp URL", url("ftp://registry.example.com"), "Invalid registry URL"),
                Arguments.of("URL with credentials", url("https://user:pw@registry.example.com"),
                        "Invalid registry URL"),
                Arguments.of("URL with a query", url("https://registry.example.com/?k=v"), "Invalid registry URL"),
                Arguments.of("URL with a fragment", url("https://registry.example.com/#x"), "Invalid registry URL"),
                Arguments.of("URL with a bad host", url("https://bad_host!/"), "Invalid registry URL"),
                Arguments.of("URL with a line break", url("https://registry.example.com/\\r\\nX: y"),
                        "Invalid registry URL"),
                Arguments.of("empty URL", url(""), "Invalid registry URL"),
                Arguments.of("no filters", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Docker Registry\", "
                        + "\"registry\": \"https://r.example\"}}", "A registry needs 1 to 1024 filters"),
                Arguments.of("empty filters", filters("[]"), "A registry needs 1 to 1024 filters"),
                Arguments.of("null filter", filters("[null]"), "'filters' holds a null"),
                Arguments.of("filter with a wildcard org", filters("[\"neu*/*:*\"]"), "Invalid filter format"),
                Arguments.of("filter with a trailing slash", filters("[\"team/\"]"), "invalid filter \"team/\""),
                Arguments.of("filter with a bad regex", filters("[\"team/app(\"]"), "Regular express error in"
                        + " repository"),
                Arguments.of("filter with a bad tag regex", filters("[\"team/app:[\"]"), "Regular express error in"
                        + " tag"),
                Arguments.of("filter with a control character", filters("[\"team/\\u0000app\"]"),
                        "Invalid filter format"),
                Arguments.of("GitHub's star filter", "{\"config\": {\"name\": \"r\", \"registry_type\": \"GitHub "
                        + "Container Registry\", \"filters\": [\"*\"]}}", "filter \"*\" is unsupported"),
                Arguments.of("OpenShift filter without namespace", "{\"config\": {\"name\": \"r\", \"registry_type\":"
                        + " \"OpenShift Registry\", \"registry\": \"https://r.example\", \"filters\": [\"app\"]}}",
                        "Invalid filter format"),
                Arguments.of("unknown schedule", docker("r", "\"schedule\": {\"schedule\": \"hourly\"}"),
                        "Invalid schedule"),
                Arguments.of("OpenShift's auto elsewhere", docker("r", "\"schedule\": {\"schedule\": \"auto\"}"),
                        "Invalid schedule"),
                Arguments.of("interval below 300", docker("r", "\"schedule\": {\"schedule\": \"periodical\", "
                        + "\"interval\": 299}"), "Schedule interval is out of range"),
                Arguments.of("interval above a week", docker("r", "\"schedule\": {\"schedule\": \"periodical\", "
                        + "\"interval\": 604801}"), "Schedule interval is out of range"),
                Arguments.of("periodical without interval", docker("r", "\"schedule\": {\"schedule\": "
                        + "\"periodical\"}"), "Schedule interval is out of range"),
                Arguments.of("negative repo limit", docker("r", "\"repo_limit\": -1"), "repo_limit and tag_limit"),
                Arguments.of("token auth without token", docker("r", "\"auth_with_token\": true"),
                        "Missing authentication token"),
                Arguments.of("username with a line break", docker("r", "\"username\": \"a\\nb\""),
                        "username must not hold control characters"),
                Arguments.of("password too long", docker("r", "\"password\": \"%s\"".formatted("p".repeat(4097))),
                        "password is at most 4096 characters"),
                Arguments.of("bad namespace", docker("r", "\"domains\": [\"-bad\"]"), "domains are up to 256"),
                Arguments.of("null namespace", docker("r", "\"domains\": [null]"), "'domains' holds a null"),
                Arguments.of("ECR without key", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Amazon ECR "
                        + "Registry\", \"filters\": [\"*\"]}}", "Missing AWS keys"),
                Arguments.of("ECR with a bad region", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Amazon ECR "
                        + "Registry\", \"filters\": [\"*\"], \"aws_key\": {\"id\": \"123456789012\", \"region\": "
                        + "\"evil.example.com/\"}}}", "aws_key needs the 12-digit account id"),
                Arguments.of("ECR with a bad account", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Amazon "
                        + "ECR Registry\", \"filters\": [\"*\"], \"aws_key\": {\"id\": \"evil.com#\", \"region\": "
                        + "\"us-east-1\"}}}", "aws_key needs the 12-digit account id"),
                Arguments.of("GCR without key", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Google Container "
                        + "Registry\", \"filters\": [\"*\"]}}", "No GCR json key provided"),
                Arguments.of("JFrog without mode", "{\"config\": {\"name\": \"r\", \"registry_type\": \"JFrog "
                        + "Artifactory\", \"registry\": \"https://j.example\", \"filters\": [\"*\"]}}",
                        "Invalid Jfrog mode"),
                Arguments.of("JFrog with an unknown mode", "{\"config\": {\"name\": \"r\", \"registry_type\": \"JFrog "
                        + "Artifactory\", \"registry\": \"https://j.example\", \"filters\": [\"*\"], \"jfrog_mode\": "
                        + "\"Path\"}}", "Invalid Jfrog mode"),
                Arguments.of("GitLab over http", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Gitlab\", "
                        + "\"registry\": \"http://g.example\", \"filters\": [\"*\"], \"gitlab_external_url\": "
                        + "\"https://g.example\"}}", "Gitlab container registry should start with https"),
                Arguments.of("GitLab without its URL", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Gitlab\", "
                        + "\"registry\": \"https://g.example\", \"filters\": [\"*\"]}}", "Missing gitlab external url"),
                Arguments.of("GitLab with a bad URL", "{\"config\": {\"name\": \"r\", \"registry_type\": \"Gitlab\", "
                        + "\"registry\": \"https://g.example\", \"filters\": [\"*\"], \"gitlab_external_url\": "
                        + "\"gitlab\"}}", "Invalid Gitlab external_url"),
                Arguments.of("IBM Cloud without account", "{\"config\": {\"name\": \"r\", \"registry_type\": \"IBM "
                        + "Cloud Container Registry\", \"registry\": \"https://us.icr.io\", \"filters\": [\"*\"]}}",
                        "IBM Cloud account is missing"),
                Arguments.of("IBM Cloud with a bad token URL", "{\"config\": {\"name\": \"r\", \"registry_type\": "
                        + "\"IBM Cloud Container Registry\", \"registry\": \"https://us.icr.io\", \"filters\": [\"*\"],"
                        + " \"ibm_cloud_account\": \"a\", \"ibm_cloud_token_url\": \"file:///etc/passwd\"}}",
                        "Invalid ibm_cloud_token_url"),
                Arguments.of("no config", "{}", "'config' is required"),
                Arguments.of("null config", "{\"config\": null}", "'config' is required"),
                Arguments.of("string for repo_limit", docker("r", "\"repo_limit\": \"5\""), "Invalid JSON"),
                Arguments.of("number for the password", docker("r", "\"password\": 1234"), "Invalid JSON"),
                Arguments.of("string for the filters", docker("r", "\"filters\": \"*\"").replace(
                        "\"filters\": [\"team/*\"], ", ""), "Invalid JSON"),
                Arguments.of("a key twice", "{\"config\": {\"name\": \"r\", \"name\": \"s\"}}", "Invalid JSON"),
                Arguments.of("not JSON", "registry=docker", "Invalid JSON"),
                Arguments.of("trailing data", docker("r", "") + " {}", "Invalid JSON"));
    }

    private static String url(String url) {
        return "{\"config\": {\"name\": \"r\", \"registry_type\": \"Docker Registry\", \"registry\": \"%s\", "
                .formatted(url) + "\"filters\": [\"*\"]}}";
    }

    private static String filters(String filters) {
        return "{\"config\": {\"name\": \"r\", \"registry_type\": \"Docker Registry\", \"registry\": "
                + "\"https://r.example\", \"filters\": %s}}".formatted(filters);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRegistries")
    void aBadRegistryIsRefusedWithOneLineAndNothingIsMade(String what, String body, String message) {
        Reply r = assertBadRequest(create(admin, body));
        assertThat(r.at("/message").asText()).startsWith(message).doesNotContain("\n").doesNotContain("Exception");
        assertThat(names(admin)).isEmpty();
    }

    @Test
    void aBadChangeIsRefusedAndChangesNothing() {
        assertOk(create(admin, docker("r", "\"password\": \"" + PASSWORD + "\"")));
        String before = stored("r");
        for (String bad : List.of("{\"name\": \"other\", \"scan_layers\": true}", "{\"filters\": []}",
                "{\"filters\": [\"a/\"]}", "{\"registry\": \"nope\"}", "{\"schedule\": {\"schedule\": \"periodical\","
                        + " \"interval\": 60}}", "{\"registry_type\": \"Harbor Registry\"}",
                "{\"auth_with_token\": true}", "{\"domains\": [\"a b\"]}", "{\"tag_limit\": -5}", "null")) {
            assertBadRequest(patch(admin, "r", bad));
        }
        assertBadRequest(c.as(admin, "PATCH", "/v2/scan/registry/r", "{\"config\": {\"scan\": {\"schedule\": "
                + "{\"schedule\": \"weekly\"}}}}"));
        assertThat(stored("r")).isEqualTo(before);
    }

    @Test
    void aTakenNameIs409AndAnUnknownOne404() {
        assertOk(create(admin, docker("r", "")));
        Reply taken = assertError(create(admin, docker("r", "\"filters\": [\"other/*\"]").replace(
                "\"filters\": [\"team/*\"], ", "")), 409);
        assertThat(taken.at("/code").asInt()).isEqualTo(13);
        assertThat(summary("r").path("filters").toString()).isEqualTo("[\"team/*\"]");
        assertError(c.as(admin, "GET", "/v1/scan/registry/nope", null), 404);
        assertError(patch(admin, "nope", "{\"name\": \"nope\", \"scan_layers\": true}"), 404);
        assertError(c.as(admin, "DELETE", "/v1/scan/registry/nope", null), 404);
        assertError(c.as(admin, "GET", "/v1/scan/registry/..%2Fsystem%2Fconfig", null), 404);
        assertThat(names(admin)).containsExactly("r");
    }

    @Test
    void aReaderReadsRegistriesButChangesNothing() {
        assertOk(create(admin, docker("r", "")));
        String reader = ApiChecks.reader(c, admin);
        assertThat(names(reader)).containsExactly("r");
        assertOk(c.as(reader, "GET", "/v1/scan/registry/r", null));
        assertOk(c.as(reader, "GET", "/v1/list/registry_type", null));
        for (Reply r : List.of(create(reader, docker("mine", "")), c.as(reader, "POST", "/v2/scan/registry",
                        docker("mine", "")), patch(reader, "r", "{\"name\": \"r\", \"scan_layers\": true}"),
                c.as(reader, "PATCH", "/v2/scan/registry/r", "{\"config\": {\"name\": \"r\"}}"),
                c.as(reader, "DELETE", "/v1/scan/registry/r", null))) {
            assertError(r, 403);
        }
        assertThat(names(admin)).containsExactly("r");
        assertThat(summary("r").path("scan_layers").asBoolean()).isFalse();
        String ciops = ApiChecks.user(c, admin, "carl", "ciops", null);
        assertError(c.as(ciops, "GET", "/v1/scan/registry", null), 403);
    }

    @Test
    void namespaceUsersSeeAndChangeTheRegistriesOfTheirNamespacesOnly() {
        String teamA = ApiChecks.namespaceAdmin(c, admin);
        String teamB = ApiChecks.user(c, admin, "bob", "", "{\"admin\": [\"team-b\"]}");
        String readerA = ApiChecks.user(c, admin, "rory", "", "{\"reader\": [\"team-a\"]}");
        assertOk(create(admin, docker("global", "")));
        assertOk(create(admin, docker("shared", "\"domains\": [\"team-a\", \"team-b\"]")));
        assertOk(create(teamA, docker("a-own", "")));
        assertThat(summary("a-own").path("domains").toString()).as("its creator's namespaces")
                .isEqualTo("[\"team-a\"]");

        assertThat(names(teamA)).containsExactly("a-own", "shared");
        assertThat(names(teamB)).containsExactly("shared");
        assertThat(names(readerA)).containsExactly("a-own", "shared");
        assertThat(names(admin)).containsExactly("a-own", "global", "shared");
        assertError(c.as(teamB, "GET", "/v1/scan/registry/a-own", null), 404);
        assertError(c.as(teamA, "GET", "/v1/scan/registry/global", null), 404);
        assertError(patch(teamA, "global", "{\"name\": \"global\", \"scan_layers\": true}"), 404);
        assertError(c.as(teamB, "DELETE", "/v1/scan/registry/a-own", null), 404);
        // a registry of two namespaces is changed only by who writes in both
        assertError(patch(teamA, "shared", "{\"name\": \"shared\", \"scan_layers\": true}"), 403);
        assertError(c.as(teamA, "DELETE", "/v1/scan/registry/shared", null), 403);
        assertError(patch(readerA, "a-own", "{\"name\": \"a-own\", \"scan_layers\": true}"), 403);
        // nobody moves a registry into a namespace they do not write in
        assertError(create(teamA, docker("into-b", "\"domains\": [\"team-b\"]")), 403);
        assertError(patch(teamA, "a-own", "{\"name\": \"a-own\", \"domains\": [\"team-a\", \"team-b\"]}"), 403);
        assertOk(patch(teamA, "a-own", "{\"name\": \"a-own\", \"scan_layers\": true}"));
        // an OpenShift registry's filters name namespaces its writer must hold
        assertError(create(teamA, "{\"config\": {\"name\": \"ocp\", \"registry_type\": \"OpenShift Registry\", "
                + "\"registry\": \"https://ocp.example\", \"filters\": [\"team-b/*\"]}}"), 403);
        assertOk(create(teamA, "{\"config\": {\"name\": \"ocp\", \"registry_type\": \"OpenShift Registry\", "
                + "\"registry\": \"https://ocp.example\", \"filters\": [\"team-a/*\"]}}"));
        assertOk(c.as(teamA, "DELETE", "/v1/scan/registry/a-own", null));
        assertThat(names(admin)).containsExactly("global", "ocp", "shared");
    }

    @Test
    void hostileBodiesAreRefusedAndChangeNothing() {
        byte[] huge = ("{\"config\": {\"name\": \"r\", \"registry_type\": \"Docker Registry\", \"registry\": "
                + "\"https://r.example\", \"filters\": [\"" + "a".repeat(2 << 20) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        assertError(c.send("POST", "/v1/scan/registry", huge, "X-Auth-Token", admin), 413);
        String tenThousand = IntStream.range(0, 10_000).mapToObj(i -> "\"org/app" + i + "\"")
                .collect(Collectors.joining(","));
        assertThat(assertBadRequest(create(admin, filters("[" + tenThousand + "]"))).at("/message").asText())
                .startsWith("A registry needs 1 to 1024 filters");
        String deep = "[".repeat(200) + "]".repeat(200);
        assertBadRequest(create(admin, filters(deep)));
        assertBadRequest(c.send("POST", "/v1/scan/registry", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1},
                "X-Auth-Token", admin));
        assertBadRequest(c.as(admin, "POST", "/v1/scan/registry", ""));
        assertThat(names(admin)).isEmpty();
        // fields of a newer client are skipped, as NeuVector's server skips them
        assertOk(create(admin, docker("r", "\"jfrog_xray\": {\"url\": \"x\"}, \"field_of_the_future\": [1, {}]")));
        assertThat(names(admin)).containsExactly("r");
        // 1024 filters are fine
        String many = IntStream.range(0, 1024).mapToObj(i -> "\"org/app" + i + ":v" + i + ".*\"")
                .collect(Collectors.joining(","));
        assertOk(patch(admin, "r", "{\"name\": \"r\", \"filters\": [" + many + "]}"));
        assertThat(summary("r").path("filters")).hasSize(1024);
    }

    @Test
    void aBackupLeavesTheSecretsOutAndARestoreKeepsThem() throws Exception {
        assertOk(create(admin, docker("r", "\"username\": \"robot\", \"password\": \"" + PASSWORD + "\"")));
        byte[] backup = c.download(admin, "/v1/file/config?raw=true&section=all");
        String entries;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(backup))) {
            entries = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(entries).contains("object/config/registry/r", "robot").doesNotContain(PASSWORD);
        assertThat(c.download(admin, "/v1/file/config?raw=true&section=policy")).isNotEmpty();

        assertOk(patch(admin, "r", "{\"name\": \"r\", \"filters\": [\"changed/*\"]}"));
        assertOk(create(admin, docker("extra", "")));
        Reply restored = c.send("POST", "/v1/file/config", backup, "X-Auth-Token", admin, "Content-Type",
                "application/octet-stream");
        assertThat(restored.status()).as(restored.text()).isEqualTo(206);
        assertThat(names(admin)).containsExactly("r");
        assertThat(summary("r").path("filters").toString()).isEqualTo("[\"team/*\"]");
        assertThat(stored("r")).as("the password the backup left out is kept").contains(PASSWORD);
    }
}
