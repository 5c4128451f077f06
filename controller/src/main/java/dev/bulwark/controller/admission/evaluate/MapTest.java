package dev.bulwark.controller.admission.evaluate;

import java.util.List;
import java.util.Map;

/**
 * An operator and its {@code key} or {@code key=value} values applied to a map the criterion reads (labels,
 * annotations, environment variables, modules), as NeuVector's {@code isComplexMapCriterionMet}: a value matches an
 * entry of the same key whose value it matches by wildcards, or any entry of that key when it names only the key.
 * An empty map contains nothing: only {@code notContainsAny} holds for it.
 */
final class MapTest {

    private record Entry(String key, Glob value) {
        boolean matches(String k, String v) {
            return key.equals(k) && (value == null || value.matches(v));
        }
    }

    private final Op op;
    private final List<Entry> entries;

    private MapTest(Op op, List<Entry> entries) {
        this.op = op;
        this.entries = entries;
    }

    static MapTest of(Op op, String value) {
        return new MapTest(op, Criteria.values(op, value).stream().map(v -> {
            int eq = v.indexOf('=');
            return eq < 0 ? new Entry(v.strip(), null)
                    : new Entry(v.substring(0, eq).strip(), Glob.of(v.substring(eq + 1).strip()));
        }).toList());
    }

    boolean test(Map<String, String> map) {
        return switch (op) {
            case CONTAINS_ALL -> !map.isEmpty() && entries.stream().allMatch(e -> contains(map, e));
            case CONTAINS_ANY -> entries.stream().anyMatch(e -> contains(map, e));
            case NOT_CONTAINS_ANY -> entries.stream().noneMatch(e -> contains(map, e));
            case CONTAINS_OTHER_THAN -> map.entrySet().stream()
                    .anyMatch(m -> entries.stream().noneMatch(e -> e.matches(m.getKey(), m.getValue())));
            default -> false;
        };
    }

    private static boolean contains(Map<String, String> map, Entry e) {
        String v = map.get(e.key());
        return v != null && e.matches(e.key(), v);
    }
}
