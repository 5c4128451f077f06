package dev.bulwark.enforcer.testing;

import dev.bulwark.core.testing.Patience;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.security.auth.module.UnixSystem;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A container run by {@code runc run -d} from a bundle built in a test's directory: a rootfs holding the static
 * busybox and the applet links asked for (or an image's layer, unpacked), any extra files and links, and the
 * config {@code runc spec} writes, with no terminal, a writable root and the given arguments. {@link #close()} kills
 * and deletes it.
 *
 * <pre>{@code
 * try (RuncContainer c = RuncContainer.builder(tempDir).applets("sh", "sleep", "cat").args("sleep", "30")
 *         .file("etc/motd", "hello\n").start()) {
 *     assertThat(c.exec("cat", "/etc/motd").stdout()).isEqualTo("hello\n");
 * }
 * }</pre>
 *
 * <p>Every runc call is bounded by a time limit and its output goes to files, never pipes: a detached container
 * inherits runc's standard streams and would keep a pipe open for as long as it runs.
 */
public final class RuncContainer implements AutoCloseable {

    public static final Path RUNC = Path.of("/usr/sbin/runc");
    public static final Path BUSYBOX = Path.of("/usr/bin/busybox");
    /** Where runc keeps its state when run as root without {@code --root}. */
    public static final Path STATE_ROOT = Path.of("/run/runc");

    private static final Duration TIMEOUT = Patience.HANG;
    private static final ObjectMapper JSON = Json.lenient();

    private final String id;
    private final Path bundle;

    private RuncContainer(String id, Path bundle) {
        this.id = id;
        this.bundle = bundle;
    }

    /** Skips the calling test, saying why, unless this process is root and runc and a busybox are installed. */
    public static void assumeAvailable() {
        assumeTrue(new UnixSystem().getUid() == 0, "runc containers need root; this test runs as uid "
                + new UnixSystem().getUid());
        assumeTrue(Files.isExecutable(RUNC), "runc is not installed at " + RUNC + " (Debian package runc)");
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox is not installed at " + BUSYBOX
                + " (Debian package busybox-static)");
    }

    /** The layer of a one-layer docker archive ({@code .tar.gz}, such as the alpine 3.11 fixture), unpacked in {@code dir}. */
    public static Path imageLayer(Path archive, Path dir) throws Exception {
        Path unpacked = Files.createDirectories(dir.resolve("image"));
        run(List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), dir).requireSuccess();
        try (java.util.stream.Stream<Path> files = Files.walk(unpacked)) {
            return files.filter(p -> p.getFileName().toString().equals("layer.tar")).findFirst().orElseThrow();
        }
    }

    /** A container whose bundle will be {@code dir/bundle}; {@code dir} must exist. */
    public static Builder builder(Path dir) {
        return new Builder(dir.resolve("bundle"));
    }

    public String id() {
        return id;
    }

    public Path bundle() {
        return bundle;
    }

    public Path rootfs() {
        return bundle.resolve("rootfs");
    }

    /** The container's first process as the host sees it, from {@code runc state}. */
    public int pid() throws IOException {
        JsonNode state = JSON.readTree(runc("state", id).requireSuccess().stdout());
        return state.path("pid").asInt();
    }

    /** Runs {@code args} in the container with {@code runc exec} and waits for it, whatever its exit code. */
    public Result exec(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("exec", id));
        argv.addAll(List.of(args));
        return runc(argv.toArray(String[]::new));
    }

    /** Runs a command in the container as {@code uid:gid}. */
    public Result execAs(String user, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("exec", "--user", user, id));
        argv.addAll(List.of(args));
        return runc(argv.toArray(String[]::new));
    }

    /** Kills the container and deletes it; harmless when it has already stopped or gone. */
    @Override
    public void close() throws IOException {
        runc("kill", id, "KILL");
        Result deleted = runc("delete", "-f", id);
        if (deleted.exitCode() != 0 && Files.exists(STATE_ROOT.resolve(id))) {
            throw new IOException("runc delete -f %s failed: %s".formatted(id, deleted.stderr().strip()));
        }
    }

    private Result runc(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(RUNC.toString()));
        argv.addAll(List.of(args));
        return run(argv, bundle);
    }

    /**
     * Runs any command in {@code dir}, bounded by the same time limit, its output read from files: a daemon it
     * leaves behind cannot hold the call open.
     */
    public static Result run(List<String> argv, Path dir) throws IOException {
        Path out = Files.createTempFile("runc-", ".out");
        Path err = Files.createTempFile("runc-", ".err");
        try {
            Process process = new ProcessBuilder(argv).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("%s timed out after %s".formatted(String.join(" ", argv), TIMEOUT));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw (IOException) new InterruptedIOException("interrupted: " + String.join(" ", argv)).initCause(e);
            }
            return new Result(String.join(" ", argv), process.exitValue(), Files.readString(out, UTF_8),
                    Files.readString(err, UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * What a runc call or an exec in the container gave.
     *
     * @param command the command line, for messages
     * @param exitCode its exit status
     * @param stdout its standard output
     * @param stderr its standard error
     */
    public record Result(String command, int exitCode, String stdout, String stderr) {

        public Result {
            requireNonNull(command, "command");
            requireNonNull(stdout, "stdout");
            requireNonNull(stderr, "stderr");
        }

        /** This result, or an exception naming the command and its error output when it failed. */
        public Result requireSuccess() throws IOException {
            if (exitCode != 0) {
                throw new IOException("`%s` exited %d: %s".formatted(command, exitCode, stderr.strip()));
            }
            return this;
        }
    }

    /** How to build the bundle and run the container; {@link #start()} does both. */
    public static final class Builder {

        private final Path bundle;
        private String id = "bulwark-" + UUID.randomUUID().toString().substring(0, 13);
        private List<String> args = List.of("sleep", "30");
        private List<String> applets = List.of("sh", "sleep");
        private final Map<String, String> files = new LinkedHashMap<>();
        private final Map<String, String> symlinks = new LinkedHashMap<>();
        private final Map<String, Path> copies = new LinkedHashMap<>();
        private Consumer<ObjectNode> config = _ -> {};
        private boolean hostNetwork;
        private Path networkNamespace;
        private Path layer;

        private Builder(Path bundle) {
            this.bundle = bundle;
        }

        /** The container id; a unique {@code bulwark-...} one unless set. */
        public Builder id(String newId) {
            id = requireNonNull(newId, "id");
            return this;
        }

        /** The container's process; {@code sleep 30} unless set. */
        public Builder args(String... newArgs) {
            args = List.of(newArgs);
            return this;
        }

        /** The busybox applets linked in {@code /bin}; {@code sh} and {@code sleep} unless set. */
        public Builder applets(String... names) {
            applets = List.of(names);
            return this;
        }

        /**
         * The rootfs unpacked from an image's layer tar (by {@code tar}, as root, so owners and device nodes are
         * kept) instead of our busybox and its applets: the image's own programs run.
         */
        public Builder layer(Path layerTar) {
            layer = requireNonNull(layerTar, "layerTar");
            return this;
        }

        /** A file at {@code path} (relative to the rootfs) holding {@code content}. */
        public Builder file(String path, String content) {
            files.put(path, content);
            return this;
        }

        /** A copy of the host's file {@code from} at {@code path} (relative to the rootfs), its mode kept. */
        public Builder copy(String path, Path from) {
            copies.put(path, from);
            return this;
        }

        /** A symbolic link at {@code path} (relative to the rootfs) pointing at {@code target}. */
        public Builder symlink(String path, String target) {
            symlinks.put(path, target);
            return this;
        }

        /** The container shares the host's network namespace (its loopback is up), instead of a new one. */
        public Builder hostNetwork() {
            hostNetwork = true;
            return this;
        }

        /** The container joins an existing network namespace (such as one of {@link TestBridge}'s) instead of a new one. */
        public Builder network(Path namespace) {
            networkNamespace = requireNonNull(namespace, "namespace");
            return this;
        }

        /** A last change to the OCI config, after the defaults described on {@link RuncContainer}. */
        public Builder config(Consumer<ObjectNode> change) {
            config = requireNonNull(change, "change");
            return this;
        }

        /** Builds the bundle and runs the container detached; the caller must close it. */
        public RuncContainer start() throws IOException {
            if (layer != null) {
                Path rootfs = Files.createDirectories(bundle.resolve("rootfs"));
                run(List.of("tar", "-xf", layer.toAbsolutePath().toString(), "-C", rootfs.toString()), bundle)
                        .requireSuccess();
            } else {
                Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
                Files.copy(BUSYBOX, bin.resolve("busybox"));
                for (String applet : applets) {
                    Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
                }
            }
            for (var file : files.entrySet()) {
                Path target = bundle.resolve("rootfs").resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), UTF_8);
            }
            for (var copy : copies.entrySet()) {
                Path target = bundle.resolve("rootfs").resolve(copy.getKey());
                Files.createDirectories(target.getParent());
                Files.copy(copy.getValue(), target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
            for (var link : symlinks.entrySet()) {
                Path at = bundle.resolve("rootfs").resolve(link.getKey());
                Files.createDirectories(at.getParent());
                Files.createSymbolicLink(at, Path.of(link.getValue()));
            }
            run(List.of(RUNC.toString(), "spec"), bundle).requireSuccess();
            Path configFile = bundle.resolve("config.json");
            ObjectNode spec = (ObjectNode) JSON.readTree(configFile.toFile());
            ObjectNode process = (ObjectNode) spec.path("process");
            process.put("terminal", false);
            process.set("args", JSON.valueToTree(args));
            ((ObjectNode) spec.path("root")).put("readonly", false);
            if (hostNetwork) {
                var namespaces = (com.fasterxml.jackson.databind.node.ArrayNode) spec.path("linux").path("namespaces");
                for (int i = namespaces.size() - 1; i >= 0; i--) {
                    if (namespaces.get(i).path("type").asText().equals("network")) {
                        namespaces.remove(i);
                    }
                }
            }
            if (networkNamespace != null) {
                for (var namespace : spec.path("linux").path("namespaces")) {
                    if (namespace.path("type").asText().equals("network")) {
                        ((ObjectNode) namespace).put("path", networkNamespace.toString());
                    }
                }
            }
            config.accept(spec);
            JSON.writeValue(configFile.toFile(), spec);

            var container = new RuncContainer(id, bundle);
            Result started = container.runc("run", "-d", id);
            if (started.exitCode() != 0) {
                container.close();
                started.requireSuccess();
            }
            return container;
        }
    }
}
