package dev.bulwark.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
    public <T> List<?> apply(List<T> items, Function<T, JsonNode> toJson) {
        return select(items, toJson);
    }

    /** Filters, sorts and pages a list of JSON objects. */
    public List<JsonNode> apply(List<JsonNode> items) {
        return select(items, Function.identity());
    }

    /**
     * The objects this query keeps, in its order and page: the objects themselves, seen as JSON ({@code toJson})
     * only when a filter or sort reads their fields.
     */
    public <T> List<T> select(List<T> items, Function<T, JsonNode> toJson) {
        List<T> kept = items;
        if (!filters.isEmpty() || !sorts.isEmpty()) {
            List<Map.Entry<T, JsonNode>> seen = new ArrayList<>();
            for (T item : items) {
                JsonNode json = toJson.apply(item);
                if (filters.stream().allMatch(f -> matches(json.get(f.field()), f))) {
                    seen.add(Map.entry(item, json));
                }
            }
            Comparator<Map.Entry<T, JsonNode>> order = null;
            for (Sort s : sorts) {
                Comparator<Map.Entry<T, JsonNode>> c = (a, b) -> compare(a.getValue().get(s.field()),
                        b.getValue().get(s.field()));
                c = s.ascending() ? c : c.reversed();
                order = order == null ? c : order.thenComparing(c);
            }
            if (order != null) {
                seen.sort(order);
            }
            kept = seen.stream().map(Map.Entry::getKey).toList();
        }
        List<T> ordered = backward ? kept.reversed() : kept;
        int from = Math.min(start, ordered.size());
        int to = limit == 0 ? ordered.size() : (int) Math.min(ordered.size(), (long) from + limit);
        return List.copyOf(ordered.subList(from, to));
    }

    /**
     * A boolean query parameter as NeuVector reads one ({@code brief}, {@code with_cap}): Go's
     * {@code strconv.ParseBool}, so {@code True} and {@code False} from its Python CLI, {@code 1}, {@code t}; false
     * when absent or anything else.
     */
    public static boolean flag(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v != null && Set.of("1", "t", "true").contains(v.toLowerCase(java.util.Locale.ROOT));
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
