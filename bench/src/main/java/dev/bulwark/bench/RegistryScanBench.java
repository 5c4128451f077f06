package dev.bulwark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.Identity;
import dev.bulwark.link.JoinToken;
import dev.bulwark.link.Role;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.LayerCache;
import dev.bulwark.scanner.service.RepositoryScanner;
import dev.bulwark.scanner.worker.ScanWorker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Registry scans: 50 images in a real {@code docker-registry} on 127.0.0.1, each alpine 3.11 (the shared base
 * layer) plus a small layer of its own, pushed with skopeo; a controller in a JVM of its own
 * ({@link ChildController}) and one, then two scanners in this process, joined with a token as users join them,
 * each with a layer cache of the default size.
 * Prints the time from {@code POST /v1/scan/registry/NAME/scan} until all 50 are scanned, and the same for a rescan,
 * in which no tag's digest changed. Needs docker-registry and skopeo; no vulnerability database (the inventory is
 * the work; matching 14 packages is not).
 */
public final class RegistryScanBench {

    static final int IMAGES = 50;
    private static final ObjectMapper JSON = Json.compactSnakeCase();

    private RegistryScanBench() {}

    private static final List<String> CONTROLLER_JVM = List.of("-Xmx1g", "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");

    /** @param args the controller's class path, and the base image (a gzipped docker archive) */
    public static void main(String[] args) throws Exception {
        String classpath = args[0];
        Path base = Path.of(args[1]);
        Path work = Files.createTempDirectory("bulwark-registry-bench");
        Process registry = startRegistry(work);
        try {
            int port = registryPort;
            long pushStart = System.nanoTime();
            for (int i = 0; i < IMAGES; i++) {
                Path archive = withOwnLayer(base, work.resolve("image-" + i + ".tar"), i);
                run(List.of("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false",
                        "docker-archive:" + archive, "docker://127.0.0.1:%d/bench/app-%02d:1".formatted(port, i)));
                Files.delete(archive);
            }
            System.out.printf("registry scan: %d images (alpine 3.11 + a layer each) pushed in %.1f s%n", IMAGES,
                    (System.nanoTime() - pushStart) / 1e9);
            for (int scanners : new int[] {1, 2}) {
                measure(classpath, port, scanners);
            }
        } finally {
            registry.destroyForcibly();
        }
    }

    private static void measure(String classpath, int registryPort, int scanners) throws Exception {
        try (ChildController controller = ChildController.start(classpath, CONTROLLER_JVM);
                HttpClient http = ControllerRest.client(controller.caPem())) {
            String rest = controller.base();
            String token = ControllerRest.login(http, rest);
            JoinToken join = JoinToken.parse(JSON.readTree(ControllerRest.send(http, rest, token, "POST",
                    "/v1/enforcer/join_token", "{\"duration\": 3600}")).path("token").asText());
            List<ScanWorker> workers = new ArrayList<>();
            List<LayerCache> caches = new ArrayList<>();
            for (int i = 0; i < scanners; i++) {
                caches.add(new LayerCache(LayerCache.DEFAULT_BYTES));
                workers.add(new ScanWorker(new ScanWorker.Settings(controller.linkAddress(), Identity.join(
                        controller.linkAddress(), join, "bench-" + i, Role.SCANNER), 2, "bench"),
                        new RepositoryScanner(Analyzers.scanner().caching(caches.getLast())), Optional.empty()));
            }
            while (JSON.readTree(ControllerRest.send(http, rest, token, "GET", "/v1/scan/scanner", null))
                    .path("scanners").size() < scanners) {
                Thread.sleep(20);
            }
            ControllerRest.send(http, rest, token, "POST", "/v1/scan/registry", """
                    {"config": {"name": "bench", "registry_type": "Docker Registry",
                     "registry": "http://127.0.0.1:%d/", "filters": ["bench/*:*"], "scan_layers": true}}"""
                    .formatted(registryPort));
            double first = scan(http, rest, token);
            long hits = caches.stream().mapToLong(c -> c.stats().hits()).sum();
            long misses = caches.stream().mapToLong(c -> c.stats().misses()).sum();
            double again = scan(http, rest, token);
            System.out.printf("registry scan, %d scanner%s (2 jobs each): first scan of %d images %.1f s (%.2f"
                    + " images/s; layer cache: %d layers read, %d skipped); rescan, no digest changed, %.2f s ="
                    + " %.0fx faster%n", scanners, scanners == 1 ? "" : "s", IMAGES, first, IMAGES / first, misses,
                    hits, again, first / again);
            workers.forEach(ScanWorker::close);
        }
    }

