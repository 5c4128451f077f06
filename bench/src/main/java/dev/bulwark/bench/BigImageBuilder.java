package dev.bulwark.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an OCI layout of about {@code size} bytes of incompressible files in four layers, plus a dpkg status so
 * analyzers have real work; cached in {@code ~/.cache/bulwark/bench/} by size.
 */
final class BigImageBuilder {

    private static final int LAYERS = 4;
    private static final int FILE_SIZE = 64 << 20;

    private BigImageBuilder() {}

    static Path build(long size) throws IOException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "bulwark", "bench", "big-" + (size >> 20) + "m");
        if (Files.exists(dir.resolve("index.json"))) {
            return dir;
        }
        Path tmp = Files.createTempDirectory(dir.getParent() == null ? Path.of("/tmp")
                : Files.createDirectories(dir.getParent()), "building-");
        Files.createDirectories(tmp.resolve("blobs/sha256"));
        Random random = new Random(1);
        List<String[]> layers = new ArrayList<>();
        long perLayer = size / LAYERS;
        for (int l = 0; l < LAYERS; l++) {
            layers.add(writeLayer(tmp, l, perLayer, random));
        }
        StringBuilder diffIds = new StringBuilder();
        StringBuilder descriptors = new StringBuilder();
        for (String[] l : layers) {
            diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(l[1]).append('"');
            descriptors.append(descriptors.isEmpty() ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image."
                    + "layer.v1.tar+gzip\",\"digest\":\"").append(l[0]).append("\",\"size\":").append(l[2]).append('}');
        }
        String[] config = blob(tmp, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[" + diffIds + "]}}");
        String[] manifest = blob(tmp, "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config[0]
                + "\",\"size\":" + config[1] + "},\"layers\":[" + descriptors + "]}");
        Files.writeString(tmp.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifest[0] + "\",\"size\":"
                + manifest[1] + "}]}");
        Files.writeString(tmp.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.move(tmp, dir);
        return dir;
    }

    /** Returns {stored digest, diff id, stored size}. */
    private static String[] writeLayer(Path layout, int index, long bytes, Random random) throws IOException {
        Path tmp = Files.createTempFile(layout, "layer", ".tmp");
        MessageDigest stored = sha256();
        MessageDigest plain = sha256();
        try (OutputStream file = new DigestOutputStream(Files.newOutputStream(tmp), stored);
                OutputStream gz = new GZIPOutputStream(file, 1 << 16) {
                    { def.setLevel(Deflater.BEST_SPEED); }
                };
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gz, plain))) {
            if (index == 0) {
                byte[] status = ("Package: base-files\nStatus: install ok installed\nArchitecture: amd64\n"
                        + "Version: 12.4+deb12u5\n\n").getBytes(StandardCharsets.UTF_8);
                add(tar, "var/lib/dpkg/status", status);
            }
            byte[] chunk = new byte[FILE_SIZE];
            for (long written = 0, n = 0; written < bytes; written += FILE_SIZE, n++) {
                random.nextBytes(chunk);
                add(tar, "data/layer%d/blob%03d.bin".formatted(index, n), chunk);
            }
        }
        String digest = "sha256:" + HexFormat.of().formatHex(stored.digest());
        Files.move(tmp, layout.resolve("blobs/sha256/" + digest.substring(7)));
        return new String[] {digest, "sha256:" + HexFormat.of().formatHex(plain.digest()),
                String.valueOf(Files.size(layout.resolve("blobs/sha256/" + digest.substring(7))))};
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] body) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(body.length);
        tar.putArchiveEntry(e);
        tar.write(body);
        tar.closeArchiveEntry();
    }

    private static String[] blob(Path layout, String json) throws IOException {
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(sha256().digest(data));
        Files.write(layout.resolve("blobs/sha256/" + digest.substring(7)), data);
        return new String[] {digest, String.valueOf(data.length)};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
