package dev.bulwark.controller.admission.evaluate;

import static dev.bulwark.controller.admission.evaluate.Admissions.container;
import static dev.bulwark.controller.admission.evaluate.Admissions.criterion;
import static dev.bulwark.controller.admission.evaluate.Admissions.deny;
import static dev.bulwark.controller.admission.evaluate.Admissions.evaluate;
import static dev.bulwark.controller.admission.evaluate.Admissions.exception;
import static dev.bulwark.controller.admission.evaluate.Admissions.facts;
import static dev.bulwark.controller.admission.evaluate.Admissions.monitor;
import static dev.bulwark.controller.admission.evaluate.Admissions.pod;
import static dev.bulwark.controller.admission.evaluate.Admissions.protect;
import static dev.bulwark.controller.admission.evaluate.Admissions.request;
import static dev.bulwark.controller.admission.evaluate.Admissions.rule;
import static dev.bulwark.controller.admission.evaluate.Admissions.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.admission.AdmissionRules;
import dev.bulwark.controller.admission.AdmissionRules.Criterion;
import dev.bulwark.controller.admission.evaluate.Admissions.Scans;
import dev.bulwark.controller.admission.evaluate.Verdict.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stages of an evaluation, modes, kinds and containers, scans asked for, and the messages. */
class AdmissionEvaluatorTest {

    private static final Criterion PRIVILEGED = criterion("runAsPrivileged", "=", "true");
    private static final AdmissionRequest PRIVILEGED_POD = container("nginx",
            "\"securityContext\": {\"privileged\": true}");

