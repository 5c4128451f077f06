package dev.bulwark.controller.admission.evaluate;

import static dev.bulwark.controller.admission.evaluate.Admissions.container;
import static dev.bulwark.controller.admission.evaluate.Admissions.criterion;
import static dev.bulwark.controller.admission.evaluate.Admissions.cve;
import static dev.bulwark.controller.admission.evaluate.Admissions.denies;
import static dev.bulwark.controller.admission.evaluate.Admissions.facts;
import static dev.bulwark.controller.admission.evaluate.Admissions.pod;
import static dev.bulwark.controller.admission.evaluate.Admissions.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.admission.AdmissionRules.Criterion;
import dev.bulwark.controller.admission.evaluate.Admissions.Scans;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each criterion with each of its operators, on a request it matches and one it does not: a protect-mode deny rule
 * of the one criterion denies exactly the first.
 */
class CriteriaTest {

    private static final AdmissionRequest NGINX = container("nginx:1.25", "");
    private static final AdmissionRequest PRIVATE = container("registry.example.com:5000/team/app@sha256:abc", "");

    private static Arguments row(String name, String op, String value, AdmissionRequest matching,
            AdmissionRequest other) {
        return Arguments.of(name, op, value, matching, other);
    }

    static Stream<Arguments> yamlCriteria() {
        AdmissionRequest labelled = request("Deployment", """
                {"metadata": {"name": "web", "labels": {"app": "web", "tier": "front"}},
                 "spec": {"template": {"metadata": {"labels": {"app": "web-v2"}, "annotations": {"team": "blue"}},
                          "spec": {"containers": [{"name": "app", "image": "nginx"}]}}}}""");
        AdmissionRequest env = container("nginx", "\"env\": [{\"name\": \"MODE\", \"value\": \"prod\"},"
                + " {\"name\": \"POD\", \"valueFrom\": {\"fieldRef\": {\"fieldPath\": \"metadata.name\"}}},"
                + " {\"name\": \"TOKEN\", \"valueFrom\": {\"secretKeyRef\": {\"name\": \"s\", \"key\": \"k\"}}}]");
        AdmissionRequest secret = container("nginx", "\"env\": [{\"name\": \"DB_PASSWORD\", \"value\": \"s3cr3t-Pa55word\"}]");
        AdmissionRequest host = pod("""
                {"volumes": [{"name": "logs", "hostPath": {"path": "/var/log"}}, {"name": "tmp", "emptyDir": {}}],
                 "containers": [{"name": "app", "image": "nginx",
                                 "volumeMounts": [{"name": "logs", "mountPath": "/logs"}, {"name": "tmp", "mountPath": "/t"}]}]}""");
        AdmissionRequest limited = container("nginx", "\"resources\": {\"limits\": {\"cpu\": \"2\", \"memory\": \"1Gi\"},"
                + " \"requests\": {\"cpu\": \"500m\"}}");
        AdmissionRequest statefulSet = request("StatefulSet", """
                {"metadata": {"name": "db"}, "spec": {
                   "template": {"spec": {"containers": [{"name": "db", "image": "postgres"}]}},
                   "volumeClaimTemplates": [{"spec": {"storageClassName": "fast-ssd"}}]}}""");
        return Stream.of(
                row("namespace", "containsAny", "prod,def*", NGINX, Admissions.in("kube-flannel", NGINX)),
                row("namespace", "notContainsAny", "prod,kube-*", NGINX, Admissions.in("prod", NGINX)),
                row("user", "containsAny", "bob,ali?e", NGINX, pod("{}")),
                row("user", "regex", "^ali", NGINX, Admissions.in("default", withUser("bob"))),
                row("user", "!regex", "^bob", NGINX, withUser("bob")),
                row("userGroups", "containsAll", "dev,system:*", NGINX, withUser("bob")),
                row("userGroups", "containsOtherThan", "system:authenticated", NGINX, withUser("bob")),
                row("image", "containsAny", "nginx:1.*", NGINX, container("nginx:2.0", "")),
                row("image", "containsAny", "docker.io/library/nginx", NGINX, PRIVATE),
                row("image", "containsAny", "https://registry.example.com:5000/team/*", PRIVATE, NGINX),
                row("image", "notContainsAny", "registry.example.com:5000/team/app@sha256:abc", NGINX, PRIVATE),
                row("imageRegistry", "containsAny", "dockerhub", NGINX, PRIVATE),
                row("imageRegistry", "notContainsAny", "https://index.docker.io/", PRIVATE, NGINX),
                row("labels", "containsAny", "app=web-v*", labelled, NGINX),
                row("labels", "containsAll", "app,tier=front", labelled, NGINX),
                row("labels", "notContainsAny", "tier=back", NGINX, withLabel("tier", "back")),
                row("labels", "containsOtherThan", "app", labelled, withLabel("app", "x")),
                row("annotations", "containsAny", "team=blue", labelled, NGINX),
                row("envVars", "containsAll", "MODE=prod,POD=web", env, NGINX),
                row("envVars", "notContainsAny", "TOKEN", env, container("nginx",
                        "\"env\": [{\"name\": \"TOKEN\", \"value\": \"\"}]")),
                row("envVarSecrets", "=", "true", secret, env),
                row("envVarSecrets", "=", "false", env, secret),
                row("mountVolumes", "containsAny", "/var/*", host, NGINX),
                row("mountVolumes", "containsOtherThan", "/tmp", host, NGINX),
                row("runAsPrivileged", "=", "true", container("nginx", "\"securityContext\": {\"privileged\": true}"),
                        NGINX),
                row("runAsPrivileged", "=", "false", NGINX,
                        container("nginx", "\"securityContext\": {\"privileged\": true}")),
                row("allowPrivEscalation", "=", "true", NGINX,
                        container("nginx", "\"securityContext\": {\"allowPrivilegeEscalation\": false}")),
                row("allowPrivEscalation", "=", "true", container("nginx", "\"securityContext\": "
                        + "{\"allowPrivilegeEscalation\": false, \"capabilities\": {\"add\": [\"SYS_ADMIN\"]}}"),
                        container("nginx", "\"securityContext\": {\"allowPrivilegeEscalation\": false}")),
                row("sharePidWithHost", "=", "true", pod("{\"hostPID\": true, \"containers\": [{\"name\": \"a\", \"image\": \"nginx\"}]}"), NGINX),
                row("shareIpcWithHost", "=", "true", pod("{\"hostIPC\": true, \"containers\": [{\"name\": \"a\", \"image\": \"nginx\"}]}"), NGINX),
                row("shareNetWithHost", "=", "true", pod("{\"hostNetwork\": true, \"containers\": [{\"name\": \"a\", \"image\": \"nginx\"}]}"), NGINX),
                row("runAsRoot", "=", "true", container("nginx", "\"securityContext\": {\"runAsUser\": 0}"),
                        container("nginx", "\"securityContext\": {\"runAsUser\": 1000}")),
                row("runAsRoot", "=", "false", pod("{\"securityContext\": {\"runAsNonRoot\": true},"
                        + " \"containers\": [{\"name\": \"a\", \"image\": \"nginx\"}]}"), pod("{\"securityContext\":"
                        + " {\"runAsUser\": 0}, \"containers\": [{\"name\": \"a\", \"image\": \"nginx\"}]}")),
                row("pspCompliance", "=", "true", pod("{\"hostNetwork\": true, \"containers\": [{\"name\": \"a\","
                        + " \"image\": \"nginx\", \"securityContext\": {\"allowPrivilegeEscalation\": false,"
                        + " \"runAsNonRoot\": true}}]}"), container("nginx", "\"securityContext\": "
                        + "{\"allowPrivilegeEscalation\": false, \"runAsNonRoot\": true}")),
                row("violatePssPolicy", "=", "baseline", pod("{\"hostPID\": true, \"containers\": [{\"name\": \"a\", \"image\": \"nginx\"}]}"), NGINX),
                row("violatePssPolicy", "=", "restricted", NGINX, container("nginx", "\"securityContext\": {"
                        + "\"allowPrivilegeEscalation\": false, \"runAsNonRoot\": true, \"seccompProfile\":"
                        + " {\"type\": \"RuntimeDefault\"}, \"capabilities\": {\"drop\": [\"ALL\"]}}")),
                row("storageClassName", "containsAny", "fast-*", statefulSet, NGINX),
                row("storageClassName", "notContainsAny", "slow", statefulSet, withStorageClass("slow")),
                row("customPath", "=", "true", container("nginx", "\"securityContext\": {\"readOnlyRootFilesystem\": true}"),
                        NGINX),
                row("resourceLimit", "", "", limited, NGINX));
    }

