package dev.bulwark.enforcer.policy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a process profile, as NeuVector names its fields: a process {@code name} and executable
 * {@code path}, either of which may be {@code *} or end in {@code *}; the {@code user} it runs as (its effective
 * uid's name in the workload), absent or {@code *} for any; {@code action} allow or deny; {@code cfg_type} learned
 * or user_created.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessRule(String name, String path, String user, String action, String cfgType) {

    public static final String ALLOW = "allow";
    public static final String DENY = "deny";
    public static final String LEARNED = "learned";
    public static final String USER_CREATED = "user_created";

    public ProcessRule {
        if (name == null || name.isEmpty() || path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a process rule needs a name and a path (* for any)");
        }
        if (!ALLOW.equals(action) && !DENY.equals(action)) {
            throw new IllegalArgumentException("process rule action is allow or deny, not " + action);
        }
        if (name.equals("*") && path.equals("*") && action.equals(DENY)) {
            throw new IllegalArgumentException("a rule denying every process would stop the container itself");
        }
        cfgType = cfgType == null ? USER_CREATED : cfgType;
        user = user == null || user.isEmpty() || user.equals("*") ? null : user;
    }

    public boolean allows() {
        return action.equals(ALLOW);
    }

    /** Whether the rule names any process or path with a wildcard, which makes it weaker than an exact one. */
    boolean wildcard() {
        return name.endsWith("*") || path.endsWith("*");
    }

    /**
     * Whether the rule covers a process of this name run from this path as this user; an empty path matches only
     * {@code *}, and an empty user (not known: the process was gone before it was read) any rule's.
     */
    boolean matches(String processName, String processPath, String processUser) {
        return glob(name, processName) && glob(path, processPath)
                && (user == null || processUser.isEmpty() || user.equals(processUser));
    }

    /** Whether the rule's path covers this executable whatever the process will be called. */
    boolean matchesPath(String processPath) {
        return glob(path, processPath);
    }

    private static boolean glob(String pattern, String value) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return value.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(value);
    }
}
