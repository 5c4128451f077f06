package dev.bulwark.controller.network;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.controller.admission.evaluate.Glob;
import dev.bulwark.controller.policy.Criterion;
import dev.bulwark.link.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A container group's criteria, compiled: which containers they select ({@code share.IsWorkloadSelected}). Criteria
 * of one key combine in order, ANDed while only negative ones ({@code !=}, {@code !regex}) were seen and ORed from
 * the first positive one on; different keys AND ({@code domain} and {@code namespace} are two keys, as in NeuVector,
 * though both read the namespace). Every label criterion, {@code label} (tested against each label's
 * {@code key=value} text) or a label's own key ({@code app}), counts as one key, as NeuVector's {@code pod-label}; one
 * on a label's own key that the container lacks is not met, whatever its operator. {@code =} and {@code !=} read
 * NeuVector's wildcards, {@code = any} is always met, regular expressions need only match part of the text and run
 * in RE2's linear time; one RE2 cannot compile matches nothing. Namespace labels ({@code ns:KEY}) are not known
 * here: never met. Immutable.
 */
final class MemberCriteria {

    private static final String LABEL = "label";
    private static final Set<String> ATTRIBUTES = Set.of("image", "node", "container", "service", "domain",
            "namespace");

    /** One criterion: what it reads of a container and the test of each value read. */
    private record Test(String key, boolean positive, Predicate<Subject> met) {}

    /** A container and the node it runs on. */
    private record Subject(Workload workload, String node) {}

    private final List<List<Test>> byKey;

    private MemberCriteria(List<List<Test>> byKey) {
        this.byKey = byKey;
    }

    /** Criteria that select nothing when empty or when an address criterion is among them. */
    static MemberCriteria compile(List<Criterion> criteria) {
        Map<String, List<Test>> byKey = new LinkedHashMap<>();
        for (Criterion c : criteria) {
            if (c == null || c.key() == null || c.value() == null || c.op() == null || c.key().equals("address")) {
                return new MemberCriteria(List.of());
            }
            Test t = test(c);
            byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t);
        }
        return new MemberCriteria(byKey.values().stream().map(List::copyOf).toList());
    }

    boolean selects(Workload w, String node) {
        if (byKey.isEmpty()) {
            return false;
        }
        Subject s = new Subject(w, node);
        for (List<Test> tests : byKey) {
            boolean met = tests.getFirst().met().test(s);
            boolean positiveSeen = tests.getFirst().positive();
            for (Test t : tests.subList(1, tests.size())) {
                met = !t.positive() && !positiveSeen ? met && t.met().test(s) : met || t.met().test(s);
                positiveSeen |= t.positive();
            }
            if (!met) {
                return false;
            }
        }
        return true;
    }

    private static Test test(Criterion c) {
        boolean negative = c.op().equals("!=") || c.op().equals("!regex");
        Predicate<String> value = value(c.op(), c.value());
        if (ATTRIBUTES.contains(c.key())) {
            return new Test(c.key(), !negative, s -> value.test(attribute(c.key(), s)));
        }
        if (c.key().equals(LABEL)) {
            // the op applies to each label's key=value text; a negative one is met when no label fails it
            return new Test(LABEL, !negative, s -> {
                var texts = s.workload().labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue());
                return negative ? texts.allMatch(value) : texts.anyMatch(value);
            });
        }
        if (c.key().startsWith("ns:")) {
            return new Test(LABEL, true, s -> false);
        }
        String label = c.key();
        return new Test(LABEL, !negative, s -> {
            String v = s.workload().labels().get(label);
            return v != null && value.test(v);
        });
    }

    private static String attribute(String key, Subject s) {
        Workload w = s.workload();
        return switch (key) {
            case "image" -> w.image();
            case "node" -> s.node();
            case "container" -> w.name();
            case "service" -> w.service();
            default -> w.domain();
        };
    }

    /** The test of one value read from a container. */
    private static Predicate<String> value(String op, String value) {
        return switch (op) {
            case "=" -> value.equals("any") ? v -> true : Glob.of(value)::matches;
            case "!=" -> Predicate.not(Glob.of(value)::matches);
            case "contains" -> v -> v.contains(value);
            case "prefix" -> v -> v.startsWith(value);
            case "regex" -> regex(value);
            case "!regex" -> Predicate.not(regex(value));
            default -> v -> false;
        };
    }

    private static Predicate<String> regex(String expression) {
        try {
            Pattern p = Pattern.compile(expression);
            return v -> p.matcher(v).find();
        } catch (PatternSyntaxException e) {
            return v -> false;
        }
    }
}
