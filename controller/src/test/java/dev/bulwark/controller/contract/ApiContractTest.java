package dev.bulwark.controller.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.bulwark.controller.ControllerFixture;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.runtime.TestNode;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.ProcessEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every implemented operation of NeuVector's API spec (../shared/reference/neuvector-api.yaml) against a
 * real controller: each request body must satisfy the spec's parameter schema, each response the schema of its
 * status (RESTError for errors). An operation the spec does not list fails the test, so the two stay in step.
 */
class ApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static ControllerFixture c;
    static String admin;
    static JsonNode spec;
    static final List<String> checked = new ArrayList<>();

    /**
     * Operations whose response schema in the spec is not what NeuVector serves. We serve NeuVector's shape, which
     * its clients read, and the test asserts that shape explicitly instead.
     */
    static final java.util.Map<String, String> SPEC_ERRATA = java.util.Map.of(
            "GET /v1/file_monitor", "the spec names the per-workload file list; NeuVector returns {profiles: [...]}",
            "GET /v1/file_monitor/{name}", "the spec names a single monitored file; NeuVector returns {profile: ...}",
            "GET /v1/admission/options", "the spec makes admission_custom_criteria_options one object; NeuVector's"
                    + " RESTAdmissionConfigData (and its CLI) has an array of them",
            "GET /v1/controller", "the spec names a bare RESTController; NeuVector returns RESTControllersData,"
                    + " {controllers: [...]}, which its CLI reads",
            "GET /v1/workload/{id}/process_history", "the spec names RESTProcessProfileEntry; NeuVector returns"
                    + " RESTProcessList, {processes: [RESTProcessInfo]}, which its CLI reads",
            "GET /v1/system/score/metrics", "the spec makes metrics an array of RESTComplianceProfileConfig;"
                    + " NeuVector's RESTScoreMetricsData has one RESTRiskScoreMetrics object",
            "POST /v1/file/admission", "the spec names RESTRemoteExportData, NeuVector's answer to an export to a"
                    + " remote repository; an export to a file is the YAML itself, as NeuVector's doExport writes it");

    @BeforeAll
    static void start() throws IOException {
        String text = Files.readString(SharedData.path("reference/neuvector-api.yaml"))
                .replace("example: =\n", "example: '='\n");
        spec = new YAMLMapper().readTree(text);
        c = new ControllerFixture(dir);
        admin = c.login("admin", ControllerFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (node.get() != null) {
            node.get().close();
        }
        c.close();
    }

    private static JsonSchema schema(String definition) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("$schema", "http://json-schema.org/draft-04/schema#");
        doc.set("definitions", spec.path("definitions"));
        doc.put("$ref", "#/definitions/" + definition);
        // format keywords are annotations in this Swagger spec: NeuVector itself returns "" for an unset email
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(doc,
                com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build());
    }

    private static JsonNode operation(String method, String path) {
        JsonNode op = spec.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
        assertThat(op.isMissingNode()).as("%s %s is not in the spec", method, path).isFalse();
        return op;
    }

    /** Calls an operation and checks request and response against the spec; returns the reply. */
    private static Reply call(String method, String specPath, String path, String body, int status) {
        JsonNode op = operation(method, specPath);
        if (body != null) {
            for (JsonNode p : op.path("parameters")) {
                if (p.path("in").asText().equals("body") && p.path("schema").has("$ref")) {
                    String def = ref(p.path("schema"));
                    try {
                        assertThat(schema(def).validate(JSON.readTree(body))).as("request of %s %s against %s",
                                method, specPath, def).isEmpty();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        Reply r = method.equals("POST") && path.equals("/v1/auth") ? c.call(method, path, body)
                : c.as(admin, method, path, body);
        return checkResponse(method, specPath, r, status);
    }

    /** Checks a reply's status and its body against the spec's schema for that status, and records the operation. */
    private static Reply checkResponse(String method, String specPath, Reply r, int status) {
        JsonNode response = operation(method, specPath).path("responses").path(String.valueOf(status));
        String def = response.path("schema").has("$ref") ? ref(response.path("schema"))
                : status >= 400 ? "RESTError" : null;
        return checkResponse(method, specPath, r, status, def, !SPEC_ERRATA.containsKey(method + " " + specPath));
    }

    /** Checks a reply's status, and its body against {@code def} when {@code validate}; records the operation. */
    private static Reply checkResponse(String method, String specPath, Reply r, int status, String def,
            boolean validate) {
        assertThat(r.status()).as("%s %s: %s", method, specPath, r.text()).isEqualTo(status);
        String operation = method + " " + specPath;
        if (def != null && validate) {
            assertThat(schema(def).validate(r.body())).as("response of %s against %s: %s", operation, def,
                    r.text()).isEmpty();
        }
        checked.add(operation);
        return r;
    }

    /** Asserts a part of a response satisfies a definition of the spec. */
    private static void conforms(JsonNode value, String definition) {
        assertThat(schema(definition).validate(value)).as("%s against %s", value, definition).isEmpty();
    }

    private static String ref(JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** The admission rule the walk creates: the first id NeuVector gives user rules. */
    private static final int ADMISSION_RULE = 1000;

    /** The node the runtime walk joins over the link; its enforcer id is known once it joined. */
    static final AtomicReference<TestNode> node = new AtomicReference<>();

    /** This controller's id, read from its list. */
    static final AtomicReference<String> controllerId = new AtomicReference<>();

    /** The admission control export, imported back in the next step. */
    private static final AtomicReference<String> admissionCrd = new AtomicReference<>();

    /** The CRD export of group {@code web}, imported back in the next step. */
    private final AtomicReference<String> crd = new AtomicReference<>();

    /** One test per operation and status, in areas; a failure fails its own test, and the walk goes on. */
    @TestFactory
    Stream<DynamicNode> everyImplementedOperationMatchesTheSpec() {
        return Stream.of(
        dynamicContainer("login", Stream.of(
            op("POST", "/v1/auth", "/v1/auth", "{\"client_ip\": \"127.0.0.1\", \"password\": {\"username\": \"admin\", \"password\": \""
                    + ControllerFixture.ADMIN_PASSWORD + "\"}}", 200),
            op("POST", "/v1/auth", "/v1/auth", "{\"client_ip\": \"127.0.0.1\", \"password\": {\"username\": \"admin\", \"password\": \"bad\"}}", 401),
            op("PATCH", "/v1/auth", "/v1/auth", null, 200))),
        dynamicContainer("users", Stream.of(
            op("POST", "/v1/user", "/v1/user", """
                    {"user": {"fullname": "rita", "server": "", "username": "rita", "password": "Passw0rd-rita",
                     "email": "rita@example.com", "role": "reader", "timeout": 300, "locale": "en",
                     "default_password": false, "modify_password": false, "last_login_timestamp": 0, "last_login_at": "",
                     "login_count": 0, "blocked_for_failed_login": false, "blocked_for_password_expired": false,
                     "password_resettable": false}}""", 200),
            op("GET", "/v1/user", "/v1/user", null, 200),
            op("GET", "/v1/user/{fullname}", "/v1/user/rita", null, 200),
            op("PATCH", "/v1/user/{fullname}", "/v1/user/rita", "{\"config\": {\"fullname\": \"rita\", "
                    + "\"pwd_profile\": \"default\", \"timeout\": 600}}", 200),
            op("POST", "/v1/user/{fullname}/password", "/v1/user/rita/password", "{\"config\": {\"fullname\": "
                    + "\"rita\", \"clear_failed_login\": true}}", 200),
            op("PATCH", "/v1/user/{fullname}/role/{role}", "/v1/user/rita/role/admin", "{\"config\": {\"fullname\": "
                    + "\"rita\", \"role\": \"admin\", \"domains\": [\"shop\"]}}", 200))),
        dynamicContainer("roles", Stream.of(
            op("GET", "/v1/user_role", "/v1/user_role", null, 200),
            op("POST", "/v1/user_role", "/v1/user_role", "{\"config\": {\"name\": \"auditor\", \"comment\": \"logs\","
                    + " \"permissions\": [{\"id\": \"audit_events\", \"read\": true, \"write\": false}]}}", 200),
            op("GET", "/v1/user_role/{name}", "/v1/user_role/auditor", null, 200),
            op("PATCH", "/v1/user_role/{name}", "/v1/user_role/auditor", "{\"config\": {\"name\": \"auditor\","
                    + " \"comment\": \"logs and events\", \"permissions\": [{\"id\": \"events\", \"read\": true,"
                    + " \"write\": false}]}}", 200),
            op("DELETE", "/v1/user_role/{name}", "/v1/user_role/auditor", null, 200))),
        dynamicContainer("API keys", Stream.of(
            op("POST", "/v1/api_key", "/v1/api_key", "{\"apikey\": {\"apikey_name\": \"ci\", \"expiration_type\": "
                    + "\"never\", \"role\": \"ciops\"}}", 200),
            op("GET", "/v1/api_key", "/v1/api_key", null, 200))),
        dynamicContainer("password profile", Stream.of(
            op("GET", "/v1/password_profile", "/v1/password_profile", null, 200),
            op("GET", "/v1/password_profile/{name}", "/v1/password_profile/default", null, 200),
            op("PATCH", "/v1/password_profile/{name}", "/v1/password_profile/default", "{\"config\": {\"name\": "
                    + "\"default\", \"min_len\": 10}}", 200))),
        dynamicContainer("groups", Stream.of(
            op("POST", "/v1/group", "/v1/group", "{\"config\": {\"name\": \"web\", \"cfg_type\": \"user_created\","
                    + " \"criteria\": [{\"key\": \"image\", \"value\": \"nginx\", \"op\": \"=\"}]}}", 200),
            op("GET", "/v1/group", "/v1/group", null, 200),
            op("GET", "/v1/group/{name}", "/v1/group/web", null, 200),
            op("PATCH", "/v1/group/{name}", "/v1/group/web", "{\"config\": {\"name\": \"web\", \"cfg_type\": "
                    + "\"user_created\", \"criteria\": [{\"key\": \"image\", \"value\": \"nginx:1\", \"op\": \"=\"}]}}", 200),
            op("POST", "/v1/group", "/v1/group", "{\"config\": {\"name\": \"web\", \"cfg_type\": \"user_created\","
                    + " \"criteria\": [{\"key\": \"image\", \"value\": \"x\", \"op\": \"=\"}]}}", 409))),
        dynamicContainer("network rules", Stream.of(
            op("PATCH", "/v1/policy/rule", "/v1/policy/rule", "{\"insert\": {\"after\": 0, \"rules\": [{\"id\": 5,"
                    + " \"comment\": \"\", \"from\": \"web\", \"to\": \"external\", \"ports\": \"tcp/443\", \"action\":"
                    + " \"allow\", \"applications\": [\"SSL\"], \"learned\": false, \"disable\": false,"
                    + " \"created_timestamp\": 0, \"last_modified_timestamp\": 0, \"cfg_type\": \"user_created\","
                    + " \"priority\": 0, \"match_counter\": 0, \"last_match_timestamp\": 0}]}}", 200),
            op("GET", "/v1/policy/rule", "/v1/policy/rule", null, 200),
            op("GET", "/v1/policy/rule/{id}", "/v1/policy/rule/5", null, 200),
            op("GET", "/v1/policy/rule/{id}", "/v1/policy/rule/99", null, 404),
            op("PATCH", "/v1/policy/rule/{id}", "/v1/policy/rule/5", "{\"config\": {\"id\": 5, \"cfg_type\": "
                    + "\"user_created\", \"action\": \"deny\"}}", 200),
            op("DELETE", "/v1/policy/rule/{id}", "/v1/policy/rule/5", null, 200),
            op("DELETE", "/v1/policy/rule", "/v1/policy/rule", null, 200))),
        dynamicContainer("response rules and process profiles", Stream.of(
            op("PATCH", "/v1/response/rule", "/v1/response/rule", "{\"insert\": {\"after\": 0, \"rules\": [{\"id\": 0,"
                    + " \"event\": \"security-event\", \"comment\": \"isolate\", \"group\": \"web\", \"conditions\": "
                    + "[{\"type\": \"level\", \"value\": \"Critical\"}], \"actions\": [\"quarantine\"], \"webhooks\": [],"
                    + " \"disable\": false, \"cfg_type\": \"user_created\"}]}}", 200),
            op("GET", "/v1/response/rule", "/v1/response/rule", null, 200),
            op("GET", "/v1/response/rule/{id}", "/v1/response/rule/1", null, 200),
            op("PATCH", "/v1/response/rule/{id}", "/v1/response/rule/1", "{\"config\": {\"id\": 1, \"cfg_type\": "
                    + "\"user_created\", \"event\": \"cve-report\", \"group\": \"web\", \"conditions\": [{\"type\": "
                    + "\"cve-high\", \"value\": \"10\"}], \"actions\": [\"suppress-log\"]}}", 200),
            op("PATCH", "/v1/response/rule/{id}", "/v1/response/rule/1", "{\"config\": {\"id\": 1, \"cfg_type\": "
                    + "\"user_created\", \"event\": \"event\", \"actions\": [\"quarantine\"]}}", 400),
            dynamicTest("GET /v1/response/options offers each event's conditions", () -> assertThat(c.as(admin, "GET",
                    "/v1/response/options", null).at("/response_rule_options/cve-report/types").toString())
                    .contains("cve-high")),
            op("DELETE", "/v1/response/rule/{id}", "/v1/response/rule/1", null, 200),
            op("DELETE", "/v1/response/rule", "/v1/response/rule", null, 200),
            op("PATCH", "/v1/process_profile/{name}", "/v1/process_profile/web", "{\"process_profile_config\": "
                    + "{\"group\": \"web\", \"process_change_list\": [{\"name\": \"nginx\", \"path\": "
                    + "\"/usr/sbin/nginx\", \"action\": \"allow\", \"group\": \"web\"}, {\"name\": \"nc\", \"path\":"
                    + " \"*\", \"action\": \"deny\", \"group\": \"web\"}]}}", 200),
            op("GET", "/v1/process_profile", "/v1/process_profile", null, 200),
            op("GET", "/v1/process_profile/{name}", "/v1/process_profile/web", null, 200,
                    r -> assertThat(r.at("/process_profile/process_list").size()).isEqualTo(2)),
            op("PATCH", "/v1/process_profile/{name}", "/v1/process_profile/web", "{\"process_profile_config\": "
                    + "{\"group\": \"web\", \"process_change_list\": [{\"name\": \"*\", \"path\": \"*\", "
                    + "\"action\": \"deny\", \"group\": \"web\"}]}}", 400),
            op("PATCH", "/v1/process_profile/{name}", "/v1/process_profile/web", "{\"process_profile_config\": "
                    + "{\"group\": \"web\", \"process_delete_list\": [{\"name\": \"nc\", \"path\": \"*\", "
                    + "\"action\": \"deny\", \"group\": \"web\"}]}}", 200))),
        dynamicContainer("sensors", sensors()),
        dynamicContainer("file rules and the CRD export of a group", Stream.of(
            dynamicTest("DLP's predefined sensors are listed and cannot be deleted", () -> {
                assertThat(c.as(admin, "GET", "/v1/dlp/sensor", null).at("/sensors").findValuesAsText("name"))
                        .contains("sensor.creditcard", "sensor.ssn", "secrets");
                assertThat(c.as(admin, "DELETE", "/v1/dlp/sensor/sensor.ssn", null).status()).isEqualTo(400);
            }),
            op("PATCH", "/v1/file_monitor/{name}", "/v1/file_monitor/web", "{\"config\": {\"add_filters\": "
                    + "[{\"filter\": \"/etc/nginx/*\", \"recursive\": true, \"behavior\": \"block_access\", "
                    + "\"applications\": [\"/usr/sbin/nginx\"], \"group\": \"web\"}]}}", 200),
            op("PATCH", "/v1/file_monitor/{name}", "/v1/file_monitor/web", "{\"config\": {\"add_filters\": "
                    + "[{\"filter\": \"etc/../shadow\", \"recursive\": false, \"behavior\": \"monitor_change\", "
                    + "\"applications\": [], \"group\": \"web\"}]}}", 400),
            op("GET", "/v1/file_monitor/{name}", "/v1/file_monitor/web", null, 200, r -> {
                assertThat(r.at("/profile/group").asText()).isEqualTo("web");
                assertThat(r.at("/profile/filters").findValuesAsText("filter")).contains("/etc/passwd",
                        "/etc/nginx/*");
            }),
            op("GET", "/v1/file_monitor", "/v1/file_monitor", null, 200,
                    r -> assertThat(r.at("/profiles").findValuesAsText("group")).contains("web")),
            op("POST", "/v1/file/group", "/v1/file/group", "{\"groups\": [\"web\"]}", 200, r -> {
                assertThat(r.text()).contains("kind: \"NvClusterSecurityRule\"", "name: \"web\"");
                crd.set(r.text());
            }),
            dynamicTest("POST /v1/file/group/config -> 206", () -> call("POST", "/v1/file/group/config",
                    "/v1/file/group/config", crd.get(), 206)),
            op("GET", "/v1/file/group/config", "/v1/file/group/config", null, 200),
            op("DELETE", "/v1/group/{name}", "/v1/group/web", null, 200))),
        dynamicContainer("vulnerability profile and namespaces", Stream.of(
            op("POST", "/v1/vulnerability/profile/{name}/entry", "/v1/vulnerability/profile/default/entry",
                    "{\"config\": {\"id\": 0, \"name\": \"CVE-2021-44228\", \"comment\": \"accepted\", \"days\": 0,"
                    + " \"domains\": [\"shop\"], \"images\": [\"app:*\"]}}", 200),
            op("GET", "/v1/vulnerability/profile", "/v1/vulnerability/profile", null, 200),
            op("GET", "/v1/vulnerability/profile/{name}", "/v1/vulnerability/profile/default", null, 200),
            op("PATCH", "/v1/vulnerability/profile/{name}/entry/{id}", "/v1/vulnerability/profile/default/entry/1000",
                    "{\"config\": {\"id\": 1000, \"name\": \"CVE-2021-44228\", \"comment\": \"until fixed\","
                    + " \"days\": 0, \"domains\": [], \"images\": []}}", 200),
            op("DELETE", "/v1/vulnerability/profile/{name}/entry/{id}", "/v1/vulnerability/profile/default/entry/1000",
                    null, 200),
            op("PATCH", "/v1/vulnerability/profile/{name}", "/v1/vulnerability/profile/default",
                    "{\"config\": {\"name\": \"default\", \"entries\": []}}", 200),
            op("PATCH", "/v1/domain/{name}", "/v1/domain/shop", "{\"config\": {\"name\": \"shop\", \"tags\": "
                    + "[\"team=a\"]}}", 200),
            op("PATCH", "/v1/domain", "/v1/domain", "{\"config\": {\"tag_per_domain\": true}}", 200),
            op("GET", "/v1/domain", "/v1/domain", null, 200))),
        dynamicContainer("registries", Stream.of(
            op("POST", "/v1/scan/registry", "/v1/scan/registry", "{\"config\": {\"name\": \"hub\", \"registry_type\":"
                    + " \"Docker Registry\", \"registry\": \"https://registry.hub.docker.com\", \"filters\": "
                    + "[\"neuvector/*:*\"], \"username\": \"robot\", \"password\": \"hub-secret\", "
                    + "\"auth_with_token\": false, \"rescan_after_db_update\": true, \"scan_layers\": false, "
                    + "\"repo_limit\": 10, \"tag_limit\": 5, \"schedule\": {\"schedule\": \"manual\", \"interval\": "
                    + "0}, \"ignore_proxy\": false}}", 200),
            op("POST", "/v2/scan/registry", "/v2/scan/registry", "{\"config\": {\"name\": \"ecr\", \"registry_type\":"
                    + " \"Amazon ECR Registry\", \"filters\": [\"*\"], \"auth\": {\"aws_key\": {\"id\": "
                    + "\"123456789012\", \"access_key_id\": \"AKIA0000\", \"secret_access_key\": \"ecr-secret\", "
                    + "\"region\": \"us-east-1\"}}, \"scan\": {\"schedule\": {\"schedule\": \"periodical\", "
                    + "\"interval\": 3600}}}}", 200),
            op("POST", "/v1/scan/registry", "/v1/scan/registry", "{\"config\": {\"name\": \"hub\", \"registry_type\":"
                    + " \"Docker Registry\", \"registry\": \"https://r.example\", \"filters\": [\"*\"]}}", 409),
            op("POST", "/v1/scan/registry", "/v1/scan/registry", "{\"config\": {\"name\": \"bad\", \"registry_type\":"
                    + " \"Docker Registry\", \"registry\": \"https://r.example\", \"filters\": [\"a*/b\"]}}", 400),
            op("GET", "/v1/scan/registry", "/v1/scan/registry", null, 200, r -> {
                assertThat(r.at("/summarys").findValuesAsText("name")).containsExactly("ecr", "hub");
                assertThat(r.text()).doesNotContain("hub-secret").doesNotContain("ecr-secret");
            }),
            op("GET", "/v1/scan/registry/{name}", "/v1/scan/registry/ecr", null, 200,
                    r -> assertThat(r.at("/summary/aws_key/region").asText()).isEqualTo("us-east-1")),
            op("GET", "/v1/scan/registry/{name}", "/v1/scan/registry/nope", null, 404),
            op("PATCH", "/v1/scan/registry/{name}", "/v1/scan/registry/hub", "{\"config\": {\"name\": \"hub\", "
                    + "\"registry_type\": \"Docker Registry\", \"filters\": [\"neuvector/*\", \"library/nginx\"]}}",
                    200),
            op("PATCH", "/v1/scan/registry/{name}", "/v1/scan/registry/hub", "{\"config\": {\"name\": \"hub\", "
                    + "\"registry_type\": \"Docker Registry\", \"schedule\": {\"schedule\": \"periodical\", "
                    + "\"interval\": 10}}}", 400),
            op("PATCH", "/v2/scan/registry/{name}", "/v2/scan/registry/hub", "{\"config\": {\"name\": \"hub\", "
                    + "\"registry_type\": \"Docker Registry\", \"scan\": {\"scan_layers\": true}}}", 200),
            op("GET", "/v1/scan/registry/{name}", "/v1/scan/registry/hub", null, 200, r -> {
                assertThat(r.at("/summary/filters")).hasSize(2);
                assertThat(r.at("/summary/scan_layers").asBoolean()).isTrue();
                assertThat(r.at("/summary/status").asText()).isEqualTo("idle");
            }),
            op("GET", "/v1/scan/registry/{name}/images", "/v1/scan/registry/hub/images", null, 200,
                    r -> assertThat(r.at("/images").isArray()).isTrue()),
            op("GET", "/v1/scan/registry/{name}/image/{id}", "/v1/scan/registry/hub/image/0123abcd", null, 404),
            op("GET", "/v1/scan/registry/{name}/layers/{id}", "/v1/scan/registry/hub/layers/0123abcd", null, 404),
            op("DELETE", "/v1/scan/registry/{name}/scan", "/v1/scan/registry/hub/scan", null, 200),
            op("POST", "/v1/scan/registry/{name}/scan", "/v1/scan/registry/nope/scan", null, 404),
            op("DELETE", "/v1/scan/registry/{name}", "/v1/scan/registry/ecr", null, 200),
            op("DELETE", "/v1/scan/registry/{name}", "/v1/scan/registry/hub", null, 200))),
        dynamicContainer("admission control", Stream.of(
            op("GET", "/v1/admission/state", "/v1/admission/state", null, 200),
            op("GET", "/v1/admission/options", "/v1/admission/options", null, 200),
            op("GET", "/v1/admission/stats", "/v1/admission/stats", null, 200),
            op("PATCH", "/v1/admission/state", "/v1/admission/state", "{\"k8s_env\": false, \"state\": {\"enable\":"
                    + " true, \"mode\": \"protect\", \"default_action\": \"allow\"}}", 200),
            op("POST", "/v1/admission/rule", "/v1/admission/rule", "{\"config\": {\"id\": 0, \"category\":"
                    + " \"Kubernetes\", \"cfg_type\": \"user_created\", \"rule_type\": \"deny\", \"containers\":"
                    + " [\"containers\"], \"comment\": \"no critical CVEs\", \"criteria\": [{\"name\": "
                    + "\"cveCriticalCount\", \"op\": \">=\", \"value\": \"1\"}, {\"name\": \"namespace\", \"op\": "
                    + "\"containsAny\", \"value\": \"shop,pay\"}]}}", 200,
                    r -> assertThat(r.at("/rule/id").asInt()).as("the first rule's id").isEqualTo(ADMISSION_RULE)),
            op("GET", "/v1/admission/rules", "/v1/admission/rules", null, 200),
            op("GET", "/v1/admission/rule/{id}", "/v1/admission/rule/" + ADMISSION_RULE, null, 200),
            op("PATCH", "/v1/admission/rule", "/v1/admission/rule", ("{\"config\": {\"id\": %d, \"category\": "
                    + "\"Kubernetes\", \"cfg_type\": \"user_created\", \"rule_type\": \"deny\", \"containers\": "
                    + "[\"containers\"], \"criteria\": [{\"name\": \"runAsPrivileged\", \"op\": \"=\", \"value\": "
                    + "\"true\"}]}}").formatted(ADMISSION_RULE), 200),
            op("POST", "/v1/admission/rule", "/v1/admission/rule", "{\"config\": {\"id\": 0, \"category\": "
                    + "\"Kubernetes\", \"cfg_type\": \"user_created\", \"rule_type\": \"deny\", \"containers\": "
                    + "[\"containers\"], \"criteria\": [{\"name\": \"astrology\", \"op\": \"=\", \"value\": \"x\"}]}}",
                    400),
            op("POST", "/v1/assess/admission/rule", "/v1/assess/admission/rule", "{\"apiVersion\": \"v1\", \"kind\":"
                    + " \"Pod\", \"metadata\": {\"name\": \"web\"}, \"spec\": {\"containers\": [{\"name\": \"web\","
                    + " \"image\": \"nginx\"}]}}", 200, r -> assertThat(r.at("/results/0/kind").asText()).isEqualTo("Pod")),
            op("POST", "/v1/assess/admission/rule", "/v1/assess/admission/rule", "{\"kind\": [", 400),
            op("POST", "/v1/file/admission", "/v1/file/admission", "{\"ids\": [%d], \"export_config\": true}"
                    .formatted(ADMISSION_RULE), 200, r -> {
                        assertThat(r.text()).contains("NvAdmissionControlSecurityRule");
                        admissionCrd.set(r.text());
                    }),
            op("POST", "/v1/file/admission", "/v1/file/admission?scope=fed", "{\"ids\": []}", 400),
            dynamicTest("POST /v1/file/admission/config -> 206", () -> call("POST", "/v1/file/admission/config",
                    "/v1/file/admission/config", admissionCrd.get(), 206)),
            op("DELETE", "/v1/admission/rule/{id}", "/v1/admission/rule/" + ADMISSION_RULE, null, 200),
            op("DELETE", "/v1/admission/rules", "/v1/admission/rules", null, 200))),
        dynamicContainer("eula", Stream.of(
            op("GET", "/v1/eula", "/v1/eula", null, 200),
            op("POST", "/v1/eula", "/v1/eula", "{\"eula\": {\"accepted\": true}}", 200),
            op("GET", "/v1/eula", "/v1/eula", null, 200, r -> assertThat(r.at("/eula/accepted").asBoolean()).isTrue()))),
        dynamicContainer("system config", Stream.of(
            op("GET", "/v1/system/config", "/v1/system/config", null, 200),
            op("PATCH", "/v1/system/config", "/v1/system/config", "{\"config\": {\"new_service_policy_mode\": "
                    + "\"Monitor\", \"syslog_ip\": \"10.0.0.5\", \"syslog_categories\": [\"event\"], "
                    + "\"registry_https_proxy\": {\"url\": \"https://proxy:3128\", \"username\": \"u\", \"password\": "
                    + "\"proxy-secret\"}}, \"atmo_config\": {\"mode_auto_d2m\": true, \"mode_auto_d2m_duration\": 7200}}",
                    200),
            op("GET", "/v1/system/config", "/v1/system/config", null, 200, r -> {
                assertThat(r.at("/config/new_service_policy_mode").asText()).isEqualTo("Monitor");
                assertThat(r.at("/config/mode_auto_d2m_duration").asInt()).isEqualTo(7200);
                assertThat(r.text()).doesNotContain("proxy-secret");
            }),
            op("PATCH", "/v1/system/config", "/v1/system/config", "{\"config\": {\"syslog_port\": 70000}}", 400),
            op("POST", "/v1/system/config/webhook", "/v1/system/config/webhook", "{\"config\": {\"name\": \"ops\","
                    + " \"url\": \"https://example.com/hook\", \"enable\": true, \"use_proxy\": false, \"type\": "
                    + "\"JSON\", \"cfg_type\": \"user_created\"}}", 200),
            op("PATCH", "/v1/system/config/webhook/{name}", "/v1/system/config/webhook/ops", "{\"config\": {\"name\":"
                    + " \"ops\", \"url\": \"https://example.com/hook2\", \"enable\": false, \"use_proxy\": false, "
                    + "\"type\": \"Slack\", \"cfg_type\": \"user_created\"}}", 200),
            op("DELETE", "/v1/system/config/webhook/{name}", "/v1/system/config/webhook/ops", null, 200),
            op("GET", "/v2/system/config", "/v2/system/config", null, 200),
            op("PATCH", "/v2/system/config", "/v2/system/config", "{\"config_v2\": {\"svc_cfg\": "
                    + "{\"new_service_policy_mode\": \"Protect\"}, \"misc_cfg\": {\"unused_group_aging\": 48}},"
                    + " \"net_config\": {\"strict_group_mode\": true}}", 200),
            op("GET", "/v2/system/config", "/v2/system/config", null, 200, r -> {
                assertThat(r.at("/config/new_svc/new_service_policy_mode").asText()).isEqualTo("Protect");
                assertThat(r.at("/config/misc/unused_group_aging").asInt()).isEqualTo(48);
                assertThat(r.at("/config/net_svc/strict_group_mode").asBoolean()).isTrue();
            }),
            op("PATCH", "/v2/system/config", "/v2/system/config", "{\"config_v2\": {\"svc_cfg\": "
                    + "{\"new_service_policy_mode\": \"Enforce\"}}}", 400),
            op("PATCH", "/v1/system/config", "/v1/system/config", "{\"config\": {\"new_service_policy_mode\": "
                    + "\"Enforce\"}}", 400))),
        dynamicContainer("runtime: containers, nodes, enforcers, controllers, services", runtime()),
        dynamicContainer("scanning", Stream.of(
            op("GET", "/v1/scan/scanner", "/v1/scan/scanner", null, 200,
                    r -> assertThat(r.at("/scanners").isArray()).isTrue()),
            op("GET", "/v1/scan/status", "/v1/scan/status", null, 200),
            // a scanner's answers are checked against the spec with a real scanner, in the scanner's LayerCacheIT
            op("GET", "/v1/scan/cache_stat/{id}", "/v1/scan/cache_stat/nobody", null, 404,
                    r -> assertThat(r.at("/code").asInt()).isEqualTo(7)),
            op("GET", "/v1/scan/cache_data/{id}", "/v1/scan/cache_data/nobody", null, 404,
                    r -> assertThat(r.at("/code").asInt()).isEqualTo(7)),
            op("PATCH", "/v1/scan/config", "/v1/scan/config", "{\"config\": {\"auto_scan\": true,"
                    + " \"enable_auto_scan_host\": false}}", 200),
            op("GET", "/v1/scan/config", "/v1/scan/config", null, 200, r -> {
                assertThat(r.at("/config/enable_auto_scan_workload").asBoolean()).isTrue();
                assertThat(r.at("/config/enable_auto_scan_host").asBoolean()).isFalse();
            }),
            op("GET", "/v1/scan/workload/{id}", "/v1/scan/workload/0123abcd", null, 200,
                    r -> assertThat(r.at("/report/vulnerabilities").isArray()).isTrue()),
            op("POST", "/v1/scan/workload/{id}", "/v1/scan/workload/0123abcd", null, 404),
            op("GET", "/v1/scan/host/{id}", "/v1/scan/host/0123abcd", null, 200),
            op("POST", "/v1/scan/host/{id}", "/v1/scan/host/0123abcd", null, 404),
            op("GET", "/v1/scan/image", "/v1/scan/image", null, 200, r -> assertThat(r.at("/images").isArray())
                    .isTrue()),
            op("GET", "/v1/scan/image/{id}", "/v1/scan/image/0123abcd", null, 404),
            op("POST", "/v1/scan/workloads/scan_report", "/v1/scan/workloads/scan_report", "{\"show_accepted\":"
                    + " true, \"max_cve_records\": 10, \"filters\": [{\"name\": \"domain\", \"op\": \"in\","
                    + " \"value\": [\"shop\"]}]}", 200, r -> {
                assertThat(r.at("/scan_data").isArray()).isTrue();
                assertThat(r.at("/cursor/cve_name").asText()).isEmpty();
            }),
            op("POST", "/v1/scan/hosts/scan_report", "/v1/scan/hosts/scan_report", "{\"vul_score_filter\":"
                    + " {\"score_version\": \"v3\", \"score_bottom\": 7, \"score_top\": 11}}", 400),
            op("POST", "/v1/scan/hosts/scan_report", "/v1/scan/hosts/scan_report", "{\"severity_filter\":"
                    + " \"High\", \"cursor\": {\"name\": \"node-a\"}}", 200,
                    r -> assertThat(r.at("/scan_data").isArray()).isTrue()),
            op("GET", "/v1/scan/platform", "/v1/scan/platform", null, 404),
            op("POST", "/v1/scan/platform/platform", "/v1/scan/platform/platform", null, 400),
            op("GET", "/v1/scan/platform/platform", "/v1/scan/platform/platform", null, 404),
            op("POST", "/v1/scan/repository", "/v1/scan/repository", "{\"request\": {\"metadata\": {\"source\":"
                    + " \"jenkins\", \"user\": \"ci\", \"job\": \"build\", \"workspace\": \"/w\", \"function\":"
                    + " \"\", \"region\": \"\"}, \"registry\": \"https://registry.example.com/\", \"repository\":"
                    + " \"\", \"tag\": \"1\", \"scan_layers\": false, \"base_image\": \"\"}}", 400))),
        dynamicContainer("security risk score", Stream.of(
            op("GET", "/v1/system/score/metrics", "/v1/system/score/metrics", null, 200, r -> {
                conforms(r.at("/metrics"), "RESTRiskScoreMetrics");
                conforms(r.at("/security_scores"), "RESTSecurityScores");
                assertThat(r.at("/ingress").isArray() && r.at("/egress").isArray()).isTrue();
                assertThat(r.at("/metrics/workloads/running_pods").asInt()).isEqualTo(1);
                assertThat(r.at("/metrics/hosts").asInt()).isEqualTo(1);
            }),
            // NeuVector leaves its what-if out of the spec ("skip API document"): checked against the parts' schemas
            dynamicTest("POST /v1/system/score/metrics -> 200", () -> {
                JsonNode now = c.as(admin, "GET", "/v1/system/score/metrics", null).at("/metrics");
                Reply r = c.as(admin, "POST", "/v1/system/score/metrics", "{\"metrics\": %s}".formatted(now));
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                conforms(r.at("/metrics"), "RESTRiskScoreMetrics");
                conforms(r.at("/security_scores"), "RESTSecurityScores");
                assertThat(r.at("/metrics")).isEqualTo(now);
            }),
            dynamicTest("POST /v1/system/score/metrics -> 400", () -> {
                Reply r = c.as(admin, "POST", "/v1/system/score/metrics", "{}");
                assertThat(r.status()).as(r.text()).isEqualTo(400);
                conforms(r.body(), "RESTError");
            }))),
        dynamicContainer("the network graph, which the spec leaves out (NeuVector's \"skip API document\")",
                conversations()),
        dynamicContainer("logs, summary and backups", Stream.of(
            op("GET", "/v1/log/security", "/v1/log/security", null, 200),
            op("GET", "/v1/system/alerts", "/v1/system/alerts", null, 200),
            op("GET", "/v1/log/event", "/v1/log/event", null, 200),
            op("GET", "/v1/log/activity", "/v1/log/activity", null, 200),
            op("GET", "/v1/log/audit", "/v1/log/audit", null, 200),
            op("GET", "/v1/log/threat", "/v1/log/threat", null, 200),
            dynamicTest("the node reports a connection to the outside that no rule allows", () -> node.get()
                    .connections(new Connection("aa01", false, TestNode.workload("aa01", "web-1", "shop", "web", true)
                            .interfaces().get("eth0").getFirst().ip(), "93.184.216.34", 443, 6, "SSL",
                            "www.example.com", "open", 0, 1, 10, 1_767_261_600L, 1_767_261_600L))),
            op("GET", "/v1/log/violation", "/v1/log/violation", null, 200,
                    r -> assertThat(r.at("/violations/0/server_id").asText()).isEqualTo("external")),
            op("GET", "/v1/log/violation/workload", "/v1/log/violation/workload?s_client=desc", null, 200,
                    r -> assertThat(r.at("/violation_workloads/0/workload/id").asText()).isEqualTo("aa01")),
            op("GET", "/v1/log/incident", "/v1/log/incident", null, 200),
            op("GET", "/v1/system/summary", "/v1/system/summary", null, 200),
            op("GET", "/v1/file/config", "/v1/file/config?raw=true&section=user", null, 200,
                    r -> assertThat(r.text()).isNotEmpty()),
            dynamicTest("POST /v1/file/config -> 206", () -> checkResponse("POST", "/v1/file/config",
                    c.upload(admin, "/v1/file/config", "configuration",
                            c.download(admin, "/v1/file/config?raw=true&section=user")), 206)),
            op("DELETE", "/v1/user/{fullname}", "/v1/user/rita", null, 200),
            op("DELETE", "/v1/auth", "/v1/auth", null, 200))),
        dynamicTest("every served operation that the spec lists is checked here", () -> {
            List<String> inSpec = c.controller().endpoints().stream().filter(e -> {
                String[] m = e.split(" ", 2);
                return !spec.path("paths").path(m[1]).path(m[0].toLowerCase(java.util.Locale.ROOT))
                        .isMissingNode();
            }).toList();
            assertThat(checked).hasSizeGreaterThan(35).containsAll(inSpec);
        }));
    }

    /**
     * The conversation routes, checked against the spec's parts: {@code RESTConversationReportEntry} for each
     * entry, {@code RESTWorkloadBrief} for a container's endpoint; and the deletes.
     */
    private static Stream<DynamicNode> conversations() {
        return Stream.of(
            dynamicTest("the node reports a connection from its own address to the outside", () -> node.get()
                    .connections(new Connection("", false, "10.0.0.7", "93.184.216.34", 443, 6, "", "", "open", 0, 1,
                            10, 1, 1))),
            dynamicTest("GET /v1/conversation -> 200", () -> {
                Reply r = c.as(admin, "GET", "/v1/conversation", null);
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.at("/conversations")).isNotEmpty();
                r.at("/conversations").forEach(conv -> conv.path("entries").forEach(e ->
                        conforms(e, "RESTConversationReportEntry")));
                r.at("/endpoints").forEach(e -> {
                    if (e.path("kind").asText().equals("container")) {
                        conforms(e, "RESTWorkloadBrief");
                    }
                });
            }),
            dynamicTest("GET /v1/conversation?verbose -> 200", () -> assertThat(c.as(admin, "GET",
                    "/v1/conversation?verbose=1", null).at("/conversations/0/from/id").isTextual()).isTrue()),
            dynamicTest("GET /v1/conversation_endpoint -> 200", () -> assertThat(c.as(admin, "GET",
                    "/v1/conversation_endpoint", null).at("/endpoints")).isNotEmpty()),
            dynamicTest("GET /v1/conversation/{from}/{to} -> 200", () -> assertThat(c.as(admin, "GET",
                    "/v1/conversation/Host:node-1:machine-1/external", null).at("/conversation/entries/0/port")
                    .asText()).isEqualTo("tcp/443")),
            dynamicTest("PATCH /v1/conversation_endpoint/{id} -> 200", () -> assertThat(c.as(admin, "PATCH",
                    "/v1/conversation_endpoint/Host:node-1:machine-1", "{\"config\": {\"id\": "
                    + "\"Host:node-1:machine-1\", \"display_name\": \"gateway\"}}").status()).isEqualTo(200)),
            dynamicTest("DELETE /v1/conversation/{from}/{to} -> 200", () -> assertThat(c.as(admin, "DELETE",
                    "/v1/conversation/Host:node-1:machine-1/external", null).status()).isEqualTo(200)),
            dynamicTest("DELETE /v1/conversation_endpoint/{id} -> 400", () -> assertThat(c.as(admin, "DELETE",
                    "/v1/conversation_endpoint/external", null).status()).isEqualTo(400)),
            dynamicTest("DELETE /v1/conversation_endpoint/{id} -> 404", () -> assertThat(c.as(admin, "DELETE",
                    "/v1/conversation_endpoint/Host:node-1:machine-1", null).status()).isEqualTo(404)),
            dynamicTest("DELETE /v1/conversation -> 200", () -> {
                assertThat(c.as(admin, "DELETE", "/v1/conversation", null).status()).isEqualTo(200);
                assertThat(c.as(admin, "GET", "/v1/conversation", null).at("/conversations")).isEmpty();
            }));
    }

    private static Stream<DynamicNode> sensors() {
        return Stream.of("dlp", "waf").map(kind -> dynamicContainer(kind + " sensors", Stream.of(
                op("GET", "/v1/" + kind + "/sensor", "/v1/" + kind + "/sensor", null, 200),
                op("POST", "/v1/" + kind + "/sensor", "/v1/" + kind + "/sensor", "{\"config\": {\"name\": \"secrets\","
                    + " \"comment\": \"api keys\", \"rules\": [{\"name\": \"aws\", \"id\": 0, \"cfg_type\": "
                    + "\"user_created\", \"patterns\": [{\"key\": \"pattern\", \"op\": \"regex\", \"value\": "
                    + "\"AKIA[0-9A-Z]{16}\"}]}]}}", 200),
                op("GET", "/v1/" + kind + "/rule", "/v1/" + kind + "/rule", null, 200),
                op("GET", "/v1/" + kind + "/rule/{name}", "/v1/" + kind + "/rule/aws", null, 200),
                op("GET", "/v1/" + kind + "/sensor/{name}", "/v1/" + kind + "/sensor/secrets", null, 200),
                op("PATCH", "/v1/" + kind + "/sensor/{name}", "/v1/" + kind + "/sensor/secrets", "{\"config\": "
                    + "{\"name\": \"secrets\", \"comment\": \"cloud keys\"}}", 200),
                op("PATCH", "/v1/" + kind + "/group/{name}", "/v1/" + kind + "/group/web", "{\"config\": {\"name\": "
                    + "\"web\", \"status\": true, \"replace\": [{\"name\": \"secrets\", \"action\": \"deny\"}]}}",
                    200),
                op("GET", "/v1/" + kind + "/group", "/v1/" + kind + "/group", null, 200),
                op("GET", "/v1/" + kind + "/group/{name}", "/v1/" + kind + "/group/web", null, 200),
                op("DELETE", "/v1/" + kind + "/sensor/{name}", "/v1/" + kind + "/sensor/secrets", null, 409),
                op("POST", "/v1/" + kind + "/sensor", "/v1/" + kind + "/sensor", "{\"config\": {\"name\": \"bad\","
                    + " \"rules\": [{\"name\": \"r\", \"id\": 0, \"cfg_type\": \"user_created\", \"patterns\": "
                    + "[{\"key\": \"pattern\", \"op\": \"regex\", \"value\": \"(\"}]}]}}", 400))));
    }

    /** The runtime operations, over the containers of a node that joins over the real link first. */
    private static Stream<DynamicNode> runtime() {
        Supplier<String> enforcer = () -> "/v1/enforcer/" + node.get().id();
        Supplier<String> controller = () -> "/v1/controller/" + controllerId.get();
        return Stream.of(
            dynamicTest("a node joins and reports its containers", () -> {
                node.set(TestNode.join(c, admin, "node-1"));
                node.get().report(true, TestNode.workload("aa01", "web-1", "shop", "web", true),
                        TestNode.workload("aa02", "web-0", "shop", "web", false));
                ProcessEntry nginx = new ProcessEntry("nginx", 1, 0, "root", 0, "nginx -g daemon off;",
                        "/usr/sbin/nginx", 1_700_000_000L, 0, "allow");
                node.get().answer("process", "aa01", List.of(nginx));
                node.get().answer("process_history", "aa01", List.of(nginx));
            }),
            op("GET", "/v1/workload", "/v1/workload?brief=False&start=0&limit=40", null, 200,
                    r -> assertThat(r.at("/workloads")).hasSize(2)),
            dynamicTest("GET /v1/workload?brief=True lists RESTWorkloadBrief items", () -> {
                // the spec gives one schema for both forms; NeuVector's brief list is RESTWorkloadBrief's
                Reply r = checkResponse("GET", "/v1/workload", c.as(admin, "GET", "/v1/workload?brief=True", null),
                        200, "RESTWorkloadsData", false);
                r.at("/workloads").forEach(w -> assertThat(schema("RESTWorkloadBrief").validate(w)).isEmpty());
            }),
            op("GET", "/v2/workload", "/v2/workload?view=pod", null, 200),
            op("POST", "/v2/workload", "/v2/workload", "{\"ids\": [\"aa01\"]}", 200,
                    r -> assertThat(r.at("/workloads")).hasSize(1)),
            op("GET", "/v1/workload/{id}", "/v1/workload/aa01", null, 200),
            op("GET", "/v1/workload/{id}", "/v1/workload/nope", null, 404,
                    r -> assertThat(r.at("/code").asInt()).isEqualTo(7)),
            op("GET", "/v2/workload/{id}", "/v2/workload/aa01", null, 200),
            op("PATCH", "/v1/workload/{id}", "/v1/workload/aa01", "{\"config\": {\"wire\": \"default\", "
                    + "\"quarantine\": false}}", 200),
            op("GET", "/v1/workload/{id}/config", "/v1/workload/aa01/config", null, 200),
            op("GET", "/v1/workload/{id}/stats", "/v1/workload/aa01/stats", null, 200),
            op("GET", "/v1/workload/{id}/process", "/v1/workload/aa01/process", null, 200,
                    r -> assertThat(r.at("/processes/0/name").asText()).isEqualTo("nginx")),
            op("GET", "/v1/workload/{id}/process", "/v1/workload/aa02/process", null, 400),
            op("GET", "/v1/workload/{id}/process_history", "/v1/workload/aa01/process_history", null, 200,
                    r -> assertThat(schema("RESTProcessList").validate(r.body())).isEmpty()),
            op("GET", "/v1/host", "/v1/host", null, 200, r -> assertThat(r.at("/hosts")).hasSize(1)),
            op("GET", "/v1/host/{id}", "/v1/host/node-1:machine-1", null, 200),
            op("GET", "/v1/enforcer", "/v1/enforcer", null, 200, r -> assertThat(r.at("/enforcers")).hasSize(1)),
            op("GET", "/v1/enforcer/{id}", enforcer, null, 200),
            op("GET", "/v1/enforcer/{id}/config", () -> enforcer.get() + "/config", null, 200),
            op("GET", "/v1/enforcer/{id}/stats", () -> enforcer.get() + "/stats", null, 200),
            op("PATCH", "/v1/enforcer/{id}", enforcer, "{\"config\": {\"debug\": [\"cpath\"]}}", 400),
            op("GET", "/v1/controller", () -> "/v1/controller", null, 200, r -> {
                assertThat(r.at("/controllers")).hasSize(1);
                assertThat(schema("RESTController").validate(r.at("/controllers/0"))).isEmpty();
                controllerId.set(r.at("/controllers/0/id").asText());
            }),
            op("GET", "/v1/controller/{id}", controller, null, 200),
            op("GET", "/v1/controller/{id}/config", () -> controller.get() + "/config", null, 200),
            op("GET", "/v1/controller/{id}/stats", () -> controller.get() + "/stats", null, 200),
            op("GET", "/v1/service", "/v1/service?with_cap=True", null, 200,
                    r -> assertThat(r.at("/services/0/name").asText()).isEqualTo("web.shop")),
            op("POST", "/v1/service", "/v1/service", "{\"config\": {\"name\": \"pay\", \"domain\": \"shop\", "
                    + "\"comment\": \"payments\", \"policy_mode\": \"Monitor\", \"baseline_profile\": \"basic\", "
                    + "\"not_scored\": false}}", 200),
            op("POST", "/v1/service", "/v1/service", "{\"config\": {\"name\": \"pay\", \"domain\": \"shop\", "
                    + "\"comment\": \"\"}}", 400, r -> assertThat(r.at("/code").asInt()).isEqualTo(13)),
            op("GET", "/v1/service/{name}", "/v1/service/pay.shop", null, 200,
                    r -> assertThat(r.at("/service/policy_mode").asText()).isEqualTo("Monitor")),
            op("GET", "/v1/service/{name}", "/v1/service/nope", null, 404),
            op("PATCH", "/v1/service/config", "/v1/service/config", "{\"config\": {\"services\": [\"web.shop\"], "
                    + "\"policy_mode\": \"Protect\", \"baseline_profile\": \"zero-drift\", \"not_scored\": false}}",
                    200),
            dynamicTest("the node is pushed the service's new mode", () -> node.get().awaitPolicy(
                    p -> TestNode.mode(p, "nv.web.shop").equals(java.util.Optional.of("Protect")))),
            op("PATCH", "/v1/service/config", "/v1/service/config", "{\"config\": {\"services\": [\"nope\"], "
                    + "\"policy_mode\": \"Protect\"}}", 404),
            op("PATCH", "/v1/service/config/network", "/v1/service/config/network", "{\"config\": {\"services\": "
                    + "[\"web.shop\", \"pay.shop\"], \"policy_mode\": \"Monitor\"}}", 200),
            op("PATCH", "/v1/service/config/profile", "/v1/service/config/profile", "{\"config\": {\"services\": "
                    + "[\"web.shop\"], \"baseline_profile\": \"basic\"}}", 200),
            op("PATCH", "/v1/service/config/profile", "/v1/service/config/profile", "{\"config\": {\"services\": "
                    + "[\"web.shop\"], \"baseline_profile\": \"strict\"}}", 400));
    }

    /** {@link #op} for a path known only when the test runs (an id the controller chose). */
    private static DynamicTest op(String method, String specPath, Supplier<String> path, String body, int status,
            Consumer<Reply> check) {
        return dynamicTest("%s %s -> %d".formatted(method, specPath, status), () -> check.accept(call(method,
                specPath, path.get(), body, status)));
    }

    private static DynamicTest op(String method, String specPath, Supplier<String> path, String body, int status) {
        return op(method, specPath, path, body, status, r -> { });
    }

    private static DynamicTest op(String method, String specPath, String path, String body, int status) {
        return op(method, specPath, path, body, status, r -> { });
    }

    /** A test of one call: request and response checked against the spec, then the reply against {@code check}. */
    private static DynamicTest op(String method, String specPath, String path, String body, int status,
            Consumer<Reply> check) {
        return dynamicTest("%s %s -> %d".formatted(method, path, status), () -> check.accept(call(method, specPath,
                path, body, status)));
    }
}
