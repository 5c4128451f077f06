package dev.bulwark.scanner.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes OCI image layouts for tests from layer tars made in memory: blobs, manifest, config and index, all with
 * correct digests unless a test breaks one on purpose.
 */
public final class OciLayoutWriter {

    private final Path dir;
    private final List<String> indexEntries = new ArrayList<>();

    public OciLayoutWriter(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds an image of the given layers (stored as given, so gzip them first for compressed layers). */
    public String image(String tag, String platform, List<byte[]> storedLayers, List<byte[]> uncompressedLayers) {
        String manifestDigest = manifest(platform, storedLayers, uncompressedLayers);
        indexEntries.add(descriptor(MANIFEST, manifestDigest, size(manifestDigest), tag, ""));
        return manifestDigest;
    }

    /** Adds a multi-platform entry: an index of one image per platform. */
    public String multiPlatform(String tag, List<String> platforms, List<byte[]> layers) {
        List<String> entries = new ArrayList<>();
        for (String platform : platforms) {
            String m = manifest(platform, layers, layers);
            entries.add(descriptor(MANIFEST, m, size(m), "", platform));
        }
        String index = blob(("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":["
                + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8));
        indexEntries.add(descriptor(INDEX, index, size(index), tag, ""));
        return index;
    }

    public Path write() {
        write("index.json", ("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":["
                + String.join(",", indexEntries) + "]}").getBytes(StandardCharsets.UTF_8));
        return dir;
    }

    public Path blobPath(String digest) {
        return dir.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX = "application/vnd.oci.image.index.v1+json";

    private String manifest(String platform, List<byte[]> stored, List<byte[]> uncompressed) {
        String[] p = platform.split("/");
        List<String> diffIds = uncompressed.stream().map(l -> "\"" + Digest.sha256(l) + "\"").toList();
        String config = blob(("{\"architecture\":\"" + p[1] + "\",\"os\":\"" + p[0] + "\",\"rootfs\":{\"type\":"
                + "\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]},\"history\":[]}")
                .getBytes(StandardCharsets.UTF_8));
        List<String> layers = new ArrayList<>();
        for (byte[] l : stored) {
            String d = blob(l);
            layers.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", d, l.length, "", ""));
        }
        return blob(("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":"
                + descriptor("application/vnd.oci.image.config.v1+json", config, size(config), "", "")
                + ",\"layers\":[" + String.join(",", layers) + "]}").getBytes(StandardCharsets.UTF_8));
    }

    private static String descriptor(String mediaType, String digest, long size, String tag, String platform) {
        String annotations = tag.isEmpty() ? ""
                : ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}";
        String plat = "";
        if (!platform.isEmpty()) {
            String[] p = platform.split("/");
            plat = ",\"platform\":{\"os\":\"" + p[0] + "\",\"architecture\":\"" + p[1] + "\""
                    + (p.length > 2 ? ",\"variant\":\"" + p[2] + "\"" : "") + "}";
        }
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + annotations
                + plat + "}";
    }

    private String blob(byte[] data) {
        String digest = Digest.sha256(data).toString();
        write("blobs/sha256/" + digest.substring(7), data);
        return digest;
    }

    private long size(String digest) {
        try {
            return Files.size(blobPath(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, byte[] data) {
        try {
            Files.write(dir.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
