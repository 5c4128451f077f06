package dev.bulwark.controller.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.policy.ResponseRules;
import dev.bulwark.controller.runtime.RuntimeState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code quarantine} action of response rules: a security event (an incident, a network violation) about a
 * container quarantines it when an enabled {@code security-event} rule with that action matches. A rule matches
 * when the container is in the rule's group and its conditions hold: {@code name} the event's name, {@code level}
 * the event's level or a less severe one (NeuVector's syslog levels); conditions of one type OR, of different types
 * AND, none always hold. Every matching rule fires, as in NeuVector; the first one to quarantine names the reason.
 */
public final class QuarantineResponses {

    private static final List<String> LEVELS = List.of("emergency", "alert", "critical", "error", "warning",
            "notice", "info", "debug");

    private final ResponseRules rules;
    private final GroupMemberships memberships;
    private final RuntimeState state;
    private final Quarantine quarantine;

    public QuarantineResponses(ResponseRules rules, GroupMemberships memberships, RuntimeState state,
            Quarantine quarantine) {
        this.rules = rules;
        this.memberships = memberships;
        this.state = state;
        this.quarantine = quarantine;
    }

    /**
     * A security event as recorded ({@code name}, {@code level}, {@code workload_id}); the rule that quarantined its
     * container, if one did now.
     */
    public Optional<Integer> securityEvent(JsonNode event) {
        String name = event.path("name").asText("");
        String level = event.path("level").asText("");
        Optional<RuntimeState.Running> r = state.workload(event.path("workload_id").asText(""))
                .filter(x -> x.workload().running());
        if (r.isEmpty() || quarantine.quarantined(r.get().workload().id())) {
            return Optional.empty();
        }
        List<String> groups = memberships.current().groupsOf(r.get().workload(), r.get().hostName());
        for (ResponseRules.ResponseRule rule : rules.list()) {
            if ("security-event".equals(rule.event()) && !Boolean.TRUE.equals(rule.disable())
                    && rule.actions() != null && rule.actions().contains("quarantine")
                    && groups.contains(rule.group()) && holds(rule.conditions(), name, level)
                    && quarantine.quarantine(r.get(), name + " (rule " + rule.id() + ")", "")) {
                return Optional.of(rule.id());
            }
        }
        return Optional.empty();
    }

    private static boolean holds(List<ResponseRules.Condition> conditions, String name, String level) {
        if (conditions == null) {
            return true;
        }
        Map<String, List<String>> byType = conditions.stream().filter(c -> c != null && c.type() != null
                && c.value() != null).collect(Collectors.groupingBy(ResponseRules.Condition::type,
                        Collectors.mapping(ResponseRules.Condition::value, Collectors.toList())));
        return byType.entrySet().stream().allMatch(e -> e.getValue().stream().anyMatch(v -> switch (e.getKey()) {
            case "name" -> v.equals(name);
            case "level" -> atLeast(level, v);
            default -> false;
        }));
    }

    /** Whether {@code level} is {@code wanted} or more severe; an unknown level is neither. */
    private static boolean atLeast(String level, String wanted) {
        int l = LEVELS.indexOf(level.toLowerCase(Locale.ROOT));
        int w = LEVELS.indexOf(wanted.toLowerCase(Locale.ROOT));
        return l >= 0 && w >= 0 && l <= w;
    }
}
