package dev.bulwark.scanner.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.scan.SeverityLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules a secret search applies: the built-in ones, plus a user's rules and allow rules from a YAML file
 * ({@code bulwark scan --secret-config FILE}; the README documents the format). A file that is too large, not
 * YAML, or has an unknown field, a missing one, a bad severity or a regular expression that does not compile is
 * refused with one line naming the rule and the field.
 */
public record SecretConfig(List<SecretRule> rules, List<AllowRule> allowed) {

    static final long MAX_FILE_BYTES = 256 << 10;
    static final int MAX_RULES = 1000;
    private static final Set<String> RULE_FIELDS = Set.of("id", "category", "title", "severity", "regex", "keywords",
            "secret-group", "entropy");
    private static final Set<String> ALLOW_FIELDS = Set.of("id", "paths", "regexes", "values");

    public SecretConfig {
        rules = List.copyOf(rules);
        allowed = List.copyOf(allowed);
    }

    /** The built-in rules and nothing allowed. */
    public static SecretConfig builtIn() {
        return new SecretConfig(SecretRules.builtIn(), List.of());
    }

    /** The built-in rules plus a file's; {@link InvalidInputException} naming the file when it cannot be used. */
    public static SecretConfig read(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidInputException("%s: larger than %d KiB".formatted(name, MAX_FILE_BYTES >> 10));
            }
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("%s: cannot read: %s".formatted(name, firstLine(e.getMessage())), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(name + ": expected a mapping with 'rules' and 'allow'");
        }
        checkFields(root, Set.of("rules", "allow"), name);
        List<SecretRule> rules = new ArrayList<>(SecretRules.builtIn());
        Set<String> ids = new HashSet<>(rules.stream().map(SecretRule::id).toList());
        JsonNode custom = list(root, "rules", name);
        if (custom.size() > MAX_RULES) {
            throw new InvalidInputException("%s: more than %d rules".formatted(name, MAX_RULES));
        }
        for (int i = 0; i < custom.size(); i++) {
            SecretRule rule = rule(custom.get(i), "%s: rule %d".formatted(name, i + 1));
            if (!ids.add(rule.id())) {
                throw new InvalidInputException("%s: rule %d: id '%s' is taken".formatted(name, i + 1, rule.id()));
            }
            rules.add(rule);
        }
        List<AllowRule> allowed = new ArrayList<>();
        JsonNode allow = list(root, "allow", name);
        for (int i = 0; i < allow.size(); i++) {
            allowed.add(allowRule(allow.get(i), "%s: allow rule %d".formatted(name, i + 1)));
        }
        return new SecretConfig(rules, allowed);
    }

    /** Whether an allow rule leaves a file out of the search. */
    public boolean allowsPath(String path) {
        return allowed.stream().anyMatch(a -> a.allowsPath(path));
    }

    private static SecretRule rule(JsonNode node, String where) {
        checkFields(node, RULE_FIELDS, where);
        String id = text(node, "id", where);
        where = where + " (" + id + ")";
        Pattern pattern = pattern(text(node, "regex", where), where + ": regex");
        List<String> keywords = strings(node, "keywords", where);
        if (keywords.isEmpty()) {
            throw new InvalidInputException(where + ": keywords: at least one is needed");
        }
        for (String k : keywords) {
            if (k.length() < 2 || k.chars().anyMatch(c -> c > 0xff)) {
                throw new InvalidInputException("%s: keywords: '%s' must be two or more Latin-1 characters"
                        .formatted(where, k));
            }
        }
        SeverityLevel severity;
        try {
            severity = SeverityLevel.valueOf(text(node, "severity", where).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": severity: one of CRITICAL, HIGH, MEDIUM, LOW", e);
        }
        int group = node.path("secret-group").asInt(0);
        if (group < 0 || group > pattern.matcher("").groupCount()) {
            throw new InvalidInputException("%s: secret-group: the regex has no group %d".formatted(where, group));
        }
        double entropy = node.path("entropy").asDouble(0);
        String category = node.hasNonNull("category") ? node.get("category").asText() : "Custom";
        return new SecretRule(id, category, text(node, "title", where), severity, keywords, pattern, group, entropy,
                SecretRule.Kind.TOKEN, false, SecretRule.DEFAULT_REACH);
    }

    private static AllowRule allowRule(JsonNode node, String where) {
        checkFields(node, ALLOW_FIELDS, where);
        String id = node.hasNonNull("id") ? node.get("id").asText() : where;
        List<Pattern> paths = strings(node, "paths", where).stream().map(p -> pattern(p, where + ": paths")).toList();
        List<Pattern> regexes = strings(node, "regexes", where).stream().map(p -> pattern(p, where + ": regexes"))
                .toList();
        List<String> values = strings(node, "values", where);
        if (paths.isEmpty() && regexes.isEmpty() && values.isEmpty()) {
            throw new InvalidInputException(where + ": needs paths, regexes or values");
        }
        return new AllowRule(id, paths, regexes, Set.copyOf(values));
    }

    private static Pattern pattern(String regex, String where) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException("%s: %s".formatted(where, firstLine(e.getDescription()) + " near index "
                    + e.getIndex()), e);
        }
    }

    private static void checkFields(JsonNode node, Set<String> known, String where) {
        if (!node.isObject()) {
            throw new InvalidInputException(where + ": expected a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new InvalidInputException("%s: unknown field '%s' (known: %s)".formatted(where, field,
                        String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new InvalidInputException(where + ": " + field + " is missing");
        }
        return value.asText();
    }

    private static JsonNode list(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new InvalidInputException(where + ": " + field + ": expected a list");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(node, field, where)) {
            if (!item.isValueNode()) {
                throw new InvalidInputException(where + ": " + field + ": expected a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
