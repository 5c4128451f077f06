package dev.bulwark.controller.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.admission.AdmissionRules.Criterion;
import dev.bulwark.controller.admission.AdmissionRules.Rule;
import dev.bulwark.controller.admission.AdmissionRules.State;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Admission control as NeuVector's CRD YAML, {@code NvAdmissionControlSecurityRule} named {@code local}: the state
 * ({@code spec.config}: enable, mode, client_mode) and rules ({@code spec.rules}: action allow or deny, criteria,
 * comment, disabled, rule_mode, containers), as {@code POST /v1/file/admission} exports and
 * {@code POST /v1/file/admission/config} imports it. An import replaces every rule and, when the file has one, the
 * state, in one transaction; a file with any bad part changes nothing.
 */
final class AdmissionCrd {

    static final String API_VERSION = "neuvector.com/v1";
    static final String KIND = "NvAdmissionControlSecurityRule";
    private static final ObjectMapper YAML = Json.yaml();
    /** The API's mapper, so that criteria read and show as {@code /v1/admission/rule} has them. */
    private static final ObjectMapper JSON = Bodies.JSON;

    private AdmissionCrd() {}

    /** The rules of {@code ids} (each once, in the order given) and, with {@code config}, the state, as YAML. */
    static String export(AdmissionRules admission, List<Integer> ids, boolean config) {
        ObjectNode crd = JsonNodeFactory.instance.objectNode();
        crd.put("apiVersion", API_VERSION);
        crd.put("kind", KIND);
        crd.putObject("metadata").put("name", "local");
        ObjectNode spec = crd.putObject("spec");
        if (config) {
            State s = admission.state();
            spec.putObject("config").put("enable", Boolean.TRUE.equals(s.enable())).put("mode", s.mode())
                    .put("client_mode", s.admClientMode());
        }
        Set<Integer> unique = new LinkedHashSet<>(ids);
        if (!unique.isEmpty()) {
            ArrayNode rules = spec.putArray("rules");
            unique.forEach(id -> rules.add(item(admission.get(id))));
        }
        try {
            return YAML.writeValueAsString(crd);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode item(Rule r) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        boolean deny = r.ruleType().equals("deny");
        item.put("action", deny ? "deny" : "allow");
        if (deny) {
            item.put("rule_mode", r.ruleMode());
        }
        if (!r.comment().isEmpty()) {
            item.put("comment", r.comment());
        }
        item.put("disabled", Boolean.TRUE.equals(r.disable()));
        item.set("containers", JSON.valueToTree(r.containers()));
        item.set("criteria", JSON.valueToTree(r.criteria()));
        return item;
    }

    /** Imports a file; returns what it changed, in one line. */
    static String apply(AdmissionRules admission, byte[] text) {
        List<JsonNode> docs = YamlDocuments.read(text);
        if (docs.size() != 1 || !docs.getFirst().path("apiVersion").asText().equals(API_VERSION)
                || !docs.getFirst().path("kind").asText().equals(KIND)) {
            throw ApiException.badRequest("The file is not one %s of %s".formatted(KIND, API_VERSION));
        }
        JsonNode spec = docs.getFirst().path("spec");
        Optional<State> state = Optional.empty();
        if (spec.path("config").isObject()) {
            JsonNode c = spec.path("config");
            state = Optional.of(new State(c.path("enable").isBoolean() ? c.path("enable").asBoolean() : null,
                    text(c, "mode"), null, text(c, "client_mode"), null, null, null, null));
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode item : spec.path("rules")) {
            rules.add(rule(item, rules.size() + 1));
        }
        admission.replace(state, rules);
        return "Imported %d admission control rules%s".formatted(rules.size(), state.isPresent()
                ? " and the admission control settings" : "");
    }

    private static Rule rule(JsonNode item, int n) {
        String action = item.path("action").asText();
        if (!Set.of("allow", "deny").contains(action)) {
            throw ApiException.badRequest("Rule %d: action is allow or deny".formatted(n));
        }
        try {
            List<Criterion> criteria = new ArrayList<>();
            for (JsonNode c : item.path("criteria")) {
                criteria.add(JSON.treeToValue(c, Criterion.class));
            }
            List<String> containers = new ArrayList<>();
            item.path("containers").forEach(c -> containers.add(c.asText()));
            return new Rule(null, "Kubernetes", text(item, "comment"), criteria, item.path("disabled").asBoolean(),
                    false, null, action.equals("allow") ? "exception" : "deny", text(item, "rule_mode"), containers,
                    null);
        } catch (IOException e) {
            throw ApiException.badRequest("Rule %d: its criteria do not read".formatted(n));
        }
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }
}
