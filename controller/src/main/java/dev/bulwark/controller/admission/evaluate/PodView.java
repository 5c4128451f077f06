package dev.bulwark.controller.admission.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pod an admission request would run, read from the object: a Pod itself, the pod template of a workload, or,
 * for a PersistentVolumeClaim, no pod at all (only its namespace and storage class count). Read once per request;
 * what it cannot read (a field of the wrong type) is absent.
 *
 * <p>Labels and annotations are the object's merged with its template's (the template's win), as NeuVector reads a
 * root resource. NeuVector takes an owned resource's labels, user and groups from its owner, which it remembers from
 * earlier requests; this view has no such memory, so an owned object keeps its own labels and {@link #owned()} tells
 * criteria on the user that the requesting user is not the workload's author.
 */
record PodView(String kind, Meta meta, boolean owned, JsonNode template, List<String> storageClasses,
        List<ContainerView> containers, boolean claim) {

    /** The pod's metadata as criteria read it. {@code templateAnnotations} are the pod's own (AppArmor's). */
    record Meta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
            Map<String, String> templateAnnotations) {}

    /** Kinds whose objects hold a pod template at {@code spec.template} (DeploymentConfig is OpenShift's). */
    private static final Set<String> TEMPLATED = Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
            "ReplicationController", "DeploymentConfig");
    static final String CLAIM = "PersistentVolumeClaim";

    /** Service mesh proxies NeuVector leaves out of every evaluation (its {@code sidecarImages}). */
    private static final Set<String> SIDECARS = Set.of("gcr.io/istio-release/proxyv2", "gcr.io/linkerd-io/proxy",
            "docker.io/istio/proxyv2");

    /** The pod of a request of a kind admission control inspects; empty for any other kind. */
    static Optional<PodView> read(AdmissionRequest request) {
        JsonNode object = request.object();
        JsonNode metadata = Nodes.object(object, "metadata");
        String namespace = request.namespace().isEmpty() ? Nodes.textOrEmpty(metadata, "namespace")
                : request.namespace();
        String name = Nodes.text(metadata, "name").orElse(request.name());
        boolean owned = !Nodes.array(metadata, "ownerReferences").isEmpty();
        if (request.kind().equals(CLAIM)) {
            JsonNode claimSpec = Nodes.object(object, "spec");
            Meta meta = new Meta(name, namespace, Nodes.textMap(metadata, "labels"),
                    Nodes.textMap(metadata, "annotations"), Map.of());
            return Optional.of(new PodView(CLAIM, meta, owned, object,
                    Nodes.text(claimSpec, "storageClassName").stream().toList(), List.of(), true));
        }
        JsonNode template;
        if (request.kind().equals("Pod")) {
            template = object;
        } else if (request.kind().equals("CronJob")) {
            template = Nodes.object(object, "spec", "jobTemplate", "spec", "template");
        } else if (TEMPLATED.contains(request.kind())) {
            template = Nodes.object(object, "spec", "template");
        } else {
            return Optional.empty();
        }
        JsonNode templateMeta = Nodes.object(template, "metadata");
        JsonNode spec = Nodes.object(template, "spec");
        Meta meta = new Meta(name, namespace, merged(metadata, templateMeta, "labels"),
                merged(metadata, templateMeta, "annotations"), Nodes.textMap(templateMeta, "annotations"));
        List<ContainerView> containers = new ArrayList<>();
        for (ContainerKind kind : ContainerKind.values()) {
            for (JsonNode c : Nodes.array(spec, kind.specField())) {
                ContainerView view = ContainerView.read(kind, c, meta, spec);
                ImageRef ref = view.imageRef();
                if (!SIDECARS.contains(ref.registry() + "/" + ref.repository())) {
                    containers.add(view);
                }
            }
        }
        List<String> classes = Nodes.array(Nodes.object(object, "spec"), "volumeClaimTemplates").stream()
                .flatMap(t -> Nodes.text(Nodes.object(t, "spec"), "storageClassName").stream()).toList();
        return Optional.of(new PodView(request.kind(), meta, owned, template,
                request.kind().equals("StatefulSet") ? classes : List.of(), List.copyOf(containers), false));
    }

    private static Map<String, String> merged(JsonNode objectMeta, JsonNode templateMeta, String field) {
        Map<String, String> out = new LinkedHashMap<>(Nodes.textMap(objectMeta, field));
        if (templateMeta != objectMeta) {
            out.putAll(Nodes.textMap(templateMeta, field));
        }
        return out;
    }

    /** The pod's spec ({@code template} is the Pod, or the workload's pod template). */
    JsonNode spec() {
        return Nodes.object(template, "spec");
    }

    JsonNode podSecurityContext() {
        return Nodes.object(spec(), "securityContext");
    }

    boolean hostNetwork() {
        return Nodes.isTrue(spec(), "hostNetwork");
    }

    boolean hostPid() {
        return Nodes.isTrue(spec(), "hostPID");
    }

    boolean hostIpc() {
        return Nodes.isTrue(spec(), "hostIPC");
    }
}
