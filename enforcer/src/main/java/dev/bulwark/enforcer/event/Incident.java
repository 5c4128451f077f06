package dev.bulwark.enforcer.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A run-time security event in the fields of NeuVector's incident log ({@code name}, {@code level},
 * {@code workload_*}, {@code proc_*}, {@code action}, {@code group}, {@code message}, ...), so that the controller
 * connection of a later stage can forward it unchanged. It is made of three small records, which the JSON shows
 * flat, in NeuVector's order: whose it is ({@link Subject}), which process ({@link Proc}), and what was done
 * about it ({@link Outcome}). Empty texts are left out.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Incident(String name, String level, long reportedTimestamp, String reportedAt, String hostName,
        @JsonUnwrapped Subject subject, @JsonUnwrapped(prefix = "proc_") Proc proc, String filePath,
        @JsonUnwrapped Outcome outcome) {

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
    public static final String ALLOW = "allow";

    /** The workload an incident is about; {@link #NONE} for one about no workload (the enforcer's own). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Subject(@JsonProperty("workload_id") String id, @JsonProperty("workload_name") String name,
            @JsonProperty("group") String group) {

        public static final Subject NONE = new Subject("", "", "");
    }

    /**
     * The process: {@code realUid} and {@code effectiveUid} are -1 when unknown, the texts empty.
     *
     * @param cmd its command line
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Proc(String name, String path, String cmd, int pid, int realUid, int effectiveUid,
            String parentName, String parentPath) {

        /** A process known only by its pid and the program it runs (or asks to run). */
        public static Proc running(int pid, String name, String path) {
            return new Proc(name, path, "", pid, -1, -1, "", "");
        }
    }

    /**
     * What the enforcer did ({@link #VIOLATE}: reported, {@link #DENY}: stopped, {@link #ALLOW}: let run for want
     * of a decision), by which rule (empty when by none), and why.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Outcome(String action, String ruleId, String message) {}

    /** An incident reported now. */
    public static Incident now(String name, String level, String hostName, Subject subject, Proc proc,
            String filePath, Outcome outcome) {
        Instant t = Instant.now();
        return new Incident(name, level, t.getEpochSecond(), t.truncatedTo(ChronoUnit.SECONDS).toString(), hostName,
                subject, proc, filePath, outcome);
    }

    /** The host's events carry {@code Host.} where a container's carry {@code Container.}. */
    public static String forHost(String name, boolean host) {
        return host && name.startsWith("Container.") ? "Host." + name.substring("Container.".length()) : name;
    }
}
