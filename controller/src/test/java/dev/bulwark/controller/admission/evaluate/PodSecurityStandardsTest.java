package dev.bulwark.controller.admission.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.admission.PssViolation;
import dev.bulwark.controller.admission.PssViolation.Level;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every check of the Pod Security Standards, written from the published definition
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/): for each restricted field, a pod that sets
 * an allowed value and one that sets a disallowed value, each a change to a pod that passes the restricted level.
 */
class PodSecurityStandardsTest {

    /** Passes restricted: non-root, RuntimeDefault seccomp, no privilege escalation, every capability dropped. */
    private static final String COMPLIANT = """
            {"metadata": {"name": "web", "namespace": "default"},
             "spec": {"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
                      "containers": [{"name": "app", "image": "nginx", "securityContext": {
                          "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]}}""";

    private static String spec(String fields) {
        return "{\"spec\": {%s}}".formatted(fields);
    }

    private static String podSc(String fields) {
        return spec("\"securityContext\": {%s}".formatted(fields));
    }

    private static String container(String fields) {
        return spec("\"containers\": [{%s}]".formatted(fields));
    }

    private static String sc(String fields) {
        return container("\"securityContext\": {%s}".formatted(fields));
    }

    private static Arguments row(String check, Level level, String allowed, String denied, PssViolation reason) {
        return Arguments.of(check, level, allowed, denied, reason);
    }

