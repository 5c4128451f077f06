package dev.bulwark.scanner.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.io.Printable;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest or Docker v2 schema 2 manifest, or an index (OCI index / Docker manifest list). Both kinds
 * are parsed here because registries and OCI layouts hand out either behind the same request.
 */
public sealed interface Manifest {

    /** Largest manifest or index accepted; real ones are a few kilobytes. */
    int MAX_SIZE = 4 << 20;
    /** Larger than any registry stores: a descriptor saying more is a lie (or -1, or Long.MAX_VALUE). */
    long MAX_BLOB = 1L << 40;

    String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** A pointer to a blob or manifest. Platform is {@code os/arch[/variant]} or empty. */
    record Descriptor(String mediaType, String digest, long size, String platform, Map<String, String> annotations) {
        public Descriptor {
            annotations = Map.copyOf(annotations);
        }
    }

    record ImageManifest(Descriptor config, List<Descriptor> layers) implements Manifest {
        public ImageManifest {
            layers = List.copyOf(layers);
        }
    }

    record Index(List<Descriptor> manifests) implements Manifest {
        public Index {
            manifests = List.copyOf(manifests);
        }

        /**
         * The entry for a platform {@code os/arch[/variant]}. Without a variant in the request any variant of that
         * os and arch matches, the first listed winning, as {@code docker pull} does.
         */
        public Descriptor select(String platform, String where) {
            for (Descriptor d : manifests) {
                if (d.platform().equals(platform)) {
                    return d;
                }
            }
            for (Descriptor d : manifests) {
                if (d.platform().startsWith(platform + "/")) {
                    return d;
                }
            }
            String offered = manifests.stream().map(Descriptor::platform).filter(p -> !p.isEmpty()).distinct()
                    .reduce((a, b) -> a + ", " + b).orElse("none");
            throw new InvalidInputException("%s: no image for platform %s (offered: %s; use --platform)"
                    .formatted(where, platform, offered));
        }
    }

    /**
     * Parses either kind. The media type in the document wins; without one, the presence of {@code manifests}
     * or {@code layers} decides.
     */
    static Manifest parse(byte[] json, String where) {
        if (json.length > MAX_SIZE) {
            throw new InvalidInputException("%s: manifest is %d bytes, more than the %d allowed"
                    .formatted(where, json.length, MAX_SIZE));
        }
        ObjectMapper mapper = Json.lenient();
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new InvalidInputException("%s: manifest is not JSON (%s)".formatted(where, ImageConfig.firstLine(e)));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("%s: manifest is not a JSON object".formatted(where));
        }
        String mediaType = root.path("mediaType").asText("");
        boolean index = mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST)
                || (mediaType.isEmpty() && root.has("manifests"));
        if (index) {
            List<Descriptor> manifests = new ArrayList<>();
            for (JsonNode m : root.path("manifests")) {
                manifests.add(descriptor(m, where));
            }
            return new Index(manifests);
        }
        if (root.path("schemaVersion").asInt() == 1) {
            throw new InvalidInputException("%s: Docker schema 1 manifests are not supported (deprecated since 2017)"
                    .formatted(where));
        }
        if (!root.has("config") || !root.path("layers").isArray()) {
            throw new InvalidInputException("%s: manifest has no config or layers".formatted(where));
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : root.path("layers")) {
            layers.add(descriptor(l, where));
        }
        return new ImageManifest(descriptor(root.path("config"), where), layers);
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        String digest = node.path("digest").asText("");
        if (digest.isEmpty()) {
            throw new InvalidInputException("%s: manifest entry without a digest".formatted(where));
        }
        Digest.parse(digest);
        JsonNode p = node.path("platform");
        String platform = p.isObject()
                ? p.path("os").asText("") + "/" + p.path("architecture").asText("")
                        + (p.path("variant").asText("").isEmpty() ? "" : "/" + p.path("variant").asText())
                : "";
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        long size = node.path("size").asLong(-1);
        if (node.has("size") && (!node.path("size").canConvertToExactIntegral() || size < 0 || size > MAX_BLOB)) {
            throw new InvalidInputException("%s: entry %s has size %s, which no blob has".formatted(where, digest,
                    Printable.of(node.path("size").toString())));
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, size, platform, annotations);
    }
}
