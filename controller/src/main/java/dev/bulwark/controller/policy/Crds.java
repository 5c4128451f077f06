package dev.bulwark.controller.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups with their network and process rules as NeuVector's CRD YAML: exported as {@code NvSecurityRule}
 * (namespaced groups) or {@code NvClusterSecurityRule} items, each with the target group's selector, its ingress
 * and egress rules (the peer's selector) and process rules; imported by checking every item first, then creating
 * or updating the groups and adding the rules not already present, in one transaction. A bad file changes
 * nothing.
 */
public final class Crds {

    static final int MAX_BYTES = 16 << 20;
    private static final ObjectMapper YAML = Json.yaml();

    private final Policy policy;
    private final Records records;
    private final InstantSource clock;

    public Crds(Policy policy, Records records, InstantSource clock) {
        this.policy = policy;
        this.records = records;
        this.clock = clock;
    }

    /** The named groups as a YAML {@code List}; {@code policyMode} sets each target's mode when given. */
    public String export(List<String> groups, String policyMode) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (String name : groups) {
            Group g = policy.group(name).orElseThrow(() -> ApiException.notFound("Group " + name));
            items.add(item(g, policyMode));
        }
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", "v1");
        list.set("items", items);
        list.put("kind", "List");
        list.putNull("metadata");
        try {
            return YAML.writeValueAsString(list);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private ObjectNode item(Group g, String mode) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("apiVersion", "neuvector.com/v1");
        boolean namespaced = !g.domain().isEmpty();
        item.put("kind", namespaced ? "NvSecurityRule" : "NvClusterSecurityRule");
        ObjectNode metadata = item.putObject("metadata");
        metadata.put("name", g.name());
        if (namespaced) {
            metadata.put("namespace", g.domain());
        }
        ObjectNode spec = item.putObject("spec");
        ObjectNode target = spec.putObject("target");
        if (mode != null && !mode.isEmpty()) {
            target.put("policymode", mode);
        }
        target.set("selector", selector(g));
        ArrayNode ingress = spec.putArray("ingress");
        ArrayNode egress = spec.putArray("egress");
        for (Rule r : policy.orderedRules()) {
            if (r.to().equals(g.name())) {
                ingress.add(ruleNode(r, r.from()));
            }
            if (r.from().equals(g.name())) {
                egress.add(ruleNode(r, r.to()));
            }
        }
        ArrayNode process = spec.putArray("process");
        records.find(ProcessProfile.KIND, g.name())
                .ifPresent(p -> p.processList().forEach(e -> process.addObject().put("action", e.action())
                        .put("name", e.name()).put("path", e.path())));
        spec.putArray("file");
        return item;
    }

    private ObjectNode selector(Group g) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("name", g.name());
        s.put("comment", g.comment());
        ArrayNode criteria = s.putArray("criteria");
        g.criteria().forEach(c -> criteria.addObject().put("key", c.key()).put("op", c.op()).put("value", c.value()));
        return s;
    }

    private ObjectNode ruleNode(Rule r, String peer) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("action", r.action());
        ArrayNode apps = n.putArray("applications");
        r.applications().forEach(apps::add);
        n.put("name", "rule-" + r.id());
        n.put("ports", r.ports());
        n.put("priority", r.priority());
        policy.group(peer).ifPresent(g -> n.set("selector", selector(g)));
        return n;
    }

    /** Checks and applies a YAML file; returns what changed. */
    public String apply(byte[] body) {
        if (body.length == 0 || body.length > MAX_BYTES) {
            throw new ApiException(400, ApiError.FAIL_IMPORT, "The file is empty or larger than %d bytes"
                    .formatted(MAX_BYTES));
        }
        JsonNode doc;
        try {
            doc = YAML.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, ApiError.FAIL_IMPORT, "Not YAML: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        JsonNode items = doc == null ? null : doc.path("items");
        if (items == null || !items.isArray()) {
            throw new ApiException(400, ApiError.FAIL_IMPORT, "Expected a List with items");
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        List<JsonNode> ruleNodes = new ArrayList<>();
        for (JsonNode item : items) {
            String kind = item.path("kind").asText();
            if (!kind.equals("NvSecurityRule") && !kind.equals("NvClusterSecurityRule")) {
                throw new ApiException(400, ApiError.FAIL_IMPORT, "Unsupported kind '%s'".formatted(kind));
            }
            JsonNode spec = item.path("spec");
            String target = addGroup(spec.path("target").path("selector"), groups);
            for (JsonNode r : spec.path("ingress")) {
                edges.add(new String[] {addGroup(r.path("selector"), groups), target});
                ruleNodes.add(r);
            }
            for (JsonNode r : spec.path("egress")) {
                edges.add(new String[] {target, addGroup(r.path("selector"), groups)});
                ruleNodes.add(r);
            }
        }
        Policy.Order order = policy.order();
        List<Integer> ids = new ArrayList<>(order.ids());
        int next = ids.stream().filter(i -> i <= Rule.MAX_USER_ID).mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<Rule> added = new ArrayList<>();
        long now = clock.instant().getEpochSecond();
        java.util.Set<String> existing = new java.util.HashSet<>();
        policy.orderedRules().forEach(r -> existing.add(signature(r.from(), r.to(), r.ports(), r.action(),
                r.applications())));
        for (int i = 0; i < edges.size(); i++) {
            if (next > Rule.MAX_USER_ID) {
                throw new ApiException(400, ApiError.FAIL_IMPORT, "No rule ids left");
            }
            JsonNode r = ruleNodes.get(i);
            List<String> apps = new ArrayList<>();
            r.path("applications").forEach(a -> apps.add(a.asText()));
            Rule rule = new Rule(next, r.path("name").asText(""), edges.get(i)[0], edges.get(i)[1],
                    r.path("ports").asText("any"), r.path("action").asText("allow"), apps, false, false, now, now,
                    "user_created", r.path("priority").asInt(0), 0, 0);
            if (!rule.action().equals("allow") && !rule.action().equals("deny")) {
                throw new ApiException(400, ApiError.FAIL_IMPORT, "Rule actions are allow or deny");
            }
            try {
                Ports.check(rule.ports());
            } catch (ApiException e) {
                throw new ApiException(400, ApiError.FAIL_IMPORT, e.getMessage());
            }
            if (!existing.add(signature(rule.from(), rule.to(), rule.ports(), rule.action(), rule.applications()))) {
                continue;
            }
            added.add(rule);
            ids.add(next++);
        }
        policy.changeRules(order, ids, List.copyOf(groups.values()), added, List.of());
        return "imported %d groups and %d new rules".formatted(groups.size(), ids.size() - order.ids().size());
    }

    /** What makes two rules the same for an import: a file applied twice adds its rules once. */
    private static String signature(String from, String to, String ports, String action, List<String> apps) {
        return String.join("\u0000", from, to, ports, action, String.join(",", apps));
    }

    /** Reads a selector into a group to create or update; reserved groups are referred to, not changed. */
    private String addGroup(JsonNode selector, Map<String, Group> groups) {
        String name = selector.path("name").asText("");
        if (name.isEmpty()) {
            throw new ApiException(400, ApiError.FAIL_IMPORT, "A selector has no name");
        }
        if (policy.group(name).map(Group::reserved).orElse(false) || groups.containsKey(name)) {
            return name;
        }
        List<Criterion> criteria = new ArrayList<>();
        for (JsonNode c : selector.path("criteria")) {
            criteria.add(new Criterion(c.path("key").asText(null), c.path("value").asText(null), c.path("op")
                    .asText(null)));
        }
        if (!Group.NAME.matcher(name).matches() || criteria.isEmpty()) {
            throw new ApiException(400, ApiError.FAIL_IMPORT, "Group '%s' needs a valid name and criteria"
                    .formatted(name));
        }
        try {
            Criterion.validate(criteria);
        } catch (ApiException e) {
            throw new ApiException(400, ApiError.FAIL_IMPORT, "Group '%s': %s".formatted(name, e.getMessage()));
        }
        groups.put(name, Group.custom(name, selector.path("comment").asText(""), criteria,
                policy.group(name).map(Group::metrics).orElse(null)));
        return name;
    }
}
