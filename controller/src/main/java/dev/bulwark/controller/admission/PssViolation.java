package dev.bulwark.controller.admission;

/**
 * The reasons a pod breaks a Pod Security Standard, in NeuVector's words and order ({@code GET
 * /v1/admission/options} lists them as {@code pss_collections}). A restricted pod must also pass every baseline check.
 */
public enum PssViolation {
    HOST_NAMESPACES(Level.BASELINE, "Sets HostNetwork, HostPID, or HostIPC to true."),
    PRIVILEGED(Level.BASELINE, "Allows privileged container(s)."),
    BASELINE_CAPABILITIES(Level.BASELINE, "Exceeds baseline safe set of Linux capabilities."),
    HOST_PATH_VOLUMES(Level.BASELINE, "Uses hostpath volume(s)."),
    HOST_PORTS(Level.BASELINE, "Uses hostPort(s)."),
    APPARMOR(Level.BASELINE, "Uses disallowed AppArmor profile."),
    SELINUX(Level.BASELINE, "Uses disallowed SELinux options."),
    PROC_MOUNT(Level.BASELINE, "Uses custom procMount."),
    BASELINE_SECCOMP(Level.BASELINE, "Uses disallowed seccomp profile."),
    SYSCTLS(Level.BASELINE, "Uses disallowed Linux sysctls."),
    VOLUME_TYPES(Level.RESTRICTED, "Uses illegal volume type."),
    PRIVILEGE_ESCALATION(Level.RESTRICTED, "Allows privilege escalation and/or has SYS_ADMIN capability."),
    RUNS_AS_ROOT(Level.RESTRICTED, "Allows running as root user."),
    RESTRICTED_SECCOMP(Level.RESTRICTED, "Does not explicitly set allowed seccomp profile."),
    RESTRICTED_CAPABILITIES(Level.RESTRICTED, "Exceeds restricted safe set of Linux capabilities.");

    /** A Pod Security Standard; its name is the value of a {@code violatePssPolicy} criterion. */
    public enum Level {
        BASELINE, RESTRICTED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Level level;
    private final String text;

    PssViolation(Level level, String text) {
        this.level = level;
        this.text = text;
    }

    public Level level() {
        return level;
    }

    public String text() {
        return text;
    }
}
