package dev.bulwark.controller.admission.evaluate;

import java.time.Instant;

/**
 * What one evaluation of a rule looks at: the request, its pod, one of its containers (none for a
 * PersistentVolumeClaim, {@link PodView#claim()}), the scans and the time of the request.
 */
record Subject(AdmissionRequest request, PodView pod, ContainerView container, ScanLookup scans, Instant now) {

    ImageFacts facts() {
        return scans.facts(container.imageRef());
    }

    /** The container's name, or {@code ""} when the subject is the whole request. */
    String containerName() {
        return container == null ? "" : container.name();
    }
}
