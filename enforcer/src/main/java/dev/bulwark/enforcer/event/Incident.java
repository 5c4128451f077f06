package dev.bulwark.enforcer.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A run-time security event in the fields of NeuVector's incident log ({@code name}, {@code level},
 * {@code workload_*}, {@code proc_*}, {@code action}, {@code group}, {@code message}, ...), so that the controller
 * connection of a later stage can forward it unchanged.
 *
 * @param action {@code violate} (reported), {@code deny} (stopped) or {@code learn}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Incident(String name, String level, long reportedTimestamp, String reportedAt, String hostName,
        String workloadId, String workloadName, String group, String procName, String procPath, String procCmd,
        int procPid, int procRealUid, int procEffectiveUid, String procParentName, String procParentPath,
        String filePath, String action, String ruleId, String message) {

    public static final String PROFILE_VIOLATION = "Process.Profile.Violation";
    public static final String HOST_PROFILE_VIOLATION = "Host.Process.Violation";
    public static final String SUSPICIOUS_PROCESS = "Container.Suspicious.Process";
    public static final String TUNNEL = "Container.Tunnel.Detected";
    public static final String ESCALATION = "Container.Privilege.Escalation";
    public static final String FILE_VIOLATION = "Container.FileAccess.Violation";
    public static final String PACKAGE_UPDATED = "Container.Package.Updated";
    /** Our own: a permission event answered "allow" because deciding it failed or took too long. */
    public static final String ENFORCER_FAILSAFE = "Enforcer.Failsafe.Allow";

    public static final String VIOLATE = "violate";
    public static final String DENY = "deny";

    /** An incident reported now: the fields after the time, in the record's order. */
    public static Incident now(String name, String level, String hostName, String workloadId, String workloadName,
            String group, String procName, String procPath, String procCmd, int procPid, int procRealUid,
            int procEffectiveUid, String procParentName, String procParentPath, String filePath, String action,
            String ruleId, String message) {
        Instant t = Instant.now();
        return new Incident(name, level, t.getEpochSecond(), t.truncatedTo(ChronoUnit.SECONDS)
                .toString(), hostName, workloadId, workloadName, group, procName, procPath, procCmd, procPid,
                procRealUid, procEffectiveUid, procParentName, procParentPath, filePath, action, ruleId, message);
    }

    /** The host's events carry {@code Host.} where a container's carry {@code Container.}. */
    public static String forHost(String name, boolean host) {
        return host && name.startsWith("Container.") ? "Host." + name.substring("Container.".length()) : name;
    }
}
