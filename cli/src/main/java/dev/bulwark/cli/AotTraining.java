package dev.bulwark.cli;

import dev.bulwark.scanner.source.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The training run behind the launcher's ahead-of-time cache ({@code -XX:AOTCacheOutput}): scans a small image it
 * builds itself (a gzip docker-archive with an OS, packages of several ecosystems and a secret) in each report
 * format, so that the classes and the profiles of a real scan are in the cache and later runs start warm. It needs
 * nothing outside the jar, so a fresh clone can build the cache. Not a user command.
 */
public final class AotTraining {

    private AotTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("bulwark-aot-training-");
        try {
            Path image = writeImage(dir);
            for (String format : new String[] {"json", "table", "sarif", "neuvector"}) {
                for (int round = 0; round < 3; round++) {
                    run("scan", "--format", format, "--output", dir.resolve("report").toString(), image.toString());
                }
            }
            run("sbom", "--format", "spdx", "--output", dir.resolve("sbom").toString(), image.toString());
            run("vercmp", "-e", "deb", "1:1.0~rc1-1", "1:1.0-1");
            run("--help");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs one command line quietly; a training run that fails says so, since it would train the wrong path. */
    private static void run(String... args) {
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(OutputStream.nullOutputStream()), new PrintWriter(err));
        if (exit != 0) {
            throw new IllegalStateException("training run 'bulwark %s' exited %d: %s".formatted(String.join(" ",
                    args), exit, err));
        }
    }

    static Path writeImage(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n"
                + "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        files.put("var/lib/dpkg/status", """
                Package: libc6
                Status: install ok installed
                Architecture: amd64
                Source: glibc
                Version: 2.36-9+deb12u4

                Package: openssl
                Status: install ok installed
                Architecture: amd64
                Version: 3.0.11-1~deb12u2

                """);
        files.put("usr/lib/node_modules/left-pad/package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}");
        files.put("app/requirements.txt", "requests==2.31.0\nurllib3==2.0.7\n");
        files.put("app/.env", "AWS_ACCESS_KEY_ID=AKIA" + "Q3EGRI7WXBZ4KN2T\nDB_PASSWORD=hunter2-but-longer\n");
        files.put("app/config.yaml", "server:\n  port: 8080\n  token: ghp_" + "x".repeat(36) + "\n");
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            for (var f : files.entrySet()) {
                byte[] body = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(body.length);
                out.putArchiveEntry(entry);
                out.write(body);
                out.closeArchiveEntry();
            }
        }
        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(layer)) {
            gzip.write(tar.toByteArray());
        }
        String config = """
                {"architecture": "amd64", "os": "linux", "config": {"Env": ["PATH=/usr/bin"], "Cmd": ["/bin/sh"]},
                 "rootfs": {"type": "layers", "diff_ids": ["%s"]},
                 "history": [{"created_by": "ADD rootfs /"}]}""".formatted(Digest.sha256(tar.toByteArray()));
        String manifest = "[{\"Config\": \"config.json\", \"RepoTags\": [\"training:1\"], "
                + "\"Layers\": [\"layer.tar.gz\"]}]";
        Path image = dir.resolve("training.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(image))) {
            for (var f : Map.of("manifest.json", manifest.getBytes(StandardCharsets.UTF_8), "config.json",
                    config.getBytes(StandardCharsets.UTF_8), "layer.tar.gz", layer.toByteArray()).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(f.getValue().length);
                out.putArchiveEntry(entry);
                out.write(f.getValue());
                out.closeArchiveEntry();
            }
        }
        return image;
    }
}
