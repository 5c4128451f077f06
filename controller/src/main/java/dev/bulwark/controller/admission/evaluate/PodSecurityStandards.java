package dev.bulwark.controller.admission.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.admission.PssViolation;
import dev.bulwark.controller.admission.PssViolation.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Pod Security Standards of Kubernetes 1.34 (https://kubernetes.io/docs/concepts/security/pod-security-standards/),
 * every check of the baseline and restricted levels, applied to one container of a pod: the pod-level fields count
 * for each container, so a pod breaks a level when any of its containers does. Each failed check is named by the
 * {@link PssViolation} NeuVector reports for it; HostProcess containers, which NeuVector does not check, count as
 * privileged.
 *
 * <p>Unlike NeuVector, whose restricted level also fails an image configured to run as root, this is the published
 * standard only: a pod that sets {@code runAsNonRoot} passes, and the kubelet refuses to start a root image in it.
 * The restricted checks of privilege escalation, seccomp and capabilities do not apply to Windows pods
 * ({@code spec.os.name: windows}), as the standard says.
 */
final class PodSecurityStandards {

    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> CONFINED_PROFILES = Set.of("RuntimeDefault", "Localhost");
    private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

    private PodSecurityStandards() {}

    /** The checks of {@code level} (and, for restricted, of baseline) that the container fails, in NeuVector's order. */
    static List<PssViolation> violations(Level level, PodView pod, ContainerView c) {
        EnumSet<PssViolation> found = EnumSet.noneOf(PssViolation.class);
        baseline(pod, c, found);
        if (level == Level.RESTRICTED) {
            restricted(pod, c, found);
        }
        return List.copyOf(found);
    }

    private static void baseline(PodView pod, ContainerView c, Set<PssViolation> found) {
        JsonNode podSc = pod.podSecurityContext();
        JsonNode sc = c.securityContext();
        if (pod.hostNetwork() || pod.hostPid() || pod.hostIpc()) {
            found.add(PssViolation.HOST_NAMESPACES);
        }
        if (c.privileged() || hostProcess(podSc) || hostProcess(sc)) {
            found.add(PssViolation.PRIVILEGED);
        }
        if (!BASELINE_CAPABILITIES.containsAll(c.addedCapabilities())) {
            found.add(PssViolation.BASELINE_CAPABILITIES);
        }
        if (Nodes.array(pod.spec(), "volumes").stream().anyMatch(v -> Nodes.object(v, "hostPath").isObject())) {
            found.add(PssViolation.HOST_PATH_VOLUMES);
        }
        if (Nodes.array(c.node(), "ports").stream().anyMatch(p -> Nodes.integer(p, "hostPort").orElse(0L) != 0)) {
            found.add(PssViolation.HOST_PORTS);
        }
        if (!appArmorAllowed(podSc) || !appArmorAllowed(sc)
                || !pod.meta().templateAnnotations().entrySet().stream().allMatch(PodSecurityStandards::appArmorAllowed)) {
            found.add(PssViolation.APPARMOR);
        }
        if (!seLinuxAllowed(podSc) || !seLinuxAllowed(sc)) {
            found.add(PssViolation.SELINUX);
        }
        if (!Nodes.text(sc, "procMount").orElse("Default").equals("Default")) {
            found.add(PssViolation.PROC_MOUNT);
        }
        if (seccompType(podSc).equals("Unconfined") || seccompType(sc).equals("Unconfined")) {
            found.add(PssViolation.BASELINE_SECCOMP);
        }
        if (!Nodes.array(podSc, "sysctls").stream().allMatch(s -> SAFE_SYSCTLS.contains(Nodes.textOrEmpty(s, "name")))) {
            found.add(PssViolation.SYSCTLS);
        }
    }

    private static void restricted(PodView pod, ContainerView c, Set<PssViolation> found) {
        JsonNode podSc = pod.podSecurityContext();
        JsonNode sc = c.securityContext();
        boolean linux = !Nodes.textOrEmpty(Nodes.object(pod.spec(), "os"), "name").equals("windows");
        if (!Nodes.array(pod.spec(), "volumes").stream().allMatch(PodSecurityStandards::restrictedVolume)) {
            found.add(PssViolation.VOLUME_TYPES);
        }
        if (linux && c.allowPrivilegeEscalation()) {
            found.add(PssViolation.PRIVILEGE_ESCALATION);
        }
        if (!c.runAsNonRoot().orElse(false) || Nodes.integer(podSc, "runAsUser").orElse(-1L) == 0
                || Nodes.integer(sc, "runAsUser").orElse(-1L) == 0) {
            found.add(PssViolation.RUNS_AS_ROOT);
        }
        String seccomp = seccompType(sc).isEmpty() ? seccompType(podSc) : seccompType(sc);
        if (linux && !CONFINED_PROFILES.contains(seccomp)) {
            found.add(PssViolation.RESTRICTED_SECCOMP);
        }
        boolean dropsAll = c.droppedCapabilities().contains("ALL");
        boolean addsOnlyBind = c.addedCapabilities().stream().allMatch(a -> a.equals("NET_BIND_SERVICE"));
        if (linux && !(dropsAll && addsOnlyBind)) {
            found.add(PssViolation.RESTRICTED_CAPABILITIES);
        }
    }

    private static boolean hostProcess(JsonNode securityContext) {
        return Nodes.isTrue(Nodes.object(securityContext, "windowsOptions"), "hostProcess");
    }

    /** {@code appArmorProfile.type}: undefined, RuntimeDefault or Localhost. */
    private static boolean appArmorAllowed(JsonNode securityContext) {
        return Nodes.text(Nodes.object(securityContext, "appArmorProfile"), "type")
                .map(CONFINED_PROFILES::contains).orElse(true);
    }

    /** The older per-container annotation: runtime/default or localhost/NAME. */
    private static boolean appArmorAllowed(Map.Entry<String, String> annotation) {
        return !annotation.getKey().startsWith(APPARMOR_ANNOTATION) || annotation.getValue().equals("runtime/default")
                || annotation.getValue().startsWith("localhost/");
    }

    private static boolean seLinuxAllowed(JsonNode securityContext) {
        JsonNode options = Nodes.object(securityContext, "seLinuxOptions");
        return SELINUX_TYPES.contains(Nodes.textOrEmpty(options, "type"))
                && Nodes.textOrEmpty(options, "user").isEmpty() && Nodes.textOrEmpty(options, "role").isEmpty();
    }

    private static String seccompType(JsonNode securityContext) {
        return Nodes.textOrEmpty(Nodes.object(securityContext, "seccompProfile"), "type");
    }

    /** A volume of one of the core types the restricted level allows (a volume without a source is not one). */
    private static boolean restrictedVolume(JsonNode volume) {
        return RESTRICTED_VOLUMES.stream().anyMatch(type -> Nodes.object(volume, type).isObject());
    }
}
