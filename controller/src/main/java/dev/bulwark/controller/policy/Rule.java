package dev.bulwark.controller.policy;

import static java.util.Objects.requireNonNull;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Section;
import java.util.List;

/**
 * A network rule, {@code RESTPolicyRule}: traffic from group {@code from} to group {@code to} on {@code ports} and
 * {@code applications} is allowed or denied; the first rule in order that matches decides.
 */
public record Rule(int id, String comment, String from, String to, String ports, String action,
        List<String> applications, boolean learned, boolean disable, long createdTimestamp,
        long lastModifiedTimestamp, String cfgType, int priority, long matchCounter, long lastMatchTimestamp) {

    public static final Kind<Rule> KIND = Kind.of("policy/rule", Rule.class, "Rule", Section.POLICY);

    /** User rules have ids 1 to this; larger ids are learned, federal and CRD rules. */
    public static final int MAX_USER_ID = 9999;

    public Rule {
        comment = comment == null ? "" : comment;
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        ports = ports == null || ports.isBlank() ? "any" : ports;
        action = action == null ? "allow" : action;
        applications = applications == null || applications.isEmpty() ? List.of("any") : List.copyOf(applications);
        cfgType = cfgType == null ? "user_created" : cfgType;
    }
}
