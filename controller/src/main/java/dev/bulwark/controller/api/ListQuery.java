package dev.bulwark.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NeuVector's list query: {@code f_FIELD=VALUE} or {@code f_FIELD=OP,VALUE} filters (ops eq, neq, in, gt, gte,
 * lt, lte, prefix; {@code in} is "contains"), {@code s_FIELD=asc|desc} sorts, then {@code start} and
 * {@code limit} paging ({@code start} negative counts from the end). Unknown fields filter everything out, as in
 * NeuVector; numbers compare as numbers.
 */
public record ListQuery(List<Filter> filters, List<Sort> sorts, int start, boolean backward, int limit) {

    static final int MAX_FIELDS = 8;
    private static final Set<String> OPS = Set.of("eq", "neq", "in", "gt", "gte", "lt", "lte", "prefix");

    public record Filter(String field, String op, String value) {}

    public record Sort(String field, boolean ascending) {}

    public static ListQuery of(Context ctx) {
        return parse(ctx.queryParamMap());
    }

    static ListQuery parse(Map<String, List<String>> query) {
        List<Filter> filters = new ArrayList<>();
        List<Sort> sorts = new ArrayList<>();
        int start = 0;
        boolean backward = false;
        int limit = 0;
        for (var e : query.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().isEmpty() ? "" : e.getValue().getFirst();
            if (key.equals("start")) {
                int s = integer(key, value);
                backward = s < 0;
                start = Math.abs(s);
            } else if (key.equals("limit")) {
                limit = Math.max(0, integer(key, value));
            } else if (key.startsWith("f_") && key.length() > 2 && filters.size() < MAX_FIELDS) {
                String[] v = value.split(",", 2);
                if (v.length == 1 && !v[0].isEmpty()) {
                    filters.add(new Filter(key.substring(2), "eq", v[0]));
                } else if (v.length == 2 && !v[1].isEmpty()) {
                    filters.add(new Filter(key.substring(2), OPS.contains(v[0]) ? v[0] : "eq", v[1]));
                }
            } else if (key.startsWith("s_") && key.length() > 2 && sorts.size() < MAX_FIELDS) {
                sorts.add(new Sort(key.substring(2), !value.equals("desc")));
            }
        }
        return new ListQuery(filters, sorts, start, backward, limit);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'%s' must be an integer".formatted(name));
        }
    }

    /**
     * Filters, sorts and pages objects; they become JSON trees only when a filter or sort needs their fields, so
     * a plain page of a long list costs no conversion.
     */
    public <T> List<?> apply(List<T> items, java.util.function.Function<T, JsonNode> toJson) {
        if (filters.isEmpty() && sorts.isEmpty()) {
            List<T> ordered = backward ? items.reversed() : items;
            int from = Math.min(start, ordered.size());
            int to = limit == 0 ? ordered.size() : (int) Math.min(ordered.size(), (long) from + limit);
            return List.copyOf(ordered.subList(from, to));
        }
        return apply(items.stream().map(toJson).toList());
    }

    /** Filters, sorts and pages a list of JSON objects. */
    public List<JsonNode> apply(List<JsonNode> items) {
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode item : items) {
            if (filters.stream().allMatch(f -> matches(item.get(f.field()), f))) {
                kept.add(item);
            }
        }
        if (!sorts.isEmpty()) {
            Comparator<JsonNode> order = null;
            for (Sort s : sorts) {
                Comparator<JsonNode> c = (a, b) -> compare(a.get(s.field()), b.get(s.field()));
                c = s.ascending() ? c : c.reversed();
                order = order == null ? c : order.thenComparing(c);
            }
            kept.sort(order);
        }
        if (backward) {
            kept = kept.reversed();
        }
        int from = Math.min(start, kept.size());
        int to = limit == 0 ? kept.size() : (int) Math.min(kept.size(), (long) from + limit);
        return List.copyOf(kept.subList(from, to));
    }

    private static boolean matches(JsonNode field, Filter f) {
        if (field == null || field.isContainerNode()) {
            return f.op().equals("neq");
        }
        int c = compareTo(field, f.value());
        String text = field.asText();
        return switch (f.op()) {
            case "eq" -> c == 0;
            case "neq" -> c != 0;
            case "in" -> text.contains(f.value());
            case "prefix" -> text.startsWith(f.value());
            case "gt" -> c > 0;
            case "gte" -> c >= 0;
            case "lt" -> c < 0;
            default -> c <= 0;
        };
    }

    private static int compareTo(JsonNode field, String value) {
        if (field.isNumber()) {
            try {
                return Double.compare(field.asDouble(), Double.parseDouble(value));
            } catch (NumberFormatException e) {
                return field.asText().compareTo(value);
            }
        }
        return field.asText().compareTo(value);
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return Boolean.compare(a != null, b != null);
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.asText().compareTo(b.asText());
    }
}
