package dev.bulwark.enforcer.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Kubernetes runtimes write into a container's OCI annotations about its pod. containerd's CRI plugin
 * uses {@code io.kubernetes.cri.*} keys; CRI-O writes the kubelet's {@code io.kubernetes.pod.*} and
 * {@code io.kubernetes.container.name} directly and again inside the JSON of {@code io.kubernetes.cri-o.Labels}.
 */
final class CriAnnotations {

    private static final ObjectMapper JSON = Json.lenient();
    private static final String CRIO_LABELS = "io.kubernetes.cri-o.Labels";

    private final Map<String, String> values;

    private CriAnnotations(Map<String, String> values) {
        this.values = values;
    }

    static CriAnnotations of(Map<String, String> annotations) {
        Map<String, String> values = new HashMap<>(crioLabels(annotations.getOrDefault(CRIO_LABELS, "")));
        values.putAll(annotations);
        return new CriAnnotations(values);
    }

    String podName() {
        return first("io.kubernetes.pod.name", "io.kubernetes.cri.sandbox-name");
    }

    String podNamespace() {
        return first("io.kubernetes.pod.namespace", "io.kubernetes.cri.sandbox-namespace");
    }

    String containerName() {
        return first("io.kubernetes.container.name", "io.kubernetes.cri.container-name");
    }

    String image() {
        return first("io.kubernetes.cri.image-name", "io.kubernetes.cri-o.ImageName");
    }

    private String first(String... keys) {
        return List.of(keys).stream().map(key -> values.getOrDefault(key, ""))
                .filter(value -> !value.isEmpty()).findFirst().orElse("");
    }

    private static Map<String, String> crioLabels(String json) {
        if (json.isEmpty()) {
            return Map.of();
        }
        try {
            JsonNode labels = JSON.readTree(json);
            Map<String, String> values = new HashMap<>();
            if (labels != null) {
                labels.properties().forEach(entry -> {
                    if (entry.getValue().isTextual()) {
                        values.put(entry.getKey(), entry.getValue().asText());
                    }
                });
            }
            return values;
        } catch (IOException e) {
            return Map.of();
        }
    }
}
