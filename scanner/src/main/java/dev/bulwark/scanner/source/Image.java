package dev.bulwark.scanner.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * An image made of layers: from a registry, an OCI layout or a docker archive. Layers are opened one at a time
 * as streams of their stored bytes; nothing is extracted to disk. Close the image to release files and
 * connections.
 */
public sealed interface Image extends ImageSource permits CollectedFiles, DockerArchiveImage, OciLayoutImage,
        RegistryImage {

    /** Digest of the manifest, where the source has one; empty otherwise. */
    String manifestDigest();

    ImageConfig config();

    /** Layers bottom first, with diff ids taken from the config. */
    List<LayerDescriptor> layers();

    /** The stored bytes of one layer (possibly compressed); the caller closes the stream. */
    InputStream openLayer(LayerDescriptor layer) throws IOException;
}
