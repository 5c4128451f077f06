package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.Controller;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission webhook end to end, as the Kubernetes API server uses it: a real controller, the configuration
 * {@code bulwark admission webhook-config} prints, and AdmissionReviews over HTTPS verified against that
 * configuration's caBundle only, host name checked. Rules are set through the REST API; every kind of bad input
 * gets a well-formed AdmissionReview answer as the failure policy says.
 */
class AdmissionWebhookTest {

    private static final String PASSWORD = "Adm1n-pass!word";
    private static final ObjectMapper JSON = Json.lenient();

    @TempDir
    static Path dir;

    private static Controller controller;
    private static Rest admin;
    private static JsonNode config;
    private static SSLContext trusted;
    private static HttpClient webhook;

    @BeforeAll
    static void start() throws Exception {
        controller = Controller.start(new Controller.Settings(dir.resolve("data"), "127.0.0.1", 0, Optional.empty(),
                Optional.of(PASSWORD), "test"), new PrintStream(new ByteArrayOutputStream()));
        admin = Rest.login(controller.port(), dir.resolve("data/tls/ca.pem"), "admin", PASSWORD);
        CliRun printed = CliRun.of("admission", "webhook-config", "--data-dir", dir.resolve("data").toString());
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        config = Json.yaml().readTree(printed.out());
        trusted = trusting(Base64.getDecoder().decode(config.at("/webhooks/0/clientConfig/caBundle").asText()));
        webhook = HttpClient.newBuilder().sslContext(trusted).build();
        Rest.Reply on = admin.send("PATCH", "/v1/admission/state",
                "{\"state\": {\"enable\": true, \"mode\": \"protect\"}}");
        assertThat(on.status()).as(on.body().toString()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    /** An SSL context trusting only the PEM certificate given, as the API server trusts the caBundle. */
    private static SSLContext trusting(byte[] pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem)));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    private static String pod(String apiVersion, String uid, String namespace, String name, String podSpec) {
        return """
                {"apiVersion": "%s", "kind": "AdmissionReview", "request": {"uid": "%s",
                 "kind": {"group": "", "version": "v1", "kind": "Pod"},
                 "resource": {"group": "", "version": "v1", "resource": "pods"},
                 "requestKind": {"group": "", "version": "v1", "kind": "Pod"},
                 "name": "%s", "namespace": "%s", "operation": "CREATE",
                 "userInfo": {"username": "alice", "groups": ["system:authenticated"]},
                 "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "%s", "namespace": "%s"},
                  "spec": %s}, "oldObject": null, "dryRun": false}}""".formatted(apiVersion, uid, name, namespace,
                name, namespace, podSpec);
    }

    private static final String NGINX = "{\"containers\": [{\"name\": \"web\", \"image\": \"nginx:1.25\"}]}";
    private static final String PRIVILEGED = "{\"containers\": [{\"name\": \"web\", \"image\": \"nginx:1.25\","
            + " \"securityContext\": {\"privileged\": true}}]}";

