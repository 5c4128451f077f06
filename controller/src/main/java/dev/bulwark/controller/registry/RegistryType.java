package dev.bulwark.controller.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of registry NeuVector scans, by the names its API uses ({@code share/types.go}), in the order of its
 * {@code /v1/list/registry_type}. Its deprecated "Red Hat/OpenShift Registry" is not offered, as NeuVector no longer
 * offers it.
 */
public enum RegistryType {
    AMAZON_ECR("Amazon ECR Registry"),
    AZURE_ACR("Azure Container Registry"),
    DOCKER("Docker Registry"),
    GOOGLE_GCR("Google Container Registry"),
    JFROG("JFrog Artifactory"),
    OPENSHIFT("OpenShift Registry"),
    RED_HAT("Red Hat Public Registry"),
    SONATYPE_NEXUS("Sonatype Nexus"),
    GITLAB("Gitlab"),
    IBM_CLOUD("IBM Cloud Container Registry"),
    HARBOR("Harbor Registry"),
    GITHUB("GitHub Container Registry");

    private final String text;

    RegistryType(String text) {
        this.text = text;
    }

    /** The name NeuVector's API gives this type ({@code registry_type}). */
    public String text() {
        return text;
    }

    /** The type of this name, exactly as NeuVector spells it; empty for any other text. */
    public static Optional<RegistryType> of(String text) {
        return Arrays.stream(values()).filter(t -> t.text.equals(text)).findFirst();
    }

    /** Every type's name, in NeuVector's order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(RegistryType::text).toList();
    }
}
