package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;

/** The controller objects the client commands know: their API paths, JSON wrappers and table columns. */
final class Kinds {

    /**
     * @param item path of one object, with {@code %s} for its name; empty when objects are not addressable
     * @param many field of the list response; {@code one} that of a single object
     * @param create path that creates one with POST; empty when {@code create} does not make this kind
     */
    record Kind(String list, String item, String many, String one, List<String> columns, String create) {}

    static final Map<String, Kind> ALL = Map.ofEntries(
            Map.entry("user", new Kind("/v1/user", "/v1/user/%s", "users", "user",
                    List.of("fullname", "role", "email", "timeout"), "/v1/user")),
            Map.entry("role", new Kind("/v1/user_role", "/v1/user_role/%s", "roles", "role",
                    List.of("name", "reserved", "comment"), "/v1/user_role")),
            Map.entry("apikey", new Kind("/v1/api_key", "/v1/api_key/%s", "apikeys", "apikey",
                    List.of("apikey_name", "role", "expiration_type", "description"), "/v1/api_key")),
            Map.entry("group", new Kind("/v1/group", "/v1/group/%s", "groups", "group",
                    List.of("name", "kind", "domain", "cfg_type", "comment"), "/v1/group")),
            Map.entry("rule", new Kind("/v1/policy/rule", "/v1/policy/rule/%s", "rules", "rule",
                    List.of("id", "from", "to", "ports", "action", "applications", "comment"), "")),
            Map.entry("responserule", new Kind("/v1/response/rule", "/v1/response/rule/%s", "rules", "rule",
                    List.of("id", "event", "group", "actions", "comment"), "")),
            Map.entry("admissionrule", new Kind("/v1/admission/rules", "/v1/admission/rule/%s", "rules", "rule",
                    List.of("id", "rule_type", "comment", "disable"), "/v1/admission/rule")),
            Map.entry("dlpsensor", new Kind("/v1/dlp/sensor", "/v1/dlp/sensor/%s", "sensors", "sensor",
                    List.of("name", "predefine", "groups", "comment"), "/v1/dlp/sensor")),
            Map.entry("wafsensor", new Kind("/v1/waf/sensor", "/v1/waf/sensor/%s", "sensors", "sensor",
                    List.of("name", "predefine", "groups", "comment"), "/v1/waf/sensor")),
            Map.entry("processprofile", new Kind("/v1/process_profile", "/v1/process_profile/%s", "process_profiles",
                    "process_profile", List.of("group", "mode", "alert_disabled"), "")),
            Map.entry("domain", new Kind("/v1/domain", "", "domains", "", List.of("name", "workloads"), "")),
            Map.entry("event", new Kind("/v1/log/event", "", "events", "",
                    List.of("reported_at", "name", "level", "user", "message"), "")),
            Map.entry("activity", new Kind("/v1/log/activity", "", "events", "",
                    List.of("reported_at", "name", "user", "rest_method", "rest_request"), "")),
            Map.entry("config", new Kind("/v1/system/config", "", "", "config",
                    List.of("cluster_name", "new_service_policy_mode", "syslog_status"), "")),
            Map.entry("summary", new Kind("/v1/system/summary", "", "", "summary",
                    List.of("controllers", "policy_rules"), "")));

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