    @Test
    void aProtectModeDenyRuleDeniesWithNeuVectorsMessage() {
        Verdict v = evaluate(protect(deny(1001, PRIVILEGED)), PRIVILEGED_POD);
        assertThat(v.allowed()).isFalse();
        assertThat(v.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(v.message()).isEqualTo("Creation of Kubernetes Pod resource (web) is denied because of deny rule"
                + " id 1001 with criteria: runAsPrivileged = true. Found privileged=true,"
                + " (allowPrivilegeEscalation=true or capabilities:add:SYS_ADMIN is enabled) in your YAML resources.");
        assertThat(v.matches()).containsExactly(new MatchedRule(1001, "deny", "protect", "app",
                "runAsPrivileged = true. Found privileged=true, (allowPrivilegeEscalation=true or"
                        + " capabilities:add:SYS_ADMIN is enabled) in your YAML resources"));
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void inMonitorModeAMatchIsAViolationThatWarns() {
        Verdict v = evaluate(monitor(deny(1001, PRIVILEGED)), PRIVILEGED_POD);
        assertThat(v.allowed()).isTrue();
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(v.message()).startsWith("Creation of Kubernetes Pod resource (web) violates Admission Control"
                + " monitor-mode rule(s). Container app violates deny rule id 1001 with criteria: runAsPrivileged = true");
        assertThat(v.warnings()).singleElement().asString().startsWith("Container app violates deny rule id 1001");
        assertThat(v.matches()).extracting(MatchedRule::mode).containsExactly("monitor");
    }

    @Test
    void aRulesOwnModeOverridesTheGlobalMode() {
        AdmissionRules.Rule monitored = rule(1001, "deny", "monitor", List.of("containers"), PRIVILEGED);
        AdmissionRules.Rule enforced = rule(1001, "deny", "protect", List.of("containers"), PRIVILEGED);
        assertThat(evaluate(protect(monitored), PRIVILEGED_POD).outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(evaluate(monitor(enforced), PRIVILEGED_POD).outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void monitorMatchesBeforeAProtectMatchAreAllReported() {
        AdmissionRules.Rule watch = rule(1001, "deny", "monitor", List.of("containers"),
                criterion("namespace", "containsAny", "default"));
        Verdict v = evaluate(protect(watch, deny(1002, PRIVILEGED)), PRIVILEGED_POD);
        assertThat(v.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(v.matches()).extracting(MatchedRule::id).containsExactly(1001, 1002);
        assertThat(v.warnings()).hasSize(1);
    }

    @Test
    void anExceptionRuleIsTriedBeforeTheDenyRules() {
        Verdict v = evaluate(protect(deny(1000, PRIVILEGED), exception(1005, criterion("image", "containsAny",
                "nginx"))), PRIVILEGED_POD);
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOWED_BY_RULE);
        assertThat(v.message()).isEqualTo("Creation of Kubernetes Pod resource (web) is allowed because container"
                + " app matches allow rule id 1005 with criteria: image containsAny {nginx}.");
        assertThat(v.matches()).containsExactly(new MatchedRule(1005, "exception", "protect", "app",
                "image containsAny {nginx}"));
    }

    @Test
    void anExceptionAllowsOnlyTheContainerItMatches() {
        AdmissionRequest two = pod("""
                {"containers": [{"name": "a", "image": "nginx", "securityContext": {"privileged": true}},
                                {"name": "b", "image": "redis", "securityContext": {"privileged": true}}]}""");
        Verdict v = evaluate(protect(exception(1000, criterion("image", "containsAny", "nginx")),
                deny(1001, PRIVILEGED)), two);
        assertThat(v.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(v.matches()).extracting(MatchedRule::container).containsExactly("a", "b");
    }

    @Test
    void disabledRulesAreLeftOut() {
        AdmissionRules.Rule off = new AdmissionRules.Rule(1001, "Kubernetes", "", List.of(PRIVILEGED), true, false,
                "user_created", "deny", "", List.of("containers"), null);
        Verdict v = evaluate(protect(off), PRIVILEGED_POD);
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOWED_BY_DEFAULT);
        assertThat(v.message()).isEqualTo("Creation of Kubernetes Pod resource (web) is allowed because it doesn't"
                + " match any decisive rule.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kube-system", "kube-public", "istio-system", "bulwark", "openshift-sdn"})
    void theDefaultAllowRulesComeFirst(String namespace) {
        Verdict v = evaluate(protect(deny(1000, PRIVILEGED)), Admissions.in(namespace, PRIVILEGED_POD));
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOWED_BY_RULE);
        assertThat(v.matches()).singleElement().satisfies(m -> {
            assertThat(m.id()).isLessThan(4);
            assertThat(m.container()).isEmpty();
        });
    }

    @Test
    void theDefaultActionDeniesWhatNoRuleDecidedAndOnlyWarnsInMonitorMode() {
        AdmissionPolicy denyAll = AdmissionPolicy.compile(state("protect", "deny"), List.of(
                exception(1000, criterion("image", "containsAny", "redis"))), "");
        Verdict v = evaluate(denyAll, container("nginx", ""));
        assertThat(v.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(v.message()).contains("default action is deny");
        assertThat(evaluate(denyAll, container("redis", "")).outcome()).isEqualTo(Outcome.ALLOWED_BY_RULE);
        AdmissionPolicy watch = AdmissionPolicy.compile(state("monitor", "deny"), List.of(), "");
        Verdict w = evaluate(watch, container("nginx", ""));
        assertThat(w.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(w.allowed()).isTrue();
        assertThat(w.warnings()).hasSize(1);
    }

    @Test
    void disabledAdmissionControlAndOtherOperationsAndKindsAreIgnored() {
        AdmissionPolicy off = AdmissionPolicy.compile(new AdmissionRules.State(false, "protect", "deny", null, null,
                null, null, null), List.of(deny(1000, PRIVILEGED)), "");
        assertThat(evaluate(off, PRIVILEGED_POD).outcome()).isEqualTo(Outcome.IGNORED);
        AdmissionRequest r = PRIVILEGED_POD;
        AdmissionRequest delete = new AdmissionRequest(r.apiVersion(), r.uid(), "Pod", "DELETE", "default", "web",
                "alice", List.of(), r.object());
        assertThat(evaluate(protect(deny(1000, PRIVILEGED)), delete).outcome()).isEqualTo(Outcome.IGNORED);
        Verdict service = evaluate(protect(deny(1000, PRIVILEGED)), request("Service", "{\"spec\": {}}"));
        assertThat(service.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(service.allowed()).isTrue();
        AdmissionRequest running = request("Pod", """
                {"metadata": {"name": "web-1", "ownerReferences": [{"kind": "ReplicaSet", "name": "web"}]},
                 "spec": {"containers": [{"name": "app", "image": "nginx", "securityContext": {"privileged": true}}]},
                 "status": {"phase": "Running"}}""");
        assertThat(evaluate(protect(deny(1000, PRIVILEGED)), running).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController",
            "CronJob"})
    void everyKindWithAPodTemplateIsEvaluated(String kind) {
        String template = """
                {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [
                   {"name": "app", "image": "nginx", "securityContext": {"privileged": true}}]}}""";
        String spec = kind.equals("CronJob") ? "{\"schedule\": \"* * * * *\", \"jobTemplate\": {\"spec\":"
                + " {\"template\": %s}}}".formatted(template) : "{\"template\": %s}".formatted(template);
        AdmissionRequest r = request(kind, "{\"metadata\": {\"name\": \"web\"}, \"spec\": %s}".formatted(spec));
        Verdict v = evaluate(protect(deny(1000, PRIVILEGED, criterion("labels", "containsAny", "app=web"))), r);
        assertThat(v.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(v.message()).startsWith("Creation of Kubernetes %s resource (web) is denied".formatted(kind));
    }

    @Test
    void rulesInspectTheContainerKindsTheyName() {
        AdmissionRequest init = pod("""
                {"initContainers": [{"name": "setup", "image": "busybox", "securityContext": {"privileged": true}}],
                 "containers": [{"name": "app", "image": "nginx"}],
                 "ephemeralContainers": [{"name": "debug", "image": "busybox", "securityContext": {"privileged": true}}]}""");
        assertThat(evaluate(protect(deny(1000, PRIVILEGED)), init).outcome()).isEqualTo(Outcome.ALLOWED_BY_DEFAULT);
        Verdict initOnly = evaluate(protect(rule(1000, "deny", "", List.of("init_containers"), PRIVILEGED)), init);
        assertThat(initOnly.matches()).extracting(MatchedRule::container).containsExactly("setup");
        Verdict ephemeral = evaluate(monitor(rule(1000, "deny", "", List.of("ephemeral_containers", "containers"),
                PRIVILEGED)), init);
        assertThat(ephemeral.matches()).extracting(MatchedRule::container).containsExactly("debug");
    }

    @Test
    void criteriaOfOneNameAndTheirNegativesUntilTheFirstPositiveThenOr() {
        // (namespace notContainsAny {a} and namespace notContainsAny {b}) or namespace containsAny {default}
        Criterion notA = criterion("namespace", "notContainsAny", "a");
        Criterion notDefault = criterion("namespace", "notContainsAny", "default");
        Criterion isDefault = criterion("namespace", "containsAny", "default");
        Criterion isOther = criterion("namespace", "containsAny", "other");
        AdmissionRequest r = PRIVILEGED_POD;
        assertThat(evaluate(protect(deny(1000, notA, notDefault)), r).allowed()).as("AND of negatives").isTrue();
        assertThat(evaluate(protect(deny(1000, notDefault, isDefault)), r).allowed()).as("then OR").isFalse();
        assertThat(evaluate(protect(deny(1000, isOther, notDefault)), r).allowed()).as("OR after a positive")
                .isTrue();
        assertThat(evaluate(protect(deny(1000, isOther, notA)), r).allowed()).as("OR after a positive").isFalse();
        Verdict v = evaluate(protect(deny(1000, notA, isDefault, PRIVILEGED)), r);
        assertThat(v.matches().getFirst().details()).startsWith(
                "(namespace notContainsAny {a} or namespace containsAny {default}) and runAsPrivileged = true");
    }

    @Test
    void scansAreAskedOnlyWhenARuleNeedsThemOncePerImageWithTheTimeLeft() {
        AdmissionRequest twice = pod("""
                {"containers": [{"name": "a", "image": "nginx"}, {"name": "b", "image": "docker.io/library/nginx:latest"},
                                {"name": "c", "image": "redis"}]}""");
        Scans none = new Scans();
        evaluate(protect(deny(1000, PRIVILEGED)), twice, none);
        assertThat(none.asked).isEmpty();
        Scans yamlFirst = new Scans();
        evaluate(protect(deny(1000, criterion("cveHighCount", ">=", "1"), criterion("namespace", "containsAny",
                "prod"))), twice, yamlFirst);
        assertThat(yamlFirst.asked).as("the namespace already fails").isEmpty();
        Scans scans = new Scans().with("docker.io/library/nginx:latest", facts("", List.of()));
        Verdict v = evaluate(protect(deny(1000, criterion("cveHighCount", ">=", "1")),
                deny(1001, criterion("imageNoOS", "=", "true"))), twice, scans);
        assertThat(scans.asked).containsExactly("docker.io/library/nginx:latest", "docker.io/library/redis:latest");
        assertThat(scans.budgets).allMatch(b -> b.compareTo(Duration.ofSeconds(5)) <= 0);
        assertThat(v.message()).endsWith("[Notice: the requested image(s) are not scanned:"
                + " docker.io/library/redis:latest]");
    }

    @Test
    void runAsRootAsksForTheImageOnlyWhenTheYamlDoesNotSay() {
        Scans scans = new Scans().with("docker.io/library/nginx:latest", facts("0:0", List.of()));
        Criterion root = criterion("runAsRoot", "=", "true");
        assertThat(evaluate(protect(deny(1000, root)), container("nginx", "\"securityContext\": {\"runAsUser\": 5}"),
                scans).allowed()).isTrue();
        assertThat(scans.asked).isEmpty();
        Verdict v = evaluate(protect(deny(1000, root)), container("nginx", ""), scans);
        assertThat(v.allowed()).isFalse();
        assertThat(v.matches().getFirst().details()).contains("runAsRoot in the image");
        assertThat(scans.asked).hasSize(1);
    }

    @Test
    void aSourceThatFailsCountsAsNotScanned() {
        ImageFactsSource broken = (_, _) -> {
            throw new IllegalStateException("scanner down");
        };
        Verdict v = new AdmissionEvaluator(broken, Admissions.CLOCK).evaluate(protect(deny(1000,
                criterion("imageScanned", "=", "false"))), container("nginx", ""), Duration.ofSeconds(1));
        assertThat(v.outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void aPersistentVolumeClaimMeetsTheDenyRulesOnItsStorageClass() {
        AdmissionRequest claim = request("PersistentVolumeClaim", """
                {"metadata": {"name": "data"}, "spec": {"storageClassName": "local-path"}}""");
        Criterion local = criterion("storageClassName", "containsAny", "local-*");
        assertThat(evaluate(protect(deny(1000, local)), claim).outcome()).isEqualTo(Outcome.DENIED);
        assertThat(evaluate(protect(deny(1000, local, PRIVILEGED)), claim).outcome())
                .isEqualTo(Outcome.ALLOWED_BY_DEFAULT);
    }

    @Test
    void fieldsOfTheWrongTypeReadAsAbsent() {
        List<String> objects = List.of("{}", "[]", "\"pod\"", "null", "{\"metadata\": 5, \"spec\": []}",
                "{\"spec\": {\"containers\": {\"a\": 1}, \"volumes\": \"x\", \"securityContext\": []}}",
                "{\"spec\": {\"containers\": [null, 3, {\"name\": 7, \"image\": [], \"env\": [{\"name\": 1}, null],"
                        + " \"securityContext\": {\"privileged\": \"yes\", \"runAsUser\": 1.5, \"capabilities\":"
                        + " {\"add\": [null, 4]}}, \"resources\": {\"limits\": {\"cpu\": \"lots\"}},"
                        + " \"ports\": [{\"hostPort\": \"80\"}], \"volumeMounts\": [{}]}]}}");
        AdmissionPolicy everything = protect(AdmissionRules.CRITERIA.stream().sorted()
                .map(n -> deny(2000, criterion(n, "=", "true"))).toArray(AdmissionRules.Rule[]::new));
        for (String kind : List.of("Pod", "Deployment", "CronJob", "PersistentVolumeClaim")) {
            for (String o : objects) {
                Verdict v = evaluate(everything, request(kind, o));
                assertThat(v.message()).isNotBlank();
            }
        }
    }
}
