package dev.bulwark.scanner.source;

import java.io.InputStream;
import java.util.List;

/** Placeholder until implemented in this change. */
public final class RegistryImage implements Image {
    public static RegistryImage open(String reference, SourceOptions options) { throw new IllegalStateException(); }
    @Override public String reference() { throw new IllegalStateException(); }
    @Override public String manifestDigest() { throw new IllegalStateException(); }
    @Override public ImageConfig config() { throw new IllegalStateException(); }
    @Override public List<LayerDescriptor> layers() { throw new IllegalStateException(); }
    @Override public InputStream openLayer(LayerDescriptor layer) { throw new IllegalStateException(); }
    @Override public void close() {}
}
