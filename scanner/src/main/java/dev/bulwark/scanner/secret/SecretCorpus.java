package dev.bulwark.scanner.secret;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A labelled corpus for measuring the rules: each rule's examples written in every configuration syntax, quoted
 * and unquoted, under the key names people use, plus look-alikes that are no secrets. Examples are templates
 * ({@code ghp_{A:36}}: 36 random letters and digits) expanded with a seeded random source, one a line:
 * {@code RULE + TEMPLATE} for a secret, {@code RULE - TEMPLATE} for a look-alike in the same syntaxes,
 * {@code lookalike - TEXT} for a whole text that must not be reported; {@code \n} is a line break. Every secret's
 * template also gives a look-alike: the same token with its random parts written as a run of {@code x}, {@code X}
 * or {@code 0} ({@code ghp_xxxx...}).
 */
public final class SecretCorpus {

    private static final Map<Character, String> ALPHABETS = Map.ofEntries(
            Map.entry('A', "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            Map.entry('L', "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            Map.entry('a', "abcdefghijklmnopqrstuvwxyz0123456789"),
            Map.entry('U', "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
            Map.entry('l', "abcdefghijklmnopqrstuvwxyz"), Map.entry('u', "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            Map.entry('h', "0123456789abcdef"), Map.entry('H', "0123456789ABCDEF"), Map.entry('d', "0123456789"),
            Map.entry('b', "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
            Map.entry('w', "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
            Map.entry('B', "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), Map.entry('c', "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"),
            Map.entry('z', "abcdefghijklmnopqrstuvwxyz234567"));
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z]):(\\d{1,4})}");

    private SecretCorpus() {}

    /** One example: a secret of a rule, or a look-alike ({@code secret} false). */
    public record Example(String ruleId, boolean secret, String text, boolean raw) {
        public Example {
            requireNonNull(ruleId, "ruleId");
            requireNonNull(text, "text");
        }
    }

    /** One text of the corpus, with what it must give. */
    public record Sample(String ruleId, String syntax, String text, boolean secret) {}

    /** How the rules did on a corpus. */
    public record Score(int secrets, int found, int lookAlikes, int reported, List<String> missed,
            List<String> falsePositives) {

        public double recall() {
            return secrets == 0 ? 1 : (double) found / secrets;
        }

        public double falsePositiveRate() {
            return lookAlikes == 0 ? 0 : (double) reported / lookAlikes;
        }

        @Override
        public String toString() {
            return "recall %.1f%% (%d of %d secrets found by their rule), false positives %.2f%% (%d of %d look-alikes)"
                    .formatted(100 * recall(), found, secrets, 100 * falsePositiveRate(), reported, lookAlikes);
        }
    }

    /** The examples of a file's lines, expanded with a random source of the given seed. */
    public static List<Example> examples(List<String> lines, long seed) {
        Random random = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            if (parts.length != 3 || !parts[1].equals("+") && !parts[1].equals("-")) {
                throw new IllegalArgumentException("not RULE +|- TEMPLATE: " + line);
            }
            String template = parts[2].replace("\\n", "\n");
            boolean raw = parts[0].equals("lookalike");
            out.add(new Example(parts[0], parts[1].equals("+"), expand(template, random, false), raw));
            if (parts[1].equals("+")) {
                out.add(new Example(parts[0], false, expand(template, random, true), false));
            }
        }
        return out;
    }

    private static String expand(String template, Random random, boolean filler) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String alphabet = ALPHABETS.get(m.group(1).charAt(0));
            if (alphabet == null) {
                throw new IllegalArgumentException("unknown alphabet " + m.group(1) + " in " + template);
            }
            int n = Integer.parseInt(m.group(2));
            StringBuilder value = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                value.append(filler ? fillerOf(alphabet) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static char fillerOf(String alphabet) {
        return alphabet.indexOf('x') >= 0 ? 'x' : alphabet.indexOf('X') >= 0 ? 'X' : '0';
    }

    /** A configuration syntax: how a key is written and given a value, or null when the value cannot be written. */
    private record Syntax(String name, BinaryOperator<String> write) {}

    private static final List<Syntax> SYNTAXES = List.of(
            new Syntax("env", (k, v) -> single(v) ? upper(k, "TOKEN") + "=" + v : null),
            new Syntax("env-quoted", (k, v) -> upper(k, "API_KEY") + "=\"" + v + "\""),
            new Syntax("export", (k, v) -> single(v) ? "export " + upper(k, "SECRET") + "='" + v + "'" : null),
            new Syntax("yaml", (k, v) -> single(v) ? "service:\n  " + lower(k, "password") + ": " + v : null),
            new Syntax("yaml-quoted", (k, v) -> single(v) ? lower(k, "api_key") + ": \"" + v + "\"" : null),
            new Syntax("yaml-block", (k, v) -> lower(k, "secret") + ": |\n  " + v.replace("\n", "\n  ")),
            new Syntax("json", (k, v) -> "{\n  \"" + camel(k, "ApiKey") + "\": \"" + v.replace("\n", "\\n")
                    + "\",\n  \"debug\": false\n}"),
            new Syntax("xml", (k, v) -> "<config>\n  <" + camel(k, "Token") + ">" + v + "</" + camel(k, "Token")
                    + ">\n</config>"),
            new Syntax("xml-attribute", (k, v) -> single(v) ? "<add key=\"" + pascal(k, "AccessToken")
                    + "\" value=\"" + v + "\" />" : null),
            new Syntax("ini", (k, v) -> single(v) ? "[default]\n" + lower(k, "password") + " = " + v : null),
            new Syntax("toml", (k, v) -> single(v) ? lower(k, "token") + " = \"" + v + "\"" : null),
            new Syntax("properties", (k, v) -> single(v) ? lower(k, "api_key").replace('_', '.') + "=" + v : null),
            new Syntax("php", (k, v) -> single(v) ? "'" + lower(k, "secret") + "' => '" + v + "'," : null));

    private static boolean single(String value) {
        return value.indexOf('\n') < 0;
    }

    private static String upper(String stem, String suffix) {
        return (stem + "_" + suffix).toUpperCase(Locale.ROOT);
    }

    private static String lower(String stem, String suffix) {
        return (stem + "_" + suffix).toLowerCase(Locale.ROOT);
    }

    private static String camel(String stem, String suffix) {
        return stem.toLowerCase(Locale.ROOT) + suffix;
    }

    private static String pascal(String stem, String suffix) {
        String lower = stem.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1) + suffix;
    }

    /**
     * The key name stem a rule's examples are written under: a provider's key keyword ({@code datadog}), a
     * token's provider ({@code github}), or {@code db} for the generic rules.
     */
    public static String keyStem(SecretRule rule) {
        String stem = switch (rule.kind()) {
            case VALUE -> rule.keywords().getFirst();
            case TOKEN -> rule.category();
            case ASSIGNMENT, CONTEXT -> "db";
        };
        return stem.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** Every example in every syntax it can be written in; raw look-alikes as they are. */
    public static List<Sample> samples(List<Example> examples, List<SecretRule> rules) {
        Map<String, SecretRule> byId = rules.stream().collect(Collectors.toMap(SecretRule::id, r -> r));
        List<Sample> out = new ArrayList<>();
        for (Example e : examples) {
            if (e.raw()) {
                out.add(new Sample(e.ruleId(), "raw", e.text(), false));
                continue;
            }
            SecretRule rule = byId.get(e.ruleId());
            if (rule == null) {
                throw new IllegalArgumentException("example of an unknown rule: " + e.ruleId());
            }
            for (Syntax s : SYNTAXES) {
                String text = s.write().apply(keyStem(rule), e.text());
                if (text != null) {
                    out.add(new Sample(e.ruleId(), s.name(), text + "\n", e.secret()));
                }
            }
        }
        return out;
    }

    /** Scans each sample on its own: a secret must be found by its rule, a look-alike by none. */
    public static Score score(List<Sample> samples, SecretScanner scanner) {
        int secrets = 0;
        int found = 0;
        int lookAlikes = 0;
        List<String> missed = new ArrayList<>();
        List<String> falsePositives = new ArrayList<>();
        for (Sample s : samples) {
            List<SecretScanner.Match> matches = scanner.scan(s.text());
            if (s.secret()) {
                secrets++;
                if (matches.stream().anyMatch(m -> m.rule().id().equals(s.ruleId()))) {
                    found++;
                } else {
                    missed.add(s.ruleId() + " " + s.syntax() + ": " + s.text().strip().replace("\n", "\\n"));
                }
            } else {
                lookAlikes++;
                if (!matches.isEmpty()) {
                    falsePositives.add(s.ruleId() + " " + s.syntax() + " -> " + matches.getFirst().rule().id() + ": "
                            + s.text().strip().replace("\n", "\\n"));
                }
            }
        }
        return new Score(secrets, found, lookAlikes, falsePositives.size(), missed, falsePositives);
    }
}
