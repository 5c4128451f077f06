package dev.bulwark.controller.admission.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AdmissionReviews as the API server sends them, and bodies that are not one. */
class ReviewsTest {

    /** A v1 review of a Deployment's creation by kubectl, as kube-apiserver 1.30 posts it (trimmed). */
    private static final String V1 = """
            {"kind": "AdmissionReview", "apiVersion": "admission.k8s.io/v1",
             "request": {
               "uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
               "kind": {"group": "apps", "version": "v1", "kind": "Deployment"},
               "resource": {"group": "apps", "version": "v1", "resource": "deployments"},
               "requestKind": {"group": "apps", "version": "v1", "kind": "Deployment"},
               "requestResource": {"group": "apps", "version": "v1", "resource": "deployments"},
               "name": "web", "namespace": "shop", "operation": "CREATE",
               "userInfo": {"username": "alice@example.com", "uid": "u-1",
                            "groups": ["developers", "system:authenticated"]},
               "object": {"apiVersion": "apps/v1", "kind": "Deployment",
                          "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}},
                          "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                                   "template": {"metadata": {"labels": {"app": "web"}},
                                                "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]}}}},
               "oldObject": null, "dryRun": false,
               "options": {"kind": "CreateOptions", "apiVersion": "meta.k8s.io/v1", "fieldManager": "kubectl"}}}""";

    /** A v1beta1 review of a Pod's update, as older API servers post it. */
    private static final String V1BETA1 = """
            {"kind": "AdmissionReview", "apiVersion": "admission.k8s.io/v1beta1",
             "request": {"uid": "b-2", "kind": {"group": "", "version": "v1", "kind": "Pod"},
               "resource": {"group": "", "version": "v1", "resource": "pods"},
               "namespace": "default", "operation": "UPDATE",
               "userInfo": {"username": "system:serviceaccount:kube-system:replicaset-controller"},
               "object": {"metadata": {"name": "web-7d4", "namespace": "default"},
                          "spec": {"containers": [{"name": "web", "image": "nginx"}]}},
               "oldObject": {"metadata": {"name": "web-7d4"}}}}""";

