package dev.bulwark.scanner.source;

import dev.bulwark.core.error.InvalidInputException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image in a registry, read over the Docker Registry HTTP API v2. Opening it fetches the manifest (choosing
 * {@link SourceOptions#platform()} from an index) and the config, so that a missing image or a refused login
 * fails at once; layers are streamed on request, checked against their digest when read to the end, and never
 * written to disk.
 *
 * <p>Credentials come from {@link RegistryCredentials#resolve}. The registry is reached over https, or over plain
 * http when {@link SourceOptions#insecure()} is set; only then are plain-http redirects and token realms followed.
 * Every failure to reach or read the registry is an {@link InvalidInputException} whose one-line message names
 * the image.
 *
 * <p>Thread-safe: layers may be opened and read concurrently. {@link #close()} aborts streams still open.
 */
public final class RegistryImage implements Image {

    private static final int MAX_CONFIG_SIZE = 8 << 20;

    private final String reference;
    private final String manifestDigest;
    private final ImageConfig config;
    private final List<LayerDescriptor> layers;
    private final RegistryClient client;

    private RegistryImage(String reference, String manifestDigest, ImageConfig config, List<LayerDescriptor> layers,
            RegistryClient client) {
        this.reference = reference;
        this.manifestDigest = manifestDigest;
        this.config = config;
        this.layers = List.copyOf(layers);
        this.client = client;
    }

    /** Opens {@code HOST[:PORT]/REPO[:TAG][@DIGEST]}, taking credentials from the process environment too. */
    static RegistryImage open(String reference, SourceOptions options) {
        return open(reference, options, System.getenv(), RegistryTransport.DEFAULT_TIMEOUT);
    }

    /**
     * @param environment where {@code BULWARK_REGISTRY_USERNAME} and {@code BULWARK_REGISTRY_PASSWORD} are looked up
     * @param timeout the longest wait for one answer
     */
    static RegistryImage open(String reference, SourceOptions options, Map<String, String> environment,
            Duration timeout) {
        RegistryReference ref = RegistryReference.parse(reference);
        return open(ref, RegistryCredentials.resolve(ref.registry(), options, environment), options, timeout);
    }

    /** Opens an image logging in as {@code credentials}, whatever the environment and the Docker config hold. */
    static RegistryImage open(RegistryReference ref, RegistryCredentials credentials, SourceOptions options,
            Duration timeout) {
        RegistryClient client = RegistryClient.connect(ref, credentials, options.insecure(), timeout);
        try {
            return pull(ref, options, client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static RegistryImage pull(RegistryReference ref, SourceOptions options, RegistryClient client) {
        String where = "cannot pull \"%s\"".formatted(ref);
        RegistryClient.Document document = client.manifest(ref.manifestReference());
        Manifest parsed = Manifest.parse(document.body(), where);
        if (parsed instanceof Manifest.Index index) {
            document = client.manifest(index.select(options.platform(), where).digest());
            parsed = Manifest.parse(document.body(), where);
        }
        if (!(parsed instanceof Manifest.ImageManifest manifest)) {
            throw new InvalidInputException(where + ": the index entry for the platform is another index");
        }
        ImageConfig config = ImageConfig.parse(client.blob(manifest.config(), MAX_CONFIG_SIZE), where);
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new InvalidInputException("%s: the manifest lists %d layers but the config %d diff ids"
                    .formatted(where, manifest.layers().size(), config.diffIds().size()));
        }
        List<LayerDescriptor> layers = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Manifest.Descriptor layer = manifest.layers().get(i);
            layers.add(new LayerDescriptor(layer.digest(), config.diffIds().get(i), layer.size(), layer.mediaType()));
        }
        return new RegistryImage(ref.toString(), document.digest().toString(), config, layers, client);
    }

    /** The normalised reference, {@code docker.io/library/alpine:3.11}. */
    @Override
    public String reference() {
        return reference;
    }

    /** The digest of the image manifest; for an index, that of the entry chosen for the platform. */
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

    /**
     * Streams a layer's stored bytes. Reading to the end verifies the digest and size; a mismatch is an
     * {@link java.io.IOException} from the final read.
     *
     * @throws IllegalArgumentException if the layer is not one of {@link #layers()}
     * @throws InvalidInputException if the registry refuses or cannot be reached
     */
    @Override
    public InputStream openLayer(LayerDescriptor layer) {
        if (!layers.contains(layer)) {
            throw new IllegalArgumentException("layer %s is not in %s".formatted(layer.digest(), reference));
        }
        return new DigestVerifyingInputStream(client.openBlob(layer.digest()), Digest.parse(layer.digest()),
                layer.size(), "cannot pull \"%s\": layer %s".formatted(reference, layer.digest()));
    }

    @Override
    public void close() {
        client.close();
    }
}
