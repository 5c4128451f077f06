package dev.bulwark.controller.admission.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code customPath} criterion: a path into the pod ({@code item.spec.containers.0.securityContext.privileged},
 * where {@code item} is the Pod or the workload's pod template and an index, {@code [_]} or {@code *} stands for any
 * element, as NeuVector's Rego translation reads it) and a test of what is there by the criterion's value type:
 * {@code key} (exist, notExist), {@code string} (the set operators, wildcards), {@code number} (=, !=, >=, >, <=)
 * or {@code boolean} (=). A test other than notExist needs the path to exist; it holds when some value found passes.
 */
final class CustomPath {

    private final List<String> steps;
    private final Op op;
    private final String valueType;
    private final SetTest<String> strings;
    private final NumberTest number;
    private final String bool;

    private CustomPath(List<String> steps, Op op, String valueType, String value) {
        this.steps = steps;
        this.op = op;
        this.valueType = valueType;
        this.strings = SetTest.ofTexts(op, value);
        this.number = NumberTest.of(op, value);
        this.bool = value.strip().toLowerCase(Locale.ROOT);
    }

    static CustomPath of(String path, Op op, String valueType, String value) {
        String p = path.strip();
        for (String prefix : List.of("item.", "request.")) {
            if (p.startsWith(prefix)) {
                p = p.substring(prefix.length());
            }
        }
        List<String> steps = new ArrayList<>();
        for (String step : p.split("\\.")) {
            if (step.endsWith("[_]") && step.length() > 3) {
                steps.add(step.substring(0, step.length() - 3));
                steps.add("*");
            } else {
                steps.add(step.equals("[_]") || step.chars().allMatch(Character::isDigit) && !step.isEmpty() ? "*"
                        : step);
            }
        }
        return new CustomPath(List.copyOf(steps), op, valueType.strip().toLowerCase(Locale.ROOT), value);
    }

    boolean test(JsonNode root) {
        List<JsonNode> found = find(root);
        if (op == Op.EXIST || op == Op.NOT_EXIST) {
            return found.isEmpty() == (op == Op.NOT_EXIST);
        }
        if (found.isEmpty()) {
            return false;
        }
        return switch (valueType) {
            case "string" -> strings.test(texts(found));
            case "number" -> found.stream().anyMatch(n -> n.isNumber() && number.test(n.decimalValue()));
            case "boolean" -> op == Op.EQ && found.stream()
                    .anyMatch(n -> n.isBoolean() && String.valueOf(n.booleanValue()).equals(bool));
            default -> false;
        };
    }

    private List<JsonNode> find(JsonNode root) {
        List<JsonNode> at = List.of(root);
        for (String step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : at) {
                if (step.equals("*") && n.isArray()) {
                    n.forEach(next::add);
                } else if (n.isObject() && n.has(step)) {
                    next.add(n.get(step));
                }
            }
            at = next;
        }
        return at;
    }

    private static List<String> texts(List<JsonNode> found) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : found) {
            if (n.isTextual()) {
                out.add(n.textValue());
            } else if (n.isArray()) {
                n.forEach(e -> {
                    if (e.isTextual()) {
                        out.add(e.textValue());
                    }
                });
            }
        }
        return out;
    }
}
