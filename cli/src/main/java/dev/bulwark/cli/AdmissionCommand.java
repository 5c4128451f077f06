package dev.bulwark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark admission}: admission control's Kubernetes side. */
@Command(name = "admission", mixinStandardHelpOptions = true,
        description = "Admission control's Kubernetes side: the webhook configuration for the API server.",
        subcommands = AdmissionCommand.WebhookConfig.class, footer = {"%n" + ExitCodes.HELP})
final class AdmissionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code bulwark admission webhook-config}: the ValidatingWebhookConfiguration that sends pods and every kind with a
     * pod template to the controller's webhook, trusting the controller's CA ({@code tls/ca.pem} of its data
     * directory), which signs the webhook's certificate for NeuVector's service name.
     */
    @Command(name = "webhook-config", mixinStandardHelpOptions = true,
            description = {"Print the ValidatingWebhookConfiguration (YAML) for the controller's admission webhook:",
                    "kubectl apply -f - to have the API server ask it about pods and every pod template, on CREATE and "
                            + "UPDATE.",
                    "The caBundle is the controller's CA, read from its data directory; the webhook's certificate "
                            + "names",
                    "the service " + SERVICE + "." + NAMESPACE + ".svc (NeuVector's, port 443 to the controller's "
                            + "20443),",
                    "the controller's host, localhost and 127.0.0.1. Objects in namespace " + NAMESPACE
                            + " and namespaces labelled " + SKIP_LABEL + " are left out."},
            footer = {"%nData directory: --data-dir, else $BULWARK_DATA_DIR, else $XDG_DATA_HOME/bulwark/controller.",
                    "%n" + ExitCodes.HELP})
    static final class WebhookConfig implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The controller's data directory.")
        Path dataDir;

        @Option(names = "--ca", paramLabel = "PEM", description = "The controller's CA certificate, instead of the "
                + "data directory's tls/ca.pem (a copy, on another machine).")
        Path ca;

        @Option(names = "--failure-policy", paramLabel = "POLICY", defaultValue = "Ignore", description = "What the API "
                + "server does when the webhook does not answer: Ignore (admit) or Fail (deny) (default: "
                + "${DEFAULT-VALUE}).")
        String failurePolicy;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "How long the API "
                + "server waits for an answer, 1 to 30 (default: ${DEFAULT-VALUE}; the webhook answers within 6).")
        int timeout;

        @Option(names = "--url", paramLabel = "URL", description = "Call the webhook at this https URL (its host must "
                + "be one the certificate names) instead of NeuVector's service.")
        String url;

        @Override
        public Integer call() {
            String policy = failurePolicy.substring(0, 1).toUpperCase(Locale.ROOT)
                    + failurePolicy.substring(1).toLowerCase(Locale.ROOT);
            if (!List.of("Ignore", "Fail").contains(policy)) {
                throw new InvalidInputException("--failure-policy is Ignore or Fail, not " + failurePolicy);
            }
            if (timeout < 1 || timeout > 30) {
                throw new InvalidInputException("--timeout is 1 to 30 seconds (the API server's limits)");
            }
            if (url != null && !url.toLowerCase(Locale.ROOT).startsWith("https://")) {
                throw new InvalidInputException("--url is an https URL, such as https://10.0.0.5:20443" + PATH);
            }
            Path pem = ca != null ? ca : (dataDir != null ? dataDir : DbLocations.system().controllerData())
                    .resolve("tls").resolve("ca.pem");
            String bundle;
            try {
                bundle = Base64.getEncoder().encodeToString(Files.readAllBytes(pem));
            } catch (IOException e) {
                throw new InvalidInputException("cannot read the controller's CA %s (start the controller first, or "
                        + "give --data-dir or --ca)".formatted(pem));
            }
            try {
                var out = spec.commandLine().getOut();
                out.print(Json.yaml().writeValueAsString(configuration(bundle, policy)));
                out.flush(); // print does not flush, and the launcher's JVM exits before the writer would
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return ExitCodes.OK;
        }

        private ObjectNode configuration(String caBundle, String policy) {
            ObjectNode config = JsonNodeFactory.instance.objectNode();
            config.put("apiVersion", "admissionregistration.k8s.io/v1");
            config.put("kind", "ValidatingWebhookConfiguration");
            config.putObject("metadata").put("name", "neuvector-validating-admission-webhook");
            ObjectNode hook = config.putArray("webhooks").addObject();
            hook.put("name", "neuvector-validating-admission-webhook." + NAMESPACE + ".svc");
            hook.putArray("admissionReviewVersions").add("v1").add("v1beta1");
            hook.put("sideEffects", "None");
            hook.put("failurePolicy", policy);
            hook.put("timeoutSeconds", timeout);
            ObjectNode client = hook.putObject("clientConfig");
            if (url != null) {
                client.put("url", URI.create(url).resolve(PATH).toString());
            } else {
                client.putObject("service").put("namespace", NAMESPACE).put("name", SERVICE).put("path", PATH)
                        .put("port", 443);
            }
            client.put("caBundle", caBundle);
            ObjectNode rule = hook.putArray("rules").addObject();
            rule.putArray("apiGroups").add("*");
            rule.putArray("apiVersions").add("*");
            rule.putArray("operations").add("CREATE").add("UPDATE");
            ArrayNode resources = rule.putArray("resources");
            POD_KINDS.forEach(resources::add);
            rule.put("scope", "Namespaced");
            ArrayNode match = hook.putObject("namespaceSelector").putArray("matchExpressions");
            match.addObject().put("key", "kubernetes.io/metadata.name").put("operator", "NotIn")
                    .putArray("values").add(NAMESPACE);
            match.addObject().put("key", SKIP_LABEL).put("operator", "DoesNotExist");
            return config;
        }
    }

    static final String NAMESPACE = "neuvector";
    static final String SERVICE = "neuvector-svc-admission-webhook";
    /** Any segment after {@code /v1/validate/} is served; NeuVector's random one serves no purpose here. */
    static final String PATH = "/v1/validate/bulwark";
    /** NeuVector's label for namespaces admission control leaves alone. */
    static final String SKIP_LABEL = "skipNeuvectorAdmissionControl";
    /** Pods and every kind with a pod template, OpenShift's DeploymentConfig included. */
    static final List<String> POD_KINDS = List.of("cronjobs", "daemonsets", "deploymentconfigs", "deployments", "jobs",
            "pods", "replicasets", "replicationcontrollers", "statefulsets");
}
