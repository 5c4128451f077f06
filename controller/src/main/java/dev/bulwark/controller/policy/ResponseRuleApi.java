package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.PathParams;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Section;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code /v1/response/rule}: what to do when an event, security event, CVE report, compliance result or admission
 * decision matches: quarantine the group's containers, call webhooks, or suppress the log. The list is kept as
 * one ordered record under compare-and-swap; {@code /v1/response/options} tells which conditions and actions each
 * event type takes.
 */
public final class ResponseRuleApi implements Consumer<Routes> {

    public static final Kind<ResponseRule[]> KIND = Kind.single("response", "rules", ResponseRule[].class,
            "Response rules", Section.POLICY);
    static final int MAX_RULES = 10_000;
    /** Per event type: the condition types and actions it accepts. */
    static final Map<String, List<List<String>>> OPTIONS = new LinkedHashMap<>();

    static {
        List<String> notify = List.of("webhook", "suppress-log");
        List<String> all = List.of("quarantine", "webhook", "suppress-log");
        OPTIONS.put("event", List.of(List.of("name", "level"), notify));
        OPTIONS.put("security-event", List.of(List.of("name", "level"), all));
        OPTIONS.put("cve-report", List.of(List.of("name", "level", "cve-critical", "cve-high", "cve-medium",
                "cve-high-with-fix", "cve-critical-with-fix"), all));
        OPTIONS.put("compliance", List.of(List.of("name", "level", "number"), all));
        OPTIONS.put("admission-control", List.of(List.of("name", "level"), notify));
    }

    private final Records records;
    private final Policy policy;
    private final Supplier<List<String>> webhookNames;

    /** @param webhookNames the webhooks configured in the system settings, offered in the options */
    public ResponseRuleApi(Records records, Policy policy, Supplier<List<String>> webhookNames) {
        this.records = records;
        this.policy = policy;
        this.webhookNames = webhookNames;
    }

    /** {@code RESTCLUSEventCondition}. */
    public record Condition(String type, String value) {}

    /** {@code RESTResponseRule}. */
    public record ResponseRule(Integer id, String event, String comment, String group, List<Condition> conditions,
            List<String> actions, List<String> webhooks, Boolean disable, String cfgType) {}

    record Insert(Integer after, List<ResponseRule> rules) {}

    record ActionData(Insert insert) {}

    record ConfigData(ResponseRule config) {}

