package dev.bulwark.controller.policy;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Inputs;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.policy.Sensor.Binding;
import dev.bulwark.controller.policy.Sensor.PatternEntry;
import dev.bulwark.controller.policy.Sensor.Rule;
import dev.bulwark.controller.policy.Sensor.Setting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * DLP or WAF sensors (the two have one shape): sensors made of rules of regex patterns, and their bindings to
 * groups with an allow or deny action. Limits are NeuVector's: 16 patterns per rule of at most 512 characters,
 * 1,024 patterns per sensor. DLP comes with the predefined {@code sensor.creditcard} and {@code sensor.ssn}, which
 * cannot be changed.
 */
public final class Sensors {

    static final int MAX_PATTERNS_PER_RULE = 16;
    static final int MAX_PATTERN = 512;
    static final int MAX_PATTERNS = 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}");
    private static final Set<String> CONTEXTS = Set.of("packet", "url", "header", "body");

    private final Records records;
    private final Kind<Sensor> sensors;
    private final Kind<Binding> bindings;

    private Sensors(Records records, Kind<Sensor> sensors, Kind<Binding> bindings) {
        this.records = records;
        this.sensors = sensors;
        this.bindings = bindings;
    }

    /** DLP sensors, with the predefined ones added when missing. */
    public static Sensors dlp(Records records) {
        Sensors dlp = new Sensors(records, Sensor.DLP, Binding.DLP);
        dlp.predefine();
        return dlp;
    }

    public static Sensors waf(Records records) {
        return new Sensors(records, Sensor.WAF, Binding.WAF);
    }

    /** {@code RESTDlpSensorConfig} / {@code RESTWafSensorConfig}. */
    public record SensorConfig(String name, List<Rule> change, List<Rule> delete, List<Rule> rules, String comment) {}

    /** {@code RESTDlpGroupConfig} / {@code RESTWafGroupConfig}. */
    public record BindingConfig(String name, Boolean status, List<String> delete, List<Setting> sensors,
            List<Setting> replace) {}

    private void predefine() {
        List<Sensor> builtIn = List.of(
                new Sensor("sensor.creditcard", List.of(), List.of(
                        rule("rule.visa", 1, "\\b4[0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}\\b"),
                        rule("rule.mastercard", 2, "\\b5[1-5][0-9]{2}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}\\b"),
                        rule("rule.amex", 3, "\\b3[47][0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{5}\\b"),
                        rule("rule.discover", 4, "\\b6(?:011|5[0-9]{2})[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}\\b"),
                        rule("rule.diners", 5, "\\b3(?:0[0-5]|[68][0-9])[0-9][ -]?[0-9]{6}[ -]?[0-9]{4}\\b"),
                        rule("rule.jcb", 6, "\\b(?:2131|1800|35[0-9]{2})[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{3,4}\\b")),
                        "Credit card numbers", true, "user_created"),
                new Sensor("sensor.ssn", List.of(), List.of(rule("rule.ssn", 7,
                        "\\b(?!000|666|9[0-9]{2})[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}\\b")),
                        "US social security numbers", true, "user_created"));
        builtIn.forEach(s -> records.seed(sensors, s.name(), s));
    }

    private static Rule rule(String name, int id, String regex) {
        return new Rule(name, id, List.of(new PatternEntry("pattern", regex, "regex", "packet")), "user_created");
    }

    /** Every sensor, with the groups it is bound to. */
    public List<Sensor> list() {
        return records.list(sensors).stream().map(this::shown).toList();
    }

    /** {@code RESTDlpRuleDetail} / {@code RESTWafRuleDetail}: the rules of that name and the sensors holding them. */
    public record RuleDetail(List<String> sensors, List<Rule> rules) {}

    public RuleDetail ruleDetail(String name) {
        List<String> holders = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (Sensor s : list()) {
            s.rules().stream().filter(r -> r.name().equals(name)).forEach(r -> {
                rules.add(r);
                holders.add(s.name());
            });
        }
        if (rules.isEmpty()) {
            throw ApiException.notFound("Rule");
        }
        return new RuleDetail(holders.stream().distinct().toList(), rules);
    }

    /** A sensor with the groups it is bound to. */
    public Sensor get(String name) {
        return shown(records.get(sensors, name));
    }

    /** The rules of every sensor. */
    public List<Rule> rules() {
        return list().stream().flatMap(x -> x.rules().stream()).toList();
    }

    /** The sensor with the groups it is bound to. */
    private Sensor shown(Sensor s) {
        List<String> groups = records.list(bindings).stream()
                .filter(b -> b.sensors().stream().anyMatch(x -> x.name().equals(s.name()))).map(Binding::name).toList();
        return new Sensor(s.name(), groups, s.rules(), s.comment(), s.predefine(), s.cfgType());
    }

    /**
     * Adds a sensor (409 when the name is taken) or changes one: its rules set, deleted and changed, each
     * checked.
     */
    public void save(SensorConfig c, boolean create) {
        if (c.name() == null || !NAME.matcher(c.name()).matches() || create && c.name().startsWith("sensor.")) {
            throw ApiException.invalidName("Sensor names are 1-128 letters, digits, '.', '_' or '-', not starting with"
                    + " 'sensor.'");
        }
        if (create) {
            records.create(sensors, c.name(), changed(emptySensor(c.name()), c));
        } else {
            records.update(sensors, c.name(), current -> changed(current, c));
        }
    }

    private static Sensor emptySensor(String name) {
        return new Sensor(name, List.of(), List.of(), "", false, "user_created");
    }

    /** The sensor with the rules of the config set, deleted and changed. */
    private static Sensor changed(Sensor current, SensorConfig c) {
        if (current.predefine()) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Predefined sensors cannot be changed");
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        (c.rules() != null ? List.<Rule>of() : current.rules()).forEach(r -> rules.put(r.name(), r));
        for (Rule r : Inputs.list(c.rules(), "rules")) {
            rules.put(r.name(), r);
        }
        for (Rule r : Inputs.list(c.delete(), "delete")) {
            if (rules.remove(r.name()) == null) {
                throw ApiException.notFound("Rule " + r.name());
            }
        }
        for (Rule r : Inputs.list(c.change(), "change")) {
            rules.put(r.name(), r);
        }
        List<Rule> checked = new ArrayList<>();
        int id = 1;
        int total = 0;
        for (Rule r : rules.values()) {
            checked.add(checked(r, id++));
            total += r.patterns().size();
        }
        if (total > MAX_PATTERNS) {
            throw ApiException.badRequest("A sensor has at most %d patterns".formatted(MAX_PATTERNS));
        }
        return new Sensor(current.name(), List.of(), checked, or(c.comment(), current.comment()),
                false, "user_created");
    }

    private static Rule checked(Rule r, int id) {
        if (r == null || r.name() == null || !NAME.matcher(r.name()).matches()) {
            throw ApiException.invalidName("Rule names are 1-128 letters, digits, '.', '_' or '-'");
        }
        List<PatternEntry> patterns = Inputs.list(r.patterns(), "patterns");
        if (patterns.isEmpty() || patterns.size() > MAX_PATTERNS_PER_RULE) {
            throw ApiException.badRequest("A rule has 1 to %d patterns".formatted(MAX_PATTERNS_PER_RULE));
        }
        List<PatternEntry> out = new ArrayList<>();
        for (PatternEntry p : patterns) {
            if (p == null || !"pattern".equals(p.key()) || p.value() == null || p.value().isEmpty()
                    || p.value().length() > MAX_PATTERN || !("regex".equals(p.op()) || "!regex".equals(p.op()))) {
                throw ApiException.badRequest("Patterns are {key: pattern, op: regex|!regex, value} of at most %d"
                        .formatted(MAX_PATTERN) + " characters");
            }
            String context = or(p.context(), "packet");
            if (!CONTEXTS.contains(context)) {
                throw ApiException.badRequest("context is packet, url, header or body");
            }
            try {
                Pattern.compile(p.value());
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest("Invalid regular expression: " + e.getDescription());
            }
            out.add(new PatternEntry("pattern", p.value(), p.op(), context));
        }
        return new Rule(r.name(), id, out, "user_created");
    }

    /** Deletes a sensor no group uses; predefined sensors stay. */
    public void delete(String name) {
        Sensor s = get(name);
        if (s.predefine()) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Predefined sensors cannot be deleted");
        }
        if (!s.groups().isEmpty()) {
            throw new ApiException(409, ApiError.OBJECT_IN_USE, "The sensor is used by groups " + s.groups());
        }
        records.delete(sensors, s.name());
    }

    /** Every group's sensors. */
    public List<Binding> bindings() {
        return records.list(bindings);
    }

    /** A group's sensors; none when it has none. */
    public Binding binding(String group) {
        return records.find(bindings, group).orElse(emptyBinding(group));
    }

    private static Binding emptyBinding(String group) {
        return new Binding(group, false, List.of(), "user_created");
    }

    /** Binds sensors to a group, with compare-and-swap. */
    public void bind(Group g, BindingConfig c) {
        records.upsert(bindings, g.name(), stored -> bound(stored.orElse(emptyBinding(g.name())), c));
    }

    /** The binding with the config's sensors replaced, deleted and set, each checked. */
    private Binding bound(Binding current, BindingConfig c) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        (c.replace() != null ? List.<Setting>of() : current.sensors()).forEach(s -> settings.put(s.name(), s));
        for (Setting s : Inputs.list(c.replace(), "replace")) {
            settings.put(s.name(), s);
        }
        for (String name : Inputs.list(c.delete(), "delete")) {
            settings.remove(name);
        }
        for (Setting s : Inputs.list(c.sensors(), "sensors")) {
            settings.put(s.name(), s);
        }
        List<Setting> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Setting s : settings.values()) {
            if (s.name() == null || records.find(sensors, s.name()).isEmpty()) {
                throw ApiException.badRequest("Sensor '%s' does not exist".formatted(s.name()));
            }
            if (!"allow".equals(s.action()) && !"deny".equals(s.action())) {
                throw ApiException.badRequest("A sensor's action is allow or deny");
            }
            if (seen.add(s.name())) {
                checked.add(new Setting(s.name(), s.action(), true, or(s.comment(), ""),
                        "user_created"));
            }
        }
        return new Binding(current.name(), or(c.status(), current.status()), checked,
                "user_created");
    }
}