    static Stream<Arguments> checks() {
        Level b = Level.BASELINE;
        Level r = Level.RESTRICTED;
        return Stream.of(
                row("HostProcess (pod)", b, podSc("\"windowsOptions\": {\"hostProcess\": false}"),
                        podSc("\"windowsOptions\": {\"hostProcess\": true}"), PssViolation.PRIVILEGED),
                row("HostProcess (container)", b, sc("\"windowsOptions\": {\"hostProcess\": false}"),
                        sc("\"windowsOptions\": {\"hostProcess\": true}"), PssViolation.PRIVILEGED),
                row("hostNetwork", b, spec("\"hostNetwork\": false"), spec("\"hostNetwork\": true"),
                        PssViolation.HOST_NAMESPACES),
                row("hostPID", b, spec("\"hostPID\": false"), spec("\"hostPID\": true"), PssViolation.HOST_NAMESPACES),
                row("hostIPC", b, spec("\"hostIPC\": false"), spec("\"hostIPC\": true"), PssViolation.HOST_NAMESPACES),
                row("privileged", b, sc("\"privileged\": false"), sc("\"privileged\": true"), PssViolation.PRIVILEGED),
                row("capabilities.add", b, sc("\"capabilities\": {\"add\": [\"CHOWN\", \"NET_BIND_SERVICE\", \"KILL\"]}"),
                        sc("\"capabilities\": {\"add\": [\"CHOWN\", \"NET_RAW\"]}"), PssViolation.BASELINE_CAPABILITIES),
                row("hostPath volumes", b, spec("\"volumes\": [{\"name\": \"d\", \"emptyDir\": {}}]"),
                        spec("\"volumes\": [{\"name\": \"d\", \"hostPath\": {\"path\": \"/etc\"}}]"),
                        PssViolation.HOST_PATH_VOLUMES),
                row("hostPort", b, container("\"ports\": [{\"containerPort\": 80, \"hostPort\": 0}]"),
                        container("\"ports\": [{\"containerPort\": 80, \"hostPort\": 8080}]"), PssViolation.HOST_PORTS),
                row("appArmorProfile (pod)", b, podSc("\"appArmorProfile\": {\"type\": \"RuntimeDefault\"}"),
                        podSc("\"appArmorProfile\": {\"type\": \"Unconfined\"}"), PssViolation.APPARMOR),
                row("appArmorProfile (container)", b, sc("\"appArmorProfile\": {\"type\": \"Localhost\"}"),
                        sc("\"appArmorProfile\": {\"type\": \"Unconfined\"}"), PssViolation.APPARMOR),
                row("AppArmor annotation", b,
                        "{\"metadata\": {\"annotations\": {\"container.apparmor.security.beta.kubernetes.io/app\":"
                                + " \"localhost/custom\"}}}",
                        "{\"metadata\": {\"annotations\": {\"container.apparmor.security.beta.kubernetes.io/app\":"
                                + " \"unconfined\"}}}", PssViolation.APPARMOR),
                row("seLinuxOptions.type (pod)", b, podSc("\"seLinuxOptions\": {\"type\": \"container_engine_t\"}"),
                        podSc("\"seLinuxOptions\": {\"type\": \"spc_t\"}"), PssViolation.SELINUX),
                row("seLinuxOptions.type (container)", b, sc("\"seLinuxOptions\": {\"type\": \"container_init_t\"}"),
                        sc("\"seLinuxOptions\": {\"type\": \"unconfined_t\"}"), PssViolation.SELINUX),
                row("seLinuxOptions.user", b, sc("\"seLinuxOptions\": {\"level\": \"s0:c1\", \"user\": \"\"}"),
                        sc("\"seLinuxOptions\": {\"user\": \"system_u\"}"), PssViolation.SELINUX),
                row("seLinuxOptions.role", b, podSc("\"seLinuxOptions\": {\"role\": \"\"}"),
                        podSc("\"seLinuxOptions\": {\"role\": \"system_r\"}"), PssViolation.SELINUX),
                row("procMount", b, sc("\"procMount\": \"Default\""), sc("\"procMount\": \"Unmasked\""),
                        PssViolation.PROC_MOUNT),
                row("seccompProfile (pod)", b, podSc("\"seccompProfile\": {\"type\": \"Localhost\"}"),
                        podSc("\"seccompProfile\": {\"type\": \"Unconfined\"}"), PssViolation.BASELINE_SECCOMP),
                row("seccompProfile (container)", b, sc("\"seccompProfile\": {\"type\": \"RuntimeDefault\"}"),
                        sc("\"seccompProfile\": {\"type\": \"Unconfined\"}"), PssViolation.BASELINE_SECCOMP),
                row("sysctls", b, podSc("\"sysctls\": [{\"name\": \"net.ipv4.tcp_keepalive_time\", \"value\": \"60\"},"
                        + " {\"name\": \"kernel.shm_rmid_forced\", \"value\": \"1\"}]"),
                        podSc("\"sysctls\": [{\"name\": \"kernel.msgmax\", \"value\": \"65536\"}]"),
                        PssViolation.SYSCTLS),
                row("volume types", r, spec("\"volumes\": [{\"name\": \"a\", \"configMap\": {\"name\": \"c\"}},"
                        + " {\"name\": \"b\", \"ephemeral\": {}}, {\"name\": \"c\", \"csi\": {\"driver\": \"x\"}},"
                        + " {\"name\": \"d\", \"projected\": {}}, {\"name\": \"e\", \"secret\": {}},"
                        + " {\"name\": \"f\", \"downwardAPI\": {}}, {\"name\": \"g\", \"persistentVolumeClaim\": {}}]"),
                        spec("\"volumes\": [{\"name\": \"a\", \"nfs\": {\"server\": \"s\", \"path\": \"/\"}}]"),
                        PssViolation.VOLUME_TYPES),
                row("allowPrivilegeEscalation", r, sc("\"allowPrivilegeEscalation\": false"),
                        sc("\"allowPrivilegeEscalation\": true"), PssViolation.PRIVILEGE_ESCALATION),
                row("allowPrivilegeEscalation undefined", r, sc("\"allowPrivilegeEscalation\": false"),
                        sc("\"allowPrivilegeEscalation\": null"), PssViolation.PRIVILEGE_ESCALATION),
                row("runAsNonRoot (pod)", r, podSc("\"runAsNonRoot\": true"), podSc("\"runAsNonRoot\": false"),
                        PssViolation.RUNS_AS_ROOT),
                row("runAsNonRoot (container)", r, sc("\"runAsNonRoot\": true"), sc("\"runAsNonRoot\": false"),
                        PssViolation.RUNS_AS_ROOT),
                row("runAsNonRoot undefined", r, sc("\"runAsNonRoot\": true"), podSc("\"runAsNonRoot\": null"),
                        PssViolation.RUNS_AS_ROOT),
                row("runAsUser (pod)", r, podSc("\"runAsUser\": 1000"), podSc("\"runAsUser\": 0"),
                        PssViolation.RUNS_AS_ROOT),
                row("runAsUser (container)", r, sc("\"runAsUser\": 1000"), sc("\"runAsUser\": 0"),
                        PssViolation.RUNS_AS_ROOT),
                row("seccompProfile required (pod)", r, podSc("\"seccompProfile\": {\"type\": \"Localhost\"}"),
                        podSc("\"seccompProfile\": null"), PssViolation.RESTRICTED_SECCOMP),
                row("seccompProfile required (container)", r,
                        "{\"spec\": {\"securityContext\": {\"seccompProfile\": null}, \"containers\": [{"
                                + "\"securityContext\": {\"seccompProfile\": {\"type\": \"RuntimeDefault\"}}}]}}",
                        "{\"spec\": {\"securityContext\": {\"seccompProfile\": null}, \"containers\": [{"
                                + "\"securityContext\": {\"seccompProfile\": null}}]}}", PssViolation.RESTRICTED_SECCOMP),
                row("capabilities.drop ALL", r, sc("\"capabilities\": {\"drop\": [\"ALL\"]}"),
                        sc("\"capabilities\": {\"drop\": [\"NET_RAW\"]}"), PssViolation.RESTRICTED_CAPABILITIES),
                row("capabilities.add NET_BIND_SERVICE only", r,
                        sc("\"capabilities\": {\"drop\": [\"ALL\"], \"add\": [\"NET_BIND_SERVICE\"]}"),
                        sc("\"capabilities\": {\"drop\": [\"ALL\"], \"add\": [\"CHOWN\"]}"),
                        PssViolation.RESTRICTED_CAPABILITIES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void eachCheckAllowsItsAllowedValuesAndNamesTheDisallowedOnes(String check, Level level, String allowed,
            String denied, PssViolation reason) {
        assertThat(violations(level, allowed)).as("allowed").isEmpty();
        assertThat(violations(level, denied)).as("denied").containsExactly(reason);
    }

    @Test
    void theCompliantPodPassesBothLevelsAndAnEmptyOnePassesBaselineOnly() {
        assertThat(violations(Level.RESTRICTED, "{}")).isEmpty();
        String bare = "{\"spec\": {\"securityContext\": null, \"containers\": [{\"securityContext\": null}]}}";
        assertThat(violations(Level.BASELINE, bare)).isEmpty();
        assertThat(violations(Level.RESTRICTED, bare)).containsExactly(PssViolation.PRIVILEGE_ESCALATION,
                PssViolation.RUNS_AS_ROOT, PssViolation.RESTRICTED_SECCOMP, PssViolation.RESTRICTED_CAPABILITIES);
    }

    @Test
    void restrictedIncludesBaseline() {
        assertThat(violations(Level.RESTRICTED, spec("\"hostNetwork\": true")))
                .containsExactly(PssViolation.HOST_NAMESPACES);
    }

    @Test
    void windowsPodsNeedNoSeccompCapabilitiesOrEscalationSettings() {
        String windows = "{\"spec\": {\"os\": {\"name\": \"windows\"}, \"securityContext\": {\"seccompProfile\": null},"
                + " \"containers\": [{\"securityContext\": {\"allowPrivilegeEscalation\": null, \"capabilities\": null}}]}}";
        assertThat(violations(Level.RESTRICTED, windows)).isEmpty();
    }

    private static List<PssViolation> violations(Level level, String patch) {
        ObjectNode pod = (ObjectNode) Admissions.json(COMPLIANT);
        merge(pod, Admissions.json(patch));
        PodView view = PodView.read(Admissions.request("Pod", pod.toString())).orElseThrow();
        return PodSecurityStandards.violations(level, view, view.containers().getFirst());
    }

    /** A JSON merge patch (null removes), where arrays of objects merge element by element. */
    private static void merge(JsonNode target, JsonNode patch) {
        if (target instanceof ObjectNode o) {
            patch.properties().forEach(e -> {
                JsonNode t = o.get(e.getKey());
                if (e.getValue().isNull()) {
                    o.remove(e.getKey());
                } else if (t != null && (t.isObject() || t.isArray() && t.path(0).isObject())
                        && t.getNodeType() == e.getValue().getNodeType()) {
                    merge(t, e.getValue());
                } else {
                    o.set(e.getKey(), e.getValue());
                }
            });
        } else if (target instanceof ArrayNode a) {
            for (int i = 0; i < patch.size(); i++) {
                if (i < a.size() && a.get(i).isObject()) {
                    merge(a.get(i), patch.get(i));
                } else {
                    a.add(patch.get(i));
                }
            }
        }
    }
}