    @Override
    public void accept(Routes routes) {
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/response/rule", perm, ctx -> ctx.json(Map.of("rules", ListQuery.of(ctx).apply(rules(),
                Bodies.JSON::valueToTree))));
        routes.get("/v1/response/rule/{id}", perm, ctx -> ctx.json(Map.of("rule", find(ctx))));
        routes.get("/v1/response/options", perm, ctx -> {
            Map<String, Object> types = new LinkedHashMap<>();
            OPTIONS.forEach((event, o) -> types.put(event, Map.of("types", o.get(0), "actions", o.get(1))));
            ctx.json(Map.of("response_rule_options", types, "webhooks", webhookNames.get()));
        });
        routes.patch("/v1/response/rule", perm, this::insert);
        routes.patch("/v1/response/rule/{id}", perm, this::update);
        routes.delete("/v1/response/rule/{id}", perm, ctx -> {
            Access.require(ctx, perm, true, "");
            int id = find(ctx).id();
            edit(list -> list.removeIf(r -> r.id() == id));
            ctx.json(Map.of());
        });
        routes.delete("/v1/response/rule", perm, ctx -> {
            Access.require(ctx, perm, true, "");
            edit(List::clear);
            ctx.json(Map.of());
        });
    }

    private List<ResponseRule> rules() {
        return records.find(KIND).map(List::of).orElse(List.of());
    }

    private ResponseRule find(Context ctx) {
        int id = PathParams.integer(ctx, "id");
        return rules().stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("Response rule"));
    }

    private interface Edit {
        void apply(List<ResponseRule> rules);
    }

    private void edit(Edit edit) {
        records.upsert(KIND, stored -> {
            List<ResponseRule> list = new ArrayList<>(stored.map(List::of).orElse(List.of()));
            edit.apply(list);
            if (list.size() > MAX_RULES) {
                throw ApiException.badRequest("At most %d response rules".formatted(MAX_RULES));
            }
            return list.toArray(ResponseRule[]::new);
        });
    }

    private ResponseRule checked(ResponseRule r, int id) {
        List<List<String>> options = r.event() == null ? null : OPTIONS.get(r.event());
        if (options == null) {
            throw ApiException.badRequest("event is one of " + OPTIONS.keySet());
        }
        List<Condition> conditions = r.conditions() == null ? List.of() : r.conditions();
        for (Condition c : conditions) {
            if (c == null || c.type() == null || !options.get(0).contains(c.type()) || c.value() == null
                    || c.value().isBlank() || c.value().length() > 256) {
                throw ApiException.badRequest("%s conditions are %s with a value".formatted(r.event(), options.get(0)));
            }
        }
        List<String> actions = r.actions() == null ? List.of() : r.actions();
        if (actions.isEmpty() || !options.get(1).containsAll(actions) || new HashSet<>(actions).size() != actions.size()) {
            throw ApiException.badRequest("%s actions are %s".formatted(r.event(), options.get(1)));
        }
        String group = r.group() == null ? "" : r.group();
        if (!group.isEmpty() && policy.group(group).isEmpty()) {
            throw ApiException.badRequest("Group '%s' does not exist".formatted(group));
        }
        if (actions.contains("quarantine") && group.isEmpty()) {
            throw ApiException.badRequest("quarantine needs a group");
        }
        List<String> webhooks = r.webhooks() == null ? List.of() : r.webhooks();
        if (actions.contains("webhook") == webhooks.isEmpty()) {
            throw ApiException.badRequest("the webhook action names webhooks, and only it does");
        }
        return new ResponseRule(id, r.event(), r.comment() == null ? "" : r.comment(), group, conditions, actions,
                webhooks, Boolean.TRUE.equals(r.disable()), "user_created");
    }

    private void insert(Context ctx) {
        Access.require(ctx, Permissions.RT_POLICY, true, "");
        Insert in = Bodies.read(ctx, ActionData.class).insert();
        if (in == null || in.rules() == null) {
            throw ApiException.badRequest("'insert' with rules is required");
        }
        edit(list -> {
            Set<Integer> taken = new HashSet<>(list.stream().map(ResponseRule::id).toList());
            int next = taken.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            List<ResponseRule> added = new ArrayList<>();
            for (ResponseRule r : in.rules()) {
                int id = r.id() == null || r.id() == 0 ? next++ : r.id();
                if (id < 1 || !taken.add(id)) {
                    throw ApiException.duplicate("Response rule " + id);
                }
                next = Math.max(next, id + 1);
                added.add(checked(r, id));
            }
            int at = InsertPosition.of(list.stream().map(ResponseRule::id).toList(), in.after());
            list.addAll(at, added);
        });
        ctx.json(Map.of());
    }

    /** A field left out keeps its value ({@code RESTResponseRuleConfig}), so clients can change one at a time. */
    private void update(Context ctx) {
        Access.require(ctx, Permissions.RT_POLICY, true, "");
        ResponseRule current = find(ctx);
        int id = current.id();
        ResponseRule in = Bodies.read(ctx, ConfigData.class).config();
        if (in == null || in.id() != null && in.id() != id) {
            throw ApiException.badRequest("'config' with the id of the URL is required");
        }
        ResponseRule r = checked(new ResponseRule(id, or(in.event(), current.event()), or(in.comment(),
                current.comment()), or(in.group(), current.group()), or(in.conditions(), current.conditions()),
                or(in.actions(), current.actions()), or(in.webhooks(), current.webhooks()),
                or(in.disable(), current.disable()), null), id);
        edit(list -> list.replaceAll(x -> x.id() == id ? r : x));
        ctx.json(Map.of());
    }

    private static <T> T or(T value, T current) {
        return value == null ? current : value;
    }
}
