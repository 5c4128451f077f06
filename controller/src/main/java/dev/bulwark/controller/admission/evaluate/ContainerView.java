package dev.bulwark.controller.admission.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One container of a pod, with what criteria read from it already worked out: the image, environment, the host
 * paths it mounts, its effective security settings (the container's, else the pod's) and its resources.
 */
record ContainerView(ContainerKind kind, String name, String image, ImageRef imageRef, JsonNode node,
        JsonNode securityContext, Map<String, String> env, List<String> envSecrets, Set<String> mountVolumes,
        boolean privileged, boolean allowPrivilegeEscalation, Optional<Long> runAsUser,
        Optional<Boolean> runAsNonRoot, List<String> addedCapabilities, List<String> droppedCapabilities,
        Map<String, BigDecimal> resources) {

    static ContainerView read(ContainerKind kind, JsonNode c, PodView.Meta meta, JsonNode spec) {
        JsonNode sc = Nodes.object(c, "securityContext");
        JsonNode podSc = Nodes.object(spec, "securityContext");
        String image = Nodes.textOrEmpty(c, "image");
        boolean privileged = Nodes.isTrue(sc, "privileged");
        List<String> add = Nodes.texts(Nodes.object(sc, "capabilities"), "add");
        List<String> drop = Nodes.texts(Nodes.object(sc, "capabilities"), "drop");
        // Kubernetes lets a process gain privileges unless the field is false; privileged and CAP_SYS_ADMIN always do
        boolean escalation = privileged || add.stream().anyMatch(ContainerView::isSysAdmin)
                || Nodes.bool(sc, "allowPrivilegeEscalation").orElse(true);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> env = environment(c, meta, spec, plain);
        return new ContainerView(kind, Nodes.textOrEmpty(c, "name"), image, ImageRef.parse(image), c, sc, env,
                EnvSecrets.find(plain), hostPaths(c, spec), privileged, escalation,
                Nodes.integer(sc, "runAsUser").or(() -> Nodes.integer(podSc, "runAsUser")),
                Nodes.bool(sc, "runAsNonRoot").or(() -> Nodes.bool(podSc, "runAsNonRoot")), add, drop,
                resources(Nodes.object(c, "resources")));
    }

    private static boolean isSysAdmin(String capability) {
        return capability.equalsIgnoreCase("SYS_ADMIN") || capability.equalsIgnoreCase("CAP_SYS_ADMIN");
    }

    /**
     * Variables as NeuVector reads them: plain values, and those a {@code fieldRef} gives from the pod's own
     * metadata and spec; values from Secrets, ConfigMaps and resources are not known at admission and left out.
     */
    private static Map<String, String> environment(JsonNode c, PodView.Meta meta, JsonNode spec,
            Map<String, String> plain) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : Nodes.array(c, "env")) {
            Optional<String> name = Nodes.text(e, "name");
            if (name.isEmpty()) {
                continue;
            }
            Optional<String> value = Nodes.text(e, "value").filter(v -> !v.isEmpty());
            JsonNode from = Nodes.object(e, "valueFrom");
            if (value.isPresent()) {
                env.put(name.get(), value.get());
                plain.put(name.get(), value.get());
            } else if (from.isMissingNode()) {
                env.put(name.get(), "");
            } else {
                Nodes.text(Nodes.object(from, "fieldRef"), "fieldPath").flatMap(p -> field(p, meta, spec))
                        .ifPresent(v -> env.put(name.get(), v));
            }
        }
        return env;
    }

    private static Optional<String> field(String path, PodView.Meta meta, JsonNode spec) {
        return switch (path) {
            case "metadata.name" -> Optional.of(meta.name());
            case "metadata.namespace" -> Optional.of(meta.namespace());
            case "spec.nodeName" -> Optional.of(Nodes.textOrEmpty(spec, "nodeName"));
            case "spec.serviceAccountName" -> Optional.of(Nodes.textOrEmpty(spec, "serviceAccountName"));
            default -> path.startsWith("status.") ? Optional.of("")
                    : mapField(path, "metadata.labels['", meta.labels())
                            .or(() -> mapField(path, "metadata.annotations['", meta.annotations()));
        };
    }

    private static Optional<String> mapField(String path, String prefix, Map<String, String> map) {
        if (!path.startsWith(prefix) || !path.endsWith("']")) {
            return Optional.empty();
        }
        return Optional.ofNullable(map.get(path.substring(prefix.length(), path.length() - 2)));
    }

    /** The host paths of the hostPath volumes this container mounts ({@code mountVolumes}). */
    private static Set<String> hostPaths(JsonNode c, JsonNode spec) {
        Map<String, String> byVolume = new LinkedHashMap<>();
        for (JsonNode v : Nodes.array(spec, "volumes")) {
            Nodes.text(Nodes.object(v, "hostPath"), "path")
                    .ifPresent(p -> byVolume.put(Nodes.textOrEmpty(v, "name"), p));
        }
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode m : Nodes.array(c, "volumeMounts")) {
            Nodes.text(m, "name").map(byVolume::get).ifPresent(paths::add);
        }
        return paths;
    }

    /**
     * {@code cpuRequest}, {@code cpuLimit} (cores), {@code memoryRequest}, {@code memoryLimit} (bytes). As NeuVector
     * (and Kubernetes' defaulting) reads them, a missing request is the limit, and a missing limit is 0.
     */
    private static Map<String, BigDecimal> resources(JsonNode r) {
        JsonNode requests = Nodes.object(r, "requests");
        JsonNode limits = Nodes.object(r, "limits");
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (String resource : List.of("cpu", "memory")) {
            Optional<BigDecimal> limit = quantity(limits, resource);
            out.put(resource + "Limit", limit.orElse(BigDecimal.ZERO));
            out.put(resource + "Request", quantity(requests, resource).or(() -> limit).orElse(BigDecimal.ZERO));
        }
        return out;
    }

    /** A quantity is a string in the API, though clients also send plain numbers. */
    private static Optional<BigDecimal> quantity(JsonNode node, String field) {
        JsonNode q = node.path(field);
        if (q.isNumber()) {
            return Optional.of(q.decimalValue());
        }
        return q.isTextual() ? Quantities.parse(q.textValue()) : Optional.empty();
    }
}