    private static AdmissionRequest parse(String body) {
        return Reviews.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAV1Review() {
        AdmissionRequest r = parse(V1);
        assertThat(r.apiVersion()).isEqualTo("admission.k8s.io/v1");
        assertThat(r.uid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(r.kind()).isEqualTo("Deployment");
        assertThat(r.operation()).isEqualTo("CREATE");
        assertThat(r.namespace()).isEqualTo("shop");
        assertThat(r.name()).isEqualTo("web");
        assertThat(r.user()).isEqualTo("alice@example.com");
        assertThat(r.groups()).containsExactly("developers", "system:authenticated");
        assertThat(r.object().at("/spec/replicas").intValue()).isEqualTo(2);
    }

    @Test
    void readsAV1beta1ReviewWithoutNameOrGroups() {
        AdmissionRequest r = parse(V1BETA1);
        assertThat(r.apiVersion()).isEqualTo("admission.k8s.io/v1beta1");
        assertThat(r.kind()).isEqualTo("Pod");
        assertThat(r.name()).isEmpty();
        assertThat(r.groups()).isEmpty();
    }

    @Test
    void aDeleteNeedsNoObjectAndAnUnknownKindIsReadForTheEvaluatorToIgnore() {
        AdmissionRequest delete = parse(V1.replace("\"CREATE\"", "\"DELETE\"").replace("\"object\": {", "\"x\": {"));
        assertThat(delete.object().isNull()).isTrue();
        AdmissionRequest widget = parse(V1.replace("\"kind\": \"Deployment\"}", "\"kind\": \"Widget\"}"));
        assertThat(widget.kind()).isEqualTo("Widget");
    }

    static Stream<Arguments> invalid() {
        String deep = "{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": " + "[".repeat(200) + "]".repeat(200)
                + "}";
        return Stream.of(
                Arguments.of("empty", "", null, "The AdmissionReview is empty"),
                Arguments.of("not JSON", "{\"apiVersion\": ", null,
                        "The AdmissionReview is not valid JSON or is nested deeper than 100 levels"),
                Arguments.of("too deep", deep, null,
                        "The AdmissionReview is not valid JSON or is nested deeper than 100 levels"),
                Arguments.of("an array", "[1, 2]", null, "apiVersion is missing, not admission.k8s.io/v1 or v1beta1"),
                Arguments.of("wrong version", V1.replace("admission.k8s.io/v1\"", "admission.k8s.io/v2\""),
                        "705ab4f5-6393-11e8-b7cc-42010a800002",
                        "apiVersion is \"admission.k8s.io/v2\", not admission.k8s.io/v1 or v1beta1"),
                Arguments.of("wrong kind", V1.replace("\"kind\": \"AdmissionReview\"", "\"kind\": \"Review\""),
                        "705ab4f5-6393-11e8-b7cc-42010a800002", "kind is not AdmissionReview"),
                Arguments.of("no request", "{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": null}", null,
                        "The AdmissionReview has no request"),
                Arguments.of("no uid", V1.replace("\"uid\": \"705ab4f5-6393-11e8-b7cc-42010a800002\"", "\"uid\": null"),
                        null, "The request has no uid"),
                Arguments.of("no kind", V1.replace("\"kind\": {\"group\": \"apps\", \"version\": \"v1\", \"kind\":"
                        + " \"Deployment\"}", "\"kind\": null"), "705ab4f5-6393-11e8-b7cc-42010a800002",
                        "The request has no kind"),
                Arguments.of("no operation", V1.replace("\"CREATE\"", "null"), "705ab4f5-6393-11e8-b7cc-42010a800002",
                        "The request has no operation"),
                Arguments.of("no object", V1.replace("\"object\": {", "\"x\": {"),
                        "705ab4f5-6393-11e8-b7cc-42010a800002", "The CREATE request has no object"),
                Arguments.of("an object of the wrong type", V1.replace("\"object\": {", "\"object\": 5, \"x\": {"),
                        "705ab4f5-6393-11e8-b7cc-42010a800002", "The CREATE request has no object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWhatIsNoReviewWithOneLine(String what, String body, String uid, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(InvalidReview.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.uid()).isEqualTo(Optional.ofNullable(uid));
            assertThat(e.apiVersion()).isEqualTo("admission.k8s.io/v1");
        });
    }

    @Test
    void refusesABodyOverEightMibBeforeReadingIt() {
        byte[] huge = new byte[Reviews.MAX_BYTES + 1];
        assertThatThrownBy(() -> Reviews.parse(huge)).isInstanceOf(InvalidReview.class)
                .hasMessage("The AdmissionReview is larger than 8 MiB");
        assertThatThrownBy(() -> Reviews.parse(null)).isInstanceOf(InvalidReview.class);
    }

    @Test
    void answersAV1beta1ReviewInItsOwnVersion() {
        assertThatThrownBy(() -> parse(V1BETA1.replace("\"b-2\"", "\"\""))).isInstanceOfSatisfying(
                InvalidReview.class, e -> assertThat(e.apiVersion()).isEqualTo("admission.k8s.io/v1beta1"));
    }

    @Test
    void nullsInEveryOptionalFieldReadAsEmpty() {
        AdmissionRequest r = parse("""
                {"apiVersion": "admission.k8s.io/v1", "kind": null, "request": {"uid": "u", "kind": {"kind": "Pod"},
                 "operation": "CREATE", "namespace": null, "name": null, "userInfo": {"username": null,
                 "groups": [null, 5, "g"]}, "object": {"metadata": null, "spec": null}}}""");
        assertThat(r.namespace()).isEmpty();
        assertThat(r.user()).isEmpty();
        assertThat(r.groups()).containsExactly("g");
        Verdict v = Admissions.evaluate(Admissions.protect(Admissions.deny(1000,
                Admissions.criterion("runAsPrivileged", "=", "true"))), r);
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.ALLOWED_BY_DEFAULT);
    }
}
