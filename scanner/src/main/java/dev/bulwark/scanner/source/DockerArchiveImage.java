package dev.bulwark.scanner.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.scanner.budget.TemporarySpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image saved by {@code docker save} or {@code skopeo copy ... docker-archive:}, plain or gzip. The archive's
 * {@code manifest.json} names the config and the layer files; layers are verified against the config's diff ids,
 * and against their blob name where the archive uses the newer {@code blobs/sha256/...} layout.
 */
public final class DockerArchiveImage implements Image {

    private static final Pattern BLOB_NAME = Pattern.compile("blobs/(sha256|sha512)/([a-f0-9]+)");

    private final String reference;
    private final BlobStore store;
    private final ImageConfig config;
    private final List<LayerDescriptor> layers;
    private final List<String> layerFiles;

    private DockerArchiveImage(String reference, BlobStore store, ImageConfig config, List<LayerDescriptor> layers,
            List<String> layerFiles) {
        this.reference = reference;
        this.store = store;
        this.config = config;
        this.layers = List.copyOf(layers);
        this.layerFiles = List.copyOf(layerFiles);
    }

    /** @param tag the image to pick when the archive holds several ({@code app:1.0}), empty for the only one */
    public static DockerArchiveImage open(Path archive, String tag) {
        return open(archive, tag, TemporarySpace.systemDefault());
    }

    /** @param temporary where a gzip archive is inflated, and up to what size */
    public static DockerArchiveImage open(Path archive, String tag, TemporarySpace temporary) {
        BlobStore store = TarBlobStore.open(archive, temporary);
        try {
            return read(archive, tag, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static DockerArchiveImage read(Path archive, String tag, BlobStore store) {
        String where = archive.toString();
        if (!store.exists("manifest.json")) {
            throw new InvalidInputException("%s is not a docker archive (no manifest.json)".formatted(where));
        }
        JsonNode manifests;
        try {
            manifests = Json.lenient().readTree(store.read("manifest.json", Manifest.MAX_SIZE));
        } catch (IOException e) {
            throw new InvalidInputException("%s: manifest.json is not JSON (%s)".formatted(where,
                    ImageConfig.firstLine(e)));
        }
        if (manifests == null || !manifests.isArray() || manifests.isEmpty()) {
            throw new InvalidInputException("%s: manifest.json lists no image".formatted(where));
        }
        JsonNode chosen = choose(manifests, tag, where);
        String configName = chosen.path("Config").asText("");
        if (configName.isEmpty()) {
            throw new InvalidInputException("%s: manifest.json names no Config".formatted(where));
        }
        ImageConfig config = ImageConfig.parse(store.read(configName, Manifest.MAX_SIZE), where + " " + configName);
        List<LayerDescriptor> layers = new ArrayList<>();
        List<String> files = new ArrayList<>();
        JsonNode names = chosen.path("Layers");
        if (names.size() != config.diffIds().size()) {
            throw new InvalidInputException("%s: manifest.json lists %d layers but the config has %d diff ids"
                    .formatted(where, names.size(), config.diffIds().size()));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).asText();
            Matcher blob = BLOB_NAME.matcher(BlobStore.clean(name));
            String digest = blob.matches() ? blob.group(1) + ":" + blob.group(2) : "";
            layers.add(new LayerDescriptor(digest, config.diffIds().get(i), -1, ""));
            files.add(name);
        }
        String ref = "docker-archive:" + archive + (tag.isEmpty() ? "" : ":" + tag);
        return new DockerArchiveImage(ref, store, config, layers, files);
    }

    private static JsonNode choose(JsonNode manifests, String tag, String where) {
        if (tag.isEmpty()) {
            if (manifests.size() > 1) {
                throw new InvalidInputException("%s holds %d images; name one as docker-archive:PATH:TAG (tags: %s)"
                        .formatted(where, manifests.size(), tags(manifests)));
            }
            return manifests.get(0);
        }
        for (JsonNode m : manifests) {
            for (JsonNode t : m.path("RepoTags")) {
                String repoTag = t.asText();
                if (repoTag.equals(tag) || repoTag.endsWith("/" + tag)) {
                    return m;
                }
            }
        }
        throw new InvalidInputException("%s has no image tagged %s (tags: %s)".formatted(where, tag, tags(manifests)));
    }

    private static String tags(JsonNode manifests) {
        List<String> tags = new ArrayList<>();
        manifests.forEach(m -> m.path("RepoTags").forEach(t -> tags.add(t.asText())));
        return tags.isEmpty() ? "none" : String.join(", ", tags);
    }

    @Override
    public String reference() {
        return reference;
    }

    @Override
    public String manifestDigest() {
        return "";
    }

    @Override
    public ImageConfig config() {
        return config;
    }

    @Override
    public List<LayerDescriptor> layers() {
        return layers;
    }

    @Override
    public InputStream openLayer(LayerDescriptor layer) throws IOException {
        int index = layers.indexOf(layer);
        if (index < 0) {
            throw new IllegalArgumentException("not a layer of " + reference + ": " + layer);
        }
        return store.open(layerFiles.get(index));
    }

    @Override
    public void close() {
        store.close();
    }
}
