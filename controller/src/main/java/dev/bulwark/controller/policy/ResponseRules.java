package dev.bulwark.controller.policy;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Inputs;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Section;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What to do when an event, security event, CVE report, compliance result or admission decision matches:
 * quarantine the group's containers, call webhooks, or suppress the log. The list is kept as one ordered record,
 * every change of it a compare-and-swap.
 */
public final class ResponseRules {

    public static final Kind<ResponseRule[]> KIND = Kind.single("response", "rules", ResponseRule[].class,
            "Response rules", Section.POLICY);
    static final int MAX_RULES = 10_000;
    /** Per event type: the condition types and the actions it accepts. */
    static final Map<String, Options> OPTIONS = new LinkedHashMap<>();

    /** What rules of an event type may test and do. */
    public record Options(List<String> types, List<String> actions) {}

    static {
        List<String> notify = List.of("webhook", "suppress-log");
        List<String> all = List.of("quarantine", "webhook", "suppress-log");
        OPTIONS.put("event", new Options(List.of("name", "level"), notify));
        OPTIONS.put("security-event", new Options(List.of("name", "level"), all));
        OPTIONS.put("cve-report", new Options(List.of("name", "level", "cve-critical", "cve-high", "cve-medium",
                "cve-high-with-fix", "cve-critical-with-fix"), all));
        OPTIONS.put("compliance", new Options(List.of("name", "level", "number"), all));
        OPTIONS.put("admission-control", new Options(List.of("name", "level"), notify));
    }

    /** {@code RESTCLUSEventCondition}. */
    public record Condition(String type, String value) {}

    /** {@code RESTResponseRule}; in a change, a field left out (null) keeps its value. */
    public record ResponseRule(Integer id, String event, String comment, String group, List<Condition> conditions,
            List<String> actions, List<String> webhooks, Boolean disable, String cfgType) {}

    private final Records records;
    private final Policy policy;

    public ResponseRules(Records records, Policy policy) {
        this.records = records;
        this.policy = policy;
    }

    /** Per event type, what its rules may test and do. */
    public Map<String, Options> options() {
        return OPTIONS;
    }

    public List<ResponseRule> list() {
        return records.find(KIND).map(List::of).orElse(List.of());
    }

    public ResponseRule get(int id) {
        return find(list(), id);
    }

    /** Inserts rules after a rule ({@code after}: null or 0 first, -1 last); ids null or 0 get the next free one. */
    public void insert(Integer after, List<ResponseRule> rules) {
        edit(list -> {
            Set<Integer> taken = new HashSet<>(list.stream().map(ResponseRule::id).toList());
            int next = taken.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            List<ResponseRule> added = new ArrayList<>();
            for (ResponseRule r : Inputs.list(rules, "rules")) {
                int id = r.id() == null || r.id() == 0 ? next++ : r.id();
                if (id < 1 || !taken.add(id)) {
                    throw ApiException.duplicate("Response rule " + id);
                }
                next = Math.max(next, id + 1);
                added.add(checked(r, id));
            }
            list.addAll(InsertPosition.of(list.stream().map(ResponseRule::id).toList(), after), added);
        });
    }

    /** Changes the fields of a rule that the change sets, so clients can change one at a time. */
    public void update(int id, ResponseRule change) {
        edit(list -> {
            ResponseRule current = find(list, id);
            ResponseRule r = checked(new ResponseRule(id, or(change.event(), current.event()),
                    or(change.comment(), current.comment()), or(change.group(), current.group()),
                    or(change.conditions(), current.conditions()), or(change.actions(), current.actions()),
                    or(change.webhooks(), current.webhooks()), or(change.disable(), current.disable()), null), id);
            list.replaceAll(x -> x.id() == id ? r : x);
        });
    }

    /** Moves a rule after another ({@code after}: null or 0 first, -1 last). */
    public void move(int id, Integer after) {
        if (after != null && after == id) {
            throw ApiException.badRequest("A rule cannot be moved after itself");
        }
        edit(list -> {
            ResponseRule moved = find(list, id);
            list.remove(moved);
            list.add(InsertPosition.of(list.stream().map(ResponseRule::id).toList(), after), moved);
        });
    }

    public void delete(int id) {
        edit(list -> list.remove(find(list, id)));
    }

    public void deleteAll() {
        edit(List::clear);
    }

    private static ResponseRule find(List<ResponseRule> rules, int id) {
        return rules.stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("Response rule"));
    }

    private void edit(Consumer<List<ResponseRule>> edit) {
        records.upsert(KIND, stored -> {
            List<ResponseRule> list = new ArrayList<>(stored.map(List::of).orElse(List.of()));
            edit.accept(list);
            if (list.size() > MAX_RULES) {
                throw ApiException.badRequest("At most %d response rules".formatted(MAX_RULES));
            }
            return list.toArray(ResponseRule[]::new);
        });
    }

    private ResponseRule checked(ResponseRule r, int id) {
        Options options = r.event() == null ? null : OPTIONS.get(r.event());
        if (options == null) {
            throw ApiException.badRequest("event is one of " + OPTIONS.keySet());
        }
        List<Condition> conditions = Inputs.list(r.conditions(), "conditions");
        for (Condition c : conditions) {
            if (c == null || c.type() == null || !options.types().contains(c.type()) || c.value() == null
                    || c.value().isBlank() || c.value().length() > 256) {
                throw ApiException.badRequest("%s conditions are %s with a value".formatted(r.event(),
                        options.types()));
            }
        }
        List<String> actions = Inputs.list(r.actions(), "actions");
        if (actions.isEmpty() || !options.actions().containsAll(actions)
                || new HashSet<>(actions).size() != actions.size()) {
            throw ApiException.badRequest("%s actions are %s".formatted(r.event(), options.actions()));
        }
        String group = or(r.group(), "");
        if (!group.isEmpty() && policy.group(group).isEmpty()) {
            throw ApiException.badRequest("Group '%s' does not exist".formatted(group));
        }
        if (actions.contains("quarantine") && group.isEmpty()) {
            throw ApiException.badRequest("quarantine needs a group");
        }
        List<String> webhooks = Inputs.list(r.webhooks(), "webhooks");
        if (actions.contains("webhook") == webhooks.isEmpty()) {
            throw ApiException.badRequest("the webhook action names webhooks, and only it does");
        }
        return new ResponseRule(id, r.event(), or(r.comment(), ""), group, conditions, actions,
                webhooks, Boolean.TRUE.equals(r.disable()), "user_created");
    }

}
