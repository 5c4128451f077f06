package dev.bulwark.controller.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a Kubernetes object keeps its pod's spec: a Pod's own {@code spec}, a workload's {@code spec.template.spec},
 * a CronJob's {@code spec.jobTemplate.spec.template.spec}; and the images its containers run.
 */
final class PodSpecs {

    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers",
            "ephemeralContainers");

    private PodSpecs() {}

    /** The pod spec of {@code object}; a missing node when it has none. */
    static JsonNode of(JsonNode object) {
        JsonNode spec = object.path("spec");
        if (spec.path("jobTemplate").isObject()) {
            return spec.path("jobTemplate").path("spec").path("template").path("spec");
        }
        return spec.path("template").isObject() ? spec.path("template").path("spec") : spec;
    }

    /** The images of every container of the object's pod, each once, in the order the spec names them. */
    static List<String> images(JsonNode object) {
        JsonNode pod = of(object);
        Set<String> images = new LinkedHashSet<>();
        for (String list : CONTAINER_LISTS) {
            pod.path(list).forEach(c -> {
                if (c.path("image").isTextual()) {
                    images.add(c.path("image").asText());
                }
            });
        }
        return List.copyOf(images);
    }
}
