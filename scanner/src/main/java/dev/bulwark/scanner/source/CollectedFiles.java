package dev.bulwark.scanner.source;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Files collected from a running container or host (its package databases and application files, as a gzip'd tar
 * of paths relative to its root), scanned as an image of one layer. There is no image config: nothing is known of
 * its user, entry point or history.
 */
public final class CollectedFiles implements Image {

    private static final LayerDescriptor LAYER = new LayerDescriptor("", "", -1, "");
    private final String reference;
    private final Path tar;

    private CollectedFiles(String reference, Path tar) {
        this.reference = reference;
        this.tar = tar;
    }

    /** @param reference what the files are of, for reports ({@code container:web-1}) */
    public static CollectedFiles open(String reference, Path tar) {
        return new CollectedFiles(reference, tar);
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
        // one layer, whose diff id nobody knows (it is not checked) and whose history says what it is
        return new ImageConfig("linux", "", "", List.of(""), List.of(new ImageConfig.HistoryEntry(
                "files collected from " + reference, false)), JsonNodeFactory.instance.objectNode(), "");
    }

    @Override
    public List<LayerDescriptor> layers() {
        return List.of(LAYER);
    }

    @Override
    public InputStream openLayer(LayerDescriptor layer) throws IOException {
        return Files.newInputStream(tar);
    }

    @Override
    public void close() {
        // the caller owns the file
    }
}