    private static AdmissionRequest withUser(String user) {
        AdmissionRequest r = NGINX;
        return new AdmissionRequest(r.apiVersion(), r.uid(), r.kind(), r.operation(), r.namespace(), r.name(), user,
                List.of("system:authenticated"), r.object());
    }

    private static AdmissionRequest withLabel(String key, String value) {
        return request("Pod", "{\"metadata\": {\"name\": \"web\", \"labels\": {\"%s\": \"%s\"}}, \"spec\":"
                .formatted(key, value) + " {\"containers\": [{\"name\": \"app\", \"image\": \"nginx\"}]}}");
    }

    private static AdmissionRequest withStorageClass(String storageClass) {
        return request("StatefulSet", ("{\"metadata\": {\"name\": \"db\"}, \"spec\": {\"template\": {\"spec\":"
                + " {\"containers\": [{\"name\": \"db\", \"image\": \"postgres\"}]}}, \"volumeClaimTemplates\":"
                + " [{\"spec\": {\"storageClassName\": \"%s\"}}]}}").formatted(storageClass));
    }

    private static Criterion criterionOf(String name, String op, String value) {
        return switch (name) {
            case "customPath" -> new Criterion("customPath", op, value, null, "customPath", "podTemplate",
                    "item.spec.containers.0.securityContext.readOnlyRootFilesystem", "boolean");
            case "resourceLimit" -> criterion(name, op, value, criterion("cpuLimit", ">", "1500m"),
                    criterion("memoryLimit", ">", "4Gi"));
            default -> criterion(name, op, value);
        };
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("yamlCriteria")
    void matchesWhatItDescribesAndNothingElse(String name, String op, String value, AdmissionRequest matching,
            AdmissionRequest other) {
        Criterion c = criterionOf(name, op, value);
        assertThat(denies(c, matching)).as("matching").isTrue();
        assertThat(denies(c, other)).as("other").isFalse();
    }

    private static final String NGINX_REF = "docker.io/library/nginx:1.25";

    static Stream<Arguments> scanCriteria() {
        List<ImageFacts.Cve> cves = List.of(cve("CVE-2024-1", "Critical", 9.8, true, 100),
                cve("CVE-2024-2", "High", 7.5, false, 10), cve("CVE-2024-3", "High", 7.1, true, 400),
                cve("CVE-2024-4", "Medium", 5.0, false, 5), cve("CVE-2024-5", "Low", 3.1, false, 5));
        ImageFacts vulnerable = facts("", cves);
        ImageFacts clean = new ImageFacts(true, false, "app", List.of(), List.of(), true, true, List.of("cosign-key"));
        return Stream.of(
                Arguments.of("cveNames", "containsAny", "cve-2024-2,CVE-2099-*", vulnerable, clean),
                Arguments.of("cveNames", "notContainsAny", "CVE-2024-1", clean, vulnerable),
                Arguments.of("cveCriticalCount", ">=", "1", vulnerable, clean),
                Arguments.of("cveHighCount", ">=", "3", vulnerable, clean),
                Arguments.of("cveHighCountNoCritical", ">=", "2", vulnerable, clean),
                Arguments.of("cveHighCountNoCritical", "<=", "0", clean, vulnerable),
                Arguments.of("cveMediumCount", ">=", "1", vulnerable, clean),
                Arguments.of("cveCriticalWithFixCount", ">=", "1", vulnerable, clean),
                Arguments.of("cveHighWithFixCount", ">=", "2", vulnerable, clean),
                Arguments.of("cveHighWithFixCountNoCritical", ">=", "1", vulnerable, clean),
                Arguments.of("imageScanned", "=", "true", clean, ImageFacts.unscanned()),
                Arguments.of("imageScanned", "=", "false", ImageFacts.unscanned(), clean),
                Arguments.of("imageSigned", "=", "true", clean, vulnerable),
                Arguments.of("imageVerifiers", "containsAny", "cosign-*", clean, vulnerable),
                Arguments.of("imageCompliance", "=", "true", clean, vulnerable),
                Arguments.of("imageNoOS", "=", "true", clean, vulnerable),
                Arguments.of("modules", "containsAny", "openssl", vulnerable, clean),
                Arguments.of("modules", "notContainsAny", "curl", clean, vulnerable),
                Arguments.of("runAsRoot", "=", "true", vulnerable, clean),
                Arguments.of("runAsRoot", "=", "false", clean, vulnerable),
                Arguments.of("pspCompliance", "=", "true", vulnerable, clean));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("scanCriteria")
    void scanCriteriaReadTheImagesScan(String name, String op, String value, ImageFacts matching, ImageFacts other) {
        Criterion c = criterion(name, op, value);
        AdmissionRequest r = name.equals("pspCompliance") ? container("nginx:1.25",
                "\"securityContext\": {\"allowPrivilegeEscalation\": false}") : NGINX;
        assertThat(denies(c, r, new Scans().with(NGINX_REF, matching))).as("matching").isTrue();
        assertThat(denies(c, r, new Scans().with(NGINX_REF, other))).as("other").isFalse();
    }

    @Test
    void scanCriteriaNeverMatchAnImageThatWasNotScanned() {
        for (Criterion c : List.of(criterion("cveNames", "notContainsAny", "CVE-1"),
                criterion("cveHighCount", "<=", "10"), criterion("imageNoOS", "=", "true"),
                criterion("imageCompliance", "=", "false"), criterion("modules", "notContainsAny", "x"),
                criterion("imageSigned", "=", "false"), criterion("runAsRoot", "=", "false"),
                criterion("runAsRoot", "=", "true"))) {
            assertThat(denies(c, NGINX)).as(c.name()).isFalse();
        }
    }

    @Test
    void cveCountsHonourPublishDaysAndScoreCountsTheirSubCriterion() {
        Scans scans = new Scans().with(NGINX_REF, facts("", List.of(cve("CVE-1", "High", 7.5, false, 10),
                cve("CVE-2", "Critical", 9.1, false, 40), cve("CVE-3", "Low", 3.9, false, 400))));
        assertThat(denies(criterion("cveHighCount", ">=", "2", criterion("publishDays", ">=", "30")), NGINX, scans))
                .isFalse();
        assertThat(denies(criterion("cveHighCount", ">=", "1", criterion("publishDays", ">=", "30")), NGINX, scans))
                .isTrue();
        assertThat(denies(criterion("cveScoreCount", ">=", "3.5", criterion("count", ">=", "3")), NGINX, scans))
                .isTrue();
        assertThat(denies(criterion("cveScoreCount", ">=", "7", criterion("count", ">=", "3")), NGINX, scans))
                .isFalse();
    }

    @Test
    void resourceLimitsReadQuantitiesAndAMissingLimitIsZero() {
        AdmissionRequest limited = container("nginx", "\"resources\": {\"limits\": {\"cpu\": \"250m\","
                + " \"memory\": \"512Mi\"}}");
        assertThat(denies(criterion("resourceLimit", "", "", criterion("memoryRequest", ">", "256Mi")), limited))
                .as("a missing request is the limit").isTrue();
        assertThat(denies(criterion("resourceLimit", "", "", criterion("cpuLimit", "<=", "0.2")), limited)).isFalse();
        assertThat(denies(criterion("resourceLimit", "", "", criterion("cpuLimit", "<=", "0")), NGINX))
                .as("no limit").isTrue();
        assertThat(denies(criterion("resourceLimit", "", "", criterion("memoryLimit", ">", "536870912")), limited))
                .isFalse();
    }

    @Test
    void customPathTestsKeysStringsAndNumbers() {
        AdmissionRequest r = container("nginx", "\"ports\": [{\"containerPort\": 8080}], \"args\": [\"--debug\"]");
        assertThat(denies(custom("item.spec.containers.0.ports.0.containerPort", ">", "8000", "number"), r)).isTrue();
        assertThat(denies(custom("item.spec.containers.0.ports.0.containerPort", "<=", "80", "number"), r)).isFalse();
        assertThat(denies(custom("item.spec.containers[_].args", "containsAny", "--deb*", "string"), r)).isTrue();
        assertThat(denies(custom("item.spec.hostAliases", "exist", "", "key"), r)).isFalse();
        assertThat(denies(custom("item.spec.hostAliases", "notExist", "", "key"), r)).isTrue();
    }

    private static Criterion custom(String path, String op, String value, String type) {
        return new Criterion("customPath", op, value, null, "customPath", "podTemplate", path, type);
    }

    @Test
    void userCriteriaDoNotMatchAnOwnedObjectWhoseAuthorIsUnknown() {
        AdmissionRequest owned = request("Pod", """
                {"metadata": {"name": "web-1", "ownerReferences": [{"kind": "ReplicaSet", "name": "web", "uid": "u"}]},
                 "spec": {"containers": [{"name": "app", "image": "nginx"}]}}""");
        assertThat(denies(criterion("user", "containsAny", "alice"), owned)).isFalse();
        assertThat(denies(criterion("userGroups", "containsAny", "dev"), owned)).isFalse();
    }

    @Test
    void riskyRoleBindingsAndBaseImagesAreNotKnownSoNeverMatch() {
        Criterion risky = new Criterion("saBindRiskyRole", "containsTagAny", "risky_role_view_secret", null,
                "saBindRiskyRole", null, null, null);
        assertThat(denies(risky, NGINX)).isFalse();
        assertThat(denies(criterion("baseImage", "=", "alpine"), NGINX)).isFalse();
        assertThat(denies(criterion("noSuchCriterion", "=", "x"), NGINX)).isFalse();
        assertThat(denies(criterion("namespace", "bogusOp", "default"), NGINX)).isFalse();
    }

    @Test
    void aRegularExpressionRe2CannotCompileNeverMatches() {
        assertThat(denies(criterion("user", "regex", "(a)\\1"), NGINX)).isFalse();
        assertThat(denies(criterion("user", "!regex", "(a)\\1"), NGINX)).isTrue();
    }
}
