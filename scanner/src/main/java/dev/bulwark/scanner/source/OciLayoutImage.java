package dev.bulwark.scanner.source;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.budget.TemporarySpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image in an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/}), as a directory or a
 * tar archive. The image is picked from {@code index.json} by tag (the {@code org.opencontainers.image.ref.name}
 * annotation) or digest, then by platform when the entry is itself an index. Manifest and config blobs are checked
 * against their digests; layers are checked as they are read.
 */
public final class OciLayoutImage implements Image {

    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final int MAX_INDEX_DEPTH = 4;

    private final String reference;
    private final BlobStore store;
    private final String manifestDigest;
    private final ImageConfig config;
    private final List<LayerDescriptor> layers;

    private OciLayoutImage(String reference, BlobStore store, String manifestDigest, ImageConfig config,
            List<LayerDescriptor> layers) {
        this.reference = reference;
        this.store = store;
        this.manifestDigest = manifestDigest;
        this.config = config;
        this.layers = List.copyOf(layers);
    }

    /**
     * @param selector a tag, a digest ({@code sha256:...}), or empty for the only image in the layout
     */
    public static OciLayoutImage openDirectory(Path dir, String selector, String platform) {
        return open(new DirectoryBlobStore(dir.toAbsolutePath()), "oci-dir:", selector, platform);
    }

    public static OciLayoutImage openArchive(Path archive, String selector, String platform) {
        return openArchive(archive, selector, platform, TemporarySpace.systemDefault());
    }

    /** @param temporary where a gzip archive is inflated, and up to what size */
    public static OciLayoutImage openArchive(Path archive, String selector, String platform,
            TemporarySpace temporary) {
        return open(TarBlobStore.open(archive, temporary), "oci-archive:", selector, platform);
    }

    private static OciLayoutImage open(BlobStore store, String kind, String selector, String platform) {
        try {
            return read(store, kind, selector, platform);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static OciLayoutImage read(BlobStore store, String kind, String selector, String platform) {
        String where = store.where();
        if (!store.exists("oci-layout") || !store.exists("index.json")) {
            throw new InvalidInputException("%s is not an OCI image layout (no oci-layout or index.json)"
                    .formatted(where));
        }
        Manifest top = Manifest.parse(store.read("index.json", Manifest.MAX_SIZE), where + " index.json");
        if (!(top instanceof Manifest.Index index)) {
            throw new InvalidInputException("%s: index.json is not an image index".formatted(where));
        }
        Manifest.Descriptor chosen = choose(index, selector, where);
        Manifest manifest = blobManifest(store, chosen, where);
        for (int depth = 0; manifest instanceof Manifest.Index nested; depth++) {
            if (depth == MAX_INDEX_DEPTH) {
                throw new InvalidInputException("%s: indexes nested deeper than %d".formatted(where, depth));
            }
            chosen = nested.select(platform, where);
            manifest = blobManifest(store, chosen, where);
        }
        Manifest.ImageManifest image = (Manifest.ImageManifest) manifest;
        ImageConfig config = ImageConfig.parse(verifiedBlob(store, image.config().digest(), where),
                where + " config " + image.config().digest());
        if (config.diffIds().size() != image.layers().size()) {
            throw new InvalidInputException("%s: manifest lists %d layers but the config has %d diff ids"
                    .formatted(where, image.layers().size(), config.diffIds().size()));
        }
        List<LayerDescriptor> layers = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            Manifest.Descriptor l = image.layers().get(i);
            layers.add(new LayerDescriptor(l.digest(), config.diffIds().get(i), l.size(), l.mediaType()));
        }
        String ref = kind + where + (selector.isEmpty() ? "" : ":" + selector);
        return new OciLayoutImage(ref, store, chosen.digest(), config, layers);
    }

    private static Manifest.Descriptor choose(Manifest.Index index, String selector, String where) {
        List<Manifest.Descriptor> all = index.manifests();
        if (all.isEmpty()) {
            throw new InvalidInputException("%s: index.json lists no image".formatted(where));
        }
        if (selector.isEmpty()) {
            if (all.size() == 1) {
                return all.get(0);
            }
            throw new InvalidInputException("%s holds %d images; name one by tag or digest (tags: %s)"
                    .formatted(where, all.size(), tags(all)));
        }
        for (Manifest.Descriptor d : all) {
            if (d.digest().equals(selector) || selector.equals(d.annotations().get(REF_NAME))) {
                return d;
            }
        }
        throw new InvalidInputException("%s has no image %s (tags: %s)".formatted(where, selector, tags(all)));
    }

    private static String tags(List<Manifest.Descriptor> all) {
        List<String> tags = all.stream().map(Manifest.Descriptor::annotations)
                .map((Map<String, String> a) -> a.getOrDefault(REF_NAME, "")).filter(t -> !t.isEmpty()).toList();
        return tags.isEmpty() ? "none" : String.join(", ", tags);
    }

    private static Manifest blobManifest(BlobStore store, Manifest.Descriptor d, String where) {
        return Manifest.parse(verifiedBlob(store, d.digest(), where), where + " manifest " + d.digest());
    }

    private static byte[] verifiedBlob(BlobStore store, String digest, String where) {
        Digest expected = Digest.parse(digest);
        byte[] data = store.read(blobName(expected), Manifest.MAX_SIZE);
        Digest actual = expected.hashOf(data);
        if (!actual.equals(expected)) {
            throw new InvalidInputException("%s: blob %s does not match its digest (content is %s)"
                    .formatted(where, expected, actual));
        }
        return data;
    }

    private static String blobName(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    @Override
    public String reference() {
        return reference;
    }

    @Override
    public String manifestDigest() {
        return manifestDigest;
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
        return store.open(blobName(Digest.parse(layer.digest())));
    }

    @Override
    public void close() {
        store.close();
    }
}
