package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;

/** The controller objects the client commands know: their API paths, JSON wrappers and table columns. */
final class Kinds {

    /**
     * @param item path of one object, with {@code %s} for its name; empty when objects are not addressable
     * @param many field of the list response; {@code one} that of a single object
     */
    record Kind(String list, String item, String many, String one, List<String> columns) {}

    static final Map<String, Kind> ALL = Map.of(
            "user", new Kind("/v1/user", "/v1/user/%s", "users", "user", List.of("fullname", "role", "email", "timeout")),
            "role", new Kind("/v1/user_role", "/v1/user_role/%s", "roles", "role", List.of("name", "reserved", "comment")),
            "apikey", new Kind("/v1/api_key", "/v1/api_key/%s", "apikeys", "apikey",
                    List.of("apikey_name", "role", "expiration_type", "description")),
            "group", new Kind("/v1/group", "/v1/group/%s", "groups", "group",
                    List.of("name", "kind", "domain", "cfg_type", "comment")),
            "rule", new Kind("/v1/policy/rule", "/v1/policy/rule/%s", "rules", "rule",
                    List.of("id", "from", "to", "ports", "action", "applications", "comment")),
            "event", new Kind("/v1/log/event", "", "events", "", List.of("reported_at", "name", "level", "user", "message")),
            "activity", new Kind("/v1/log/activity", "", "events", "",
                    List.of("reported_at", "name", "user", "rest_method", "rest_request")),
            "summary", new Kind("/v1/system/summary", "", "", "summary", List.of("controllers", "policy_rules")));

    private Kinds() {}

    /** A kind by name, singular or plural ({@code groups}, {@code group}). */
    static Kind of(String name) {
        String key = name.endsWith("s") && !name.equals("activity") ? name.substring(0, name.length() - 1) : name;
        Kind k = ALL.get(key.equals("activitie") ? "activity" : key);
        if (k == null) {
            throw new InvalidInputException("unknown kind '%s' (known: %s)".formatted(name,
                    String.join(", ", ALL.keySet().stream().sorted().toList())));
        }
        return k;
    }

    static String path(Kind kind, String name) {
        if (kind.item().isEmpty()) {
            throw new InvalidInputException("these objects are not addressed by name");
        }
        return kind.item().formatted(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }
}
