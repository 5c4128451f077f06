package dev.bulwark.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Packs a directory tree into a one-layer OCI image layout (gzip layer), for benchmarks of real file mixes. */
final class TreeImage {

    private TreeImage() {}

    static Path pack(Path root, Path layout) throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Path tmp = Files.createTempFile(layout, "layer", ".tmp");
        MessageDigest stored = sha256();
        MessageDigest plain = sha256();
        try (OutputStream file = new DigestOutputStream(Files.newOutputStream(tmp), stored);
                OutputStream gz = new GZIPOutputStream(file, 1 << 16);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gz, plain));
                Stream<Path> walk = Files.walk(root)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                TarArchiveEntry e = new TarArchiveEntry(root.relativize(p).toString());
                e.setSize(Files.size(p));
                e.setMode(0100644);
                tar.putArchiveEntry(e);
                Files.copy(p, tar);
                tar.closeArchiveEntry();
            }
        }
        String digest = "sha256:" + HexFormat.of().formatHex(stored.digest());
        String diffId = "sha256:" + HexFormat.of().formatHex(plain.digest());
        Path blob = layout.resolve("blobs/sha256/" + digest.substring(7));
        Files.move(tmp, blob);
        String[] config = blob(layout, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"1000\"},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}");
        String[] manifest = blob(layout, "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1"
                + "+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + config[0] + "\",\"size\":" + config[1] + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image."
                + "layer.v1.tar+gzip\",\"digest\":\"" + digest + "\",\"size\":" + Files.size(blob) + "}]}");
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifest[0] + "\",\"size\":"
                + manifest[1] + "}]}");
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return layout;
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
