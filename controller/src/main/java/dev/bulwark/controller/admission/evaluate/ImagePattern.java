package dev.bulwark.controller.admission.evaluate;

import java.util.List;

/**
 * A value of an {@code image} criterion ({@code nginx}, {@code nginx:1.*}, {@code registry.io/team/*:v2},
 * {@code https://index.docker.io/nvlab/iperf}), compared as NeuVector's {@code matchImageValue}: with the registry
 * only when the value names one, with the tag only when the value has one; wildcards as in {@link Glob}.
 */
final class ImagePattern {

    private final Glob glob;
    private final boolean withRegistry;
    private final boolean withTag;
    private final boolean byDigest;

    private ImagePattern(Glob glob, boolean withRegistry, boolean withTag, boolean byDigest) {
        this.glob = glob;
        this.withRegistry = withRegistry;
        this.withTag = withTag;
        this.byDigest = byDigest;
    }

    static ImagePattern of(String value) {
        String v = ImageRef.withoutScheme(value.strip());
        int slash = v.indexOf('/');
        boolean withRegistry = slash > 0 && ImageRef.isRegistry(v.substring(0, slash));
        if (withRegistry) {
            String registry = ImageRef.registry(v.substring(0, slash));
            String rest = v.substring(slash + 1);
            if (registry.equals(ImageRef.DOCKER_HUB) && !rest.isEmpty() && rest.indexOf('/') < 0) {
                rest = "library/" + rest;
            }
            v = registry + "/" + rest;
        }
        int lastSlash = v.lastIndexOf('/');
        boolean byDigest = v.indexOf('@', lastSlash + 1) >= 0;
        boolean withTag = byDigest || v.indexOf(':', lastSlash + 1) >= 0;
        return new ImagePattern(Glob.of(v), withRegistry, withTag, byDigest);
    }

    boolean matches(ImageRef image) {
        List<String> names = image.names(withRegistry, withTag, byDigest && !image.digest().isEmpty());
        return names.stream().anyMatch(glob::matches);
    }

    @Override
    public String toString() {
        return glob.toString();
    }
}