    /** Posts a review as the API server does, to the path the configuration names; the answer's JSON. */
    private static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return webhook.send(HttpRequest.newBuilder(URI.create("https://localhost:" + controller.admissionPort() + path))
                .timeout(Patience.HANG).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode review(String body) throws Exception {
        HttpResponse<String> r = post(config.at("/webhooks/0/clientConfig/service/path").asText(),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Sends reviews until one answers as {@code expected} (the policy follows a change through a store watch). */
    private static JsonNode awaitReview(String body, Predicate<JsonNode> expected) throws Exception {
        long deadline = Patience.deadline();
        while (true) {
            JsonNode answer = review(body);
            if (expected.test(answer) || System.nanoTime() - deadline > 0) {
                return answer;
            }
            Thread.sleep(20);
        }
    }

    private static int rule(String criteria, String type, String mode, String comment) throws Exception {
        Rest.Reply r = admin.send("POST", "/v1/admission/rule", """
                {"config": {"category": "Kubernetes", "comment": "%s", "criteria": %s, "disable": false,
                 "rule_type": "%s", "rule_mode": "%s", "containers": ["containers"]}}""".formatted(comment, criteria,
                type, mode));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body().path("rule").path("id").asInt();
    }

    private static List<JsonNode> audits(String name) throws Exception {
        List<JsonNode> found = new java.util.ArrayList<>();
        admin.get("/v1/log/audit").body().path("audits").forEach(a -> {
            if (a.path("name").asText().equals(name)) {
                found.add(a);
            }
        });
        return found;
    }

    private static long stat(String name) throws Exception {
        return admin.get("/v1/admission/stats").body().path("stats").path(name).asLong();
    }

    @Test
    void theConfigurationSendsPodsAndPodTemplatesToTheServiceTrustingTheControllersCa() {
        JsonNode hook = config.at("/webhooks/0");
        assertThat(config.path("kind").asText()).isEqualTo("ValidatingWebhookConfiguration");
        assertThat(hook.path("failurePolicy").asText()).isEqualTo("Ignore");
        assertThat(hook.path("sideEffects").asText()).isEqualTo("None");
        assertThat(hook.path("timeoutSeconds").asInt()).isEqualTo(10);
        assertThat(hook.path("admissionReviewVersions").toString()).isEqualTo("[\"v1\",\"v1beta1\"]");
        assertThat(hook.at("/clientConfig/service/name").asText()).isEqualTo("neuvector-svc-admission-webhook");
        assertThat(hook.at("/clientConfig/service/namespace").asText()).isEqualTo("neuvector");
        assertThat(hook.at("/rules/0/operations").toString()).isEqualTo("[\"CREATE\",\"UPDATE\"]");
        assertThat(hook.at("/rules/0/resources").toString()).contains("\"pods\"", "\"deployments\"",
                "\"statefulsets\"", "\"daemonsets\"", "\"replicasets\"", "\"jobs\"", "\"cronjobs\"",
                "\"replicationcontrollers\"");
        assertThat(hook.at("/namespaceSelector/matchExpressions/0").toString()).contains("NotIn", "neuvector");

        CliRun url = CliRun.of("admission", "webhook-config", "--data-dir", dir.resolve("data").toString(),
                "--failure-policy", "fail", "--timeout", "5", "--url", "https://10.0.0.5:20443");
        assertThat(url.out()).contains("failurePolicy: \"Fail\"", "url: \"https://10.0.0.5:20443/v1/validate/");
        CliRun bad = CliRun.of("admission", "webhook-config", "--data-dir", dir.toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("cannot read the controller's CA");
    }

    @Test
    void theWebhooksCertificateNamesNeuVectorsServiceAndIsVerifiedByHostName() throws Exception {
        HttpResponse<String> r = post("/v1/validate/" + UUID.randomUUID(), pod("admission.k8s.io/v1", "u-0",
                "default", "tls", NGINX).getBytes(StandardCharsets.UTF_8));
        X509Certificate cert = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList())
                .contains("neuvector-svc-admission-webhook.neuvector.svc",
                        "neuvector-svc-admission-webhook.neuvector.svc.cluster.local", "localhost", "127.0.0.1");
        // a name the certificate does not have is refused, as the API server would refuse it
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", controller.admissionPort());
                SSLSocket s = (SSLSocket) trusted.getSocketFactory().createSocket(plain, "bulwark.invalid",
                        controller.admissionPort(), true)) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            org.assertj.core.api.Assertions.assertThatThrownBy(s::startHandshake)
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    @Test
    void allowsDeniesAndWarnsAsTheRulesSayAndCountsAndAuditsIt() throws Exception {
        long allowedBefore = stat("k8s_allowed_requests");
        long deniedBefore = stat("k8s_denied_requests");
        JsonNode allowed = review(pod("admission.k8s.io/v1", "u-1", "default", "plain", NGINX));
        assertThat(allowed.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(allowed.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(allowed.at("/response/uid").asText()).isEqualTo("u-1");
        assertThat(allowed.at("/response/allowed").asBoolean()).isTrue();

        int deny = rule("[{\"name\": \"runAsPrivileged\", \"op\": \"=\", \"value\": \"true\"}]", "deny", "",
                "no privileged pods");
        JsonNode denied = awaitReview(pod("admission.k8s.io/v1beta1", "u-2", "default", "priv", PRIVILEGED),
                a -> !a.at("/response/allowed").asBoolean());
        assertThat(denied.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1beta1");
        assertThat(denied.at("/response/uid").asText()).isEqualTo("u-2");
        assertThat(denied.at("/response/allowed").asBoolean()).isFalse();
        assertThat(denied.at("/response/status/message").asText()).contains(String.valueOf(deny));
        assertThat(review(pod("admission.k8s.io/v1", "u-3", "default", "plain", NGINX))
                .at("/response/allowed").asBoolean()).isTrue();

        int monitor = rule("[{\"name\": \"namespace\", \"op\": \"containsAny\", \"value\": \"staging\"}]", "deny",
                "monitor", "watch staging");
        JsonNode warned = awaitReview(pod("admission.k8s.io/v1", "u-4", "staging", "web", NGINX),
                a -> !a.at("/response/warnings").isEmpty());
        assertThat(warned.at("/response/allowed").asBoolean()).isTrue();
        assertThat(warned.at("/response/warnings").toString()).contains(String.valueOf(monitor));

        rule("[{\"name\": \"namespace\", \"op\": \"containsAny\", \"value\": \"trusted\"}]", "exception", "",
                "trusted may");
        awaitReview(pod("admission.k8s.io/v1", "u-5", "trusted", "root", PRIVILEGED),
                a -> a.at("/response/allowed").asBoolean());

        assertThat(stat("k8s_allowed_requests") - allowedBefore).isGreaterThanOrEqualTo(3);
        assertThat(stat("k8s_denied_requests") - deniedBefore).isGreaterThanOrEqualTo(1);
        assertThat(stat("k8s_processing_requests")).isZero();
        JsonNode deniedAudit = audits("Admission.Control.Denied").getFirst();
        assertThat(deniedAudit.path("level").asText()).isEqualTo("Critical");
        assertThat(deniedAudit.path("workload_domain").asText()).isEqualTo("default");
        assertThat(deniedAudit.path("workload_image").asText()).isEqualTo("nginx:1.25");
        assertThat(deniedAudit.path("user").asText()).isEqualTo("alice");
        assertThat(deniedAudit.path("message").asText()).contains(String.valueOf(deny));
        assertThat(audits("Admission.Control.Violation")).isNotEmpty();
        assertThat(audits("Admission.Control.Allowed")).isNotEmpty();

        // the same denial again and again makes one record, its repeats counted
        int records = audits("Admission.Control.Denied").size();
        for (int i = 0; i < 20; i++) {
            review(pod("admission.k8s.io/v1", "r-" + i, "default", "priv", PRIVILEGED));
        }
        assertThat(audits("Admission.Control.Denied")).hasSize(records);
        assertThat(admin.get("/v1/debug/admission_stats").body().path("stats").path("k8s_denied_requests")
                .asLong()).isEqualTo(stat("k8s_denied_requests"));
    }

    @Test
    void everyBadReviewGetsAWellFormedAnswerByTheFailurePolicy() throws Exception {
        long erroneous = stat("k8s_erroneous_requests");
        String path = "/v1/validate/" + UUID.randomUUID();
        List<String> bad = List.of("{not json", "[]", "{}",
                "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"kind\": "
                        + "{\"kind\": \"Pod\"}, \"operation\": \"CREATE\", \"object\": {}}}",
                pod("admission.k8s.io/v2", "u-v2", "default", "x", NGINX));
        for (String body : bad) {
            HttpResponse<String> r = post(path, body.getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(body).isEqualTo(200);
            JsonNode answer = JSON.readTree(r.body());
            assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
            assertThat(answer.at("/response/allowed").asBoolean()).as(body).isTrue();
            assertThat(answer.at("/response/warnings/0").asText()).contains("could not judge");
        }
        // a pod of several MB is judged; one beyond the bound is answered unread
        String big = "{\"containers\": [{\"name\": \"web\", \"image\": \"nginx:1.25\", \"env\": [{\"name\": \"X\","
                + " \"value\": \"" + "x".repeat(5 << 20) + "\"}]}]}";
        assertThat(review(pod("admission.k8s.io/v1", "u-big", "default", "big", big)).at("/response/uid").asText())
                .isEqualTo("u-big");
        String huge = big.replace("x".repeat(5 << 20), "x".repeat(9 << 20));
        JsonNode tooBig = review(pod("admission.k8s.io/v1", "u-huge", "default", "huge", huge));
        assertThat(tooBig.at("/response/allowed").asBoolean()).isTrue();
        assertThat(tooBig.at("/response/warnings/0").asText()).contains("larger than 8 MiB");

        assertThat(endless(false).at("/response/warnings/0").asText()).contains("did not arrive");
        assertThat(stat("k8s_erroneous_requests") - erroneous).isGreaterThanOrEqualTo(bad.size() + 2);

        admin.send("PATCH", "/v1/admission/state", "{\"state\": {\"failure_policy\": \"fail\"}}");
        try {
            JsonNode refused = awaitReview("{not json", a -> !a.at("/response/allowed").asBoolean());
            assertThat(refused.at("/response/allowed").asBoolean()).isFalse();
            assertThat(refused.at("/response/status/message").asText()).contains("could not judge");
            JsonNode endless = endless(true);
            assertThat(endless.at("/response/allowed").asBoolean()).isFalse();
        } finally {
            admin.send("PATCH", "/v1/admission/state", "{\"state\": {\"failure_policy\": \"ignore\"}}");
        }
    }

    /** A request whose body never ends (a declared length never reached, or chunks that keep coming). */
    private static JsonNode endless(boolean chunked) throws Exception {
        try (SSLSocket s = (SSLSocket) trusted.getSocketFactory().createSocket("localhost",
                controller.admissionPort())) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.setSoTimeout((int) Patience.HANG.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/validate/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"apiVersion\": \"\r\n"
                            : "Content-Length: 100000\r\n\r\n{\"apiVersion\": ")).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("the answer's headers").isNotNegative();
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.UTF_8);
            assertThat(headers).startsWith("HTTP/1.1 200");
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                    .matcher(headers);
            assertThat(length.find()).as(headers).isTrue();
            return JSON.readTree(in.readNBytes(Integer.parseInt(length.group(1))));
        }
    }

    @Test
    void nvStatusReviewsAreAllowedAndNotCounted() throws Exception {
        long allowed = stat("k8s_allowed_requests");
        HttpResponse<String> r = post("/v1/nvstatus/abc", pod("admission.k8s.io/v1", "s-1", "neuvector", "svc", NGINX)
                .getBytes(StandardCharsets.UTF_8));
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.at("/response/uid").asText()).isEqualTo("s-1");
        assertThat(answer.at("/response/allowed").asBoolean()).isTrue();
        assertThat(stat("k8s_allowed_requests")).isEqualTo(allowed);
        assertThat(post("/elsewhere", new byte[0]).statusCode()).isEqualTo(404);
    }
}