    /** Starts a scan and waits until the registry is idle again with every image scanned; seconds. */
    private static double scan(HttpClient http, String rest, String token) throws Exception {
        long jobs = jobsEnded(http, rest, token);
        long start = System.nanoTime();
        ControllerRest.send(http, rest, token, "POST", "/v1/scan/registry/bench/scan", null);
        while (true) {
            JsonNode s = JSON.readTree(ControllerRest.send(http, rest, token, "GET", "/v1/scan/registry/bench",
                    null)).path("summary");
            // idle once one of its jobs (its listing at least) has ended: started_at is to the second only
            if (s.path("status").asText().equals("idle") && jobsEnded(http, rest, token) > jobs) {
                if (s.path("scanned").asInt() != IMAGES || s.path("failed").asInt() != 0) {
                    throw new IllegalStateException("the scan ended with " + s);
                }
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(20);
        }
    }

    private static long jobsEnded(HttpClient http, String rest, String token) throws Exception {
        JsonNode status = JSON.readTree(ControllerRest.send(http, rest, token, "GET", "/v1/scan/status", null))
                .path("status");
        return status.path("scanned").asLong() + status.path("failed").asLong();
    }

    private static int registryPort;

    private static Process startRegistry(Path work) throws IOException, InterruptedException {
        try (ServerSocket s = new ServerSocket(0)) {
            registryPort = s.getLocalPort();
        }
        Path config = work.resolve("registry.yml");
        Files.writeString(config, """
                version: 0.1
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(work.resolve("storage"), registryPort));
        Process p = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("registry.log").toFile()).start();
        for (int i = 0; i < 600; i++) {
            try (Socket ignored = new Socket("127.0.0.1", registryPort)) {
                return p;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("docker-registry did not start; see " + work.resolve("registry.log"));
    }

    /** The base docker archive (gzipped) with one more layer holding a file of its own, as a plain archive. */
    static Path withOwnLayer(Path baseArchive, Path out, int n) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(
                Files.newInputStream(baseArchive)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isFile()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        ArrayNode manifest = (ArrayNode) JSON.readTree(entries.get("manifest.json"));
        ObjectNode image = (ObjectNode) manifest.get(0);
        ObjectNode config = (ObjectNode) JSON.readTree(entries.remove(image.path("Config").asText()));
        byte[] layer = tar("etc/bench-image", ("image " + n + "\n").getBytes(StandardCharsets.UTF_8));
        String layerName = sha256(layer) + "/layer.tar";
        entries.put(layerName, layer);
        ((ArrayNode) config.path("rootfs").path("diff_ids")).add("sha256:" + sha256(layer));
        ((ArrayNode) config.withArray("history")).addObject().put("created_by", "COPY bench-image /etc/");
        byte[] configBytes = JSON.writeValueAsBytes(config);
        String configName = sha256(configBytes) + ".json";
        entries.put(configName, configBytes);
        image.put("Config", configName);
        ((ArrayNode) image.path("Layers")).add(layerName);
        image.putArray("RepoTags").add("bench/app-%02d:1".formatted(n));
        entries.put("manifest.json", JSON.writeValueAsBytes(manifest));
        try (OutputStream file = Files.newOutputStream(out); TarArchiveOutputStream tar = new TarArchiveOutputStream(
                file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    private static byte[] tar(String name, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(body.length);
            e.setMode(0644);
            tar.putArchiveEntry(e);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static void run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + new String(output,
                    StandardCharsets.UTF_8));
        }
    }
}
