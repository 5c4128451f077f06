package dev.bulwark.scanner.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the {@link DebianImage} once per machine and recipe, and hands out the cached copy afterwards.
 *
 * <p>The image lives in {@code ~/.cache/bulwark/fixtures/debian-bookworm-2layers-<hash>}, where the hash covers
 * every command of the recipe and its environment, so changing the recipe builds a new image beside the old one.
 * A build runs in a {@code .build-*} directory next to it and is renamed into place only when complete, so an
 * interrupted build never leaves a half image; the next build deletes such leftovers. A lock file keeps two JVMs
 * (two worktrees testing at once) from building the same recipe together. Images of other recipes are left alone,
 * since another branch may still use them; {@code rm -rf ~/.cache/bulwark/fixtures} reclaims the space.
 *
 * <p>Building needs root (chroot, mknod, umoci unpack), mmdebstrap, umoci, skopeo and Debian's archive, and takes
 * well under a minute on a fast link; reading the cache needs none of them. Where a prerequisite is missing,
 * {@link #get()} aborts the calling test (it is reported as skipped) with a message naming what to install.
 */
public final class DebianImageFixture {

    static final String LAYER1_PACKAGES = "layer1-packages.txt";
    static final String FINAL_PACKAGES = "final-packages.txt";

    private static final String NAME = "debian-bookworm-2layers";
    /** Bump when the files this class writes (not the commands) change shape. */
    private static final int LAYOUT_VERSION = 1;
    private static final String SUITE = "bookworm";
    private static final String FALLBACK_MIRROR = "http://deb.debian.org/debian";
    private static final String ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Map<String, String> ENVIRONMENT =
            Map.of("LC_ALL", "C", "DEBIAN_FRONTEND", "noninteractive", "PATH", ROOT_PATH);
    /** Each tool the recipe runs, with the Debian package that provides it. */
    private static final Map<String, String> TOOLS = Map.of(
            "mmdebstrap", "mmdebstrap", "umoci", "umoci", "skopeo", "skopeo", "chroot", "coreutils",
            "mknod", "coreutils", "rm", "coreutils", "gzip", "gzip", "tar", "tar", "find", "findutils",
            "dpkg-query", "dpkg");

    private DebianImageFixture() {}

    /**
     * Returns the image, building it first if this machine has no copy for the current recipe.
     *
     * @throws org.opentest4j.TestAbortedException if it must be built and a tool, root or the archive is missing
     * @throws IOException if a build step fails; the message holds the command line and its standard error
     */
    public static synchronized DebianImage get() throws IOException {
        Recipe recipe = Recipe.of(debianMirror(Path.of("/etc/apt")));
        Path cacheRoot = Path.of(System.getProperty("user.home"), ".cache", "bulwark", "fixtures");
        Path target = cacheRoot.resolve(NAME + "-" + recipe.hash());
        if (!Files.isDirectory(target)) {
            build(recipe, cacheRoot, target);
        }
        return DebianImage.load(target);
    }

    /**
     * The oracle query: dpkg's own view of the packages under {@code rootfs}, one line per package (parsed by
     * {@link DebianImage.DpkgEntry#parseQuery}).
     */
    static Command dpkgQuery(Path rootfs) {
        return Command.of("dpkg-query", "--admindir=" + rootfs.resolve("var/lib/dpkg"), "-W", "-f",
                        "${db:Status-Status} ${Package} ${Version} ${Architecture}"
                                + " ${source:Package} ${source:Version}\\n")
                .withEnvironment(ENVIRONMENT);
    }

    private static void build(Recipe recipe, Path cacheRoot, Path target) throws IOException {
        checkPrerequisites(recipe.mirror());
        Files.createDirectories(cacheRoot);
        Path lockPath = cacheRoot.resolve(target.getFileName() + ".lock");
        try (FileChannel lockFile = FileChannel.open(lockPath, CREATE, WRITE);
             FileLock _ = lockFile.lock()) {
            if (Files.isDirectory(target)) {
                return;
            }
            String buildPrefix = ".build-" + target.getFileName() + "-";
            try (Stream<Path> entries = Files.list(cacheRoot)) {
                for (Path stale : entries.filter(p -> p.getFileName().toString().startsWith(buildPrefix)).toList()) {
                    deleteTree(stale);
                }
            }
            Path work = Files.createTempDirectory(cacheRoot, buildPrefix);
            try {
                recipe.run(work);
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                try {
                    deleteTree(work);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
    }

    private static void checkPrerequisites(String mirror) throws IOException {
        assumeTrue(isRoot(),
                "DebianImageFixture builds its image as root (chroot, mknod, umoci unpack); run the tests as root");
        for (var tool : TOOLS.entrySet()) {
            boolean found = Arrays.stream(ROOT_PATH.split(":"))
                    .map(dir -> Path.of(dir, tool.getKey()))
                    .anyMatch(Files::isExecutable);
            assumeTrue(found, "DebianImageFixture needs %s (apt-get install %s)".formatted(tool.getKey(),
                    tool.getValue()));
        }
        URI release = URI.create(mirror + "/dists/" + SUITE + "/InRelease");
        String unreachable = "DebianImageFixture needs Debian's archive to build its image once, and %s "
                .formatted(release);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpRequest head = HttpRequest.newBuilder(release)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(30))
                    .build();
            int status = http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
            assumeTrue(status == 200, unreachable + "answered " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            var interrupted = new InterruptedIOException("interrupted while probing " + release);
            interrupted.initCause(e);
            throw interrupted;
        } catch (IOException e) {
            assumeTrue(false, unreachable + "is not reachable: " + e);
        }
    }

    private static boolean isRoot() {
        // /proc/self belongs to the effective user of the process reading it
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException _) {
            return false;
        }
    }

    /**
     * The Debian mirror this machine's apt uses, so the build goes where the network allows: the first
     * {@code deb} entry of {@code sources.list} and {@code sources.list.d/*.list|*.sources} whose URI has a
     * {@code debian} path segment and whose suite is a release (not {@code -security} or {@code -updates}).
     */
    static String debianMirror(Path etcApt) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(etcApt.resolve("sources.list"));
        Path listDir = etcApt.resolve("sources.list.d");
        if (Files.isDirectory(listDir)) {
            try (Stream<Path> entries = Files.list(listDir)) {
                entries.filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file, UTF_8);
                Optional<String> mirror = file.toString().endsWith(".sources") ? fromDeb822(text) : fromOneLine(text);
                if (mirror.isPresent()) {
                    return mirror.get();
                }
            }
        }
        return FALLBACK_MIRROR;
    }

    private static Optional<String> fromOneLine(String text) {
        for (String line : text.lines().toList()) {
            List<String> tokens = List.of(line.replaceFirst("#.*", "").trim().split("\\s+"));
            if (tokens.isEmpty() || !tokens.getFirst().equals("deb")) {
                continue;
            }
            int next = 1;
            if (next < tokens.size() && tokens.get(next).startsWith("[")) {
                while (next < tokens.size() && !tokens.get(next).endsWith("]")) {
                    next++;
                }
                next++;
            }
            if (next + 1 < tokens.size() && isReleaseArchive(tokens.get(next), tokens.get(next + 1))) {
                return Optional.of(stripSlash(tokens.get(next)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromDeb822(String text) {
        for (String paragraph : text.split("\\n\\s*\\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            String key = "";
            for (String line : paragraph.lines().toList()) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (Character.isWhitespace(line.isEmpty() ? 'x' : line.charAt(0)) && !key.isEmpty()) {
                    fields.merge(key, " " + line.trim(), String::concat);
                } else if (line.contains(":")) {
                    key = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                    fields.put(key, line.substring(line.indexOf(':') + 1).trim());
                }
            }
            List<String> types = List.of(fields.getOrDefault("types", "").split("\\s+"));
            if (!types.contains("deb") || fields.getOrDefault("enabled", "yes").equals("no")) {
                continue;
            }
            for (String uri : fields.getOrDefault("uris", "").split("\\s+")) {
                for (String suite : fields.getOrDefault("suites", "").split("\\s+")) {
                    if (isReleaseArchive(uri, suite)) {
                        return Optional.of(stripSlash(uri));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isReleaseArchive(String uri, String suite) {
        boolean http = uri.startsWith("http://") || uri.startsWith("https://");
        boolean debianPath = List.of(URI.create(uri).getPath().split("/")).contains("debian");
        return http && debianPath && !suite.isEmpty() && !suite.contains("-") && !suite.contains("/");
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    // The recipe never mounts anything inside the build tree (mmdebstrap's unshare mode mounts in its own
    // namespace, which dies with it), so a tree left by a killed build holds plain files only and a walk that
    // does not follow links deletes exactly that tree.
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The commands that make the image, run in the build directory with relative paths so that the text of the
     * recipe alone (hashed into the cache name) decides the result.
     *
     * @param mirror the Debian archive that mmdebstrap and apt fetch from
     * @param steps commands that must all succeed, in order
     * @param zstdCopy the zstd re-compression, which older skopeo versions cannot do; its failure is recorded
     */
    private record Recipe(String mirror, List<Command> steps, Command zstdCopy) {

        private static final Path LAYER1 = Path.of("layer1");
        private static final Path FINAL = Path.of("final");

        static Recipe of(String mirror) {
            // umoci names an image <layout>:<tag>, skopeo adds its transport in front: oci:<layout>:<tag>
            String base = "oci:bookworm:base";
            String oneLayer = "oci:" + DebianImage.LAYER1_TAG;
            String twoLayers = "oci:" + DebianImage.TAG;
            String rootfs = "final/rootfs";
            var steps = Stream.of(
                    Command.of("umoci", "init", "--layout", "oci"),
                    Command.of("umoci", "new", "--image", base),
                    Command.of("umoci", "config", "--image", base, "--config.cmd", "/bin/bash",
                            "--config.env", "PATH=" + ROOT_PATH),
                    Command.of("umoci", "unpack", "--image", base, LAYER1.toString()),
                    // a container image has an empty /dev: the runtime provides the device nodes
                    Command.of("mmdebstrap", "--mode=unshare", "--variant=minbase", "--skip=output/dev", SUITE,
                            LAYER1.resolve("rootfs").toString(), mirror).withTimeout(Duration.ofMinutes(20)),
                    Command.of("umoci", "repack", "--image", oneLayer, LAYER1.toString()),
                    Command.of("umoci", "unpack", "--image", oneLayer, FINAL.toString()),
                    // apt's gpgv and dpkg's scripts write to /dev/null; it is removed again before the repack
                    Command.of("mknod", "-m", "666", rootfs + "/dev/null", "c", "1", "3"),
                    Command.of("chroot", rootfs, "dpkg", "--purge", DebianImage.REMOVED_PACKAGE),
                    Command.of("chroot", rootfs, "apt-get", "update", "-q").withTimeout(Duration.ofMinutes(10)),
                    Command.of("chroot", rootfs, "apt-get", "install", "-y", "-q", "--no-install-recommends",
                            DebianImage.ADDED_PACKAGE).withTimeout(Duration.ofMinutes(10)),
                    Command.of("chroot", rootfs, "apt-get", "clean"),
                    Command.of("find", rootfs + "/var/lib/apt/lists", "-maxdepth", "1", "-type", "f",
                            "!", "-name", "lock", "-delete"),
                    Command.of("rm", rootfs + "/dev/null", rootfs + "/" + DebianImage.DELETED_FILE),
                    Command.of("umoci", "repack", "--image", twoLayers, FINAL.toString()),
                    Command.of("umoci", "rm", "--image", base),
                    Command.of("umoci", "gc", "--layout", "oci"),
                    Command.of("skopeo", "copy", "oci:" + twoLayers,
                            "docker-archive:bookworm-2layers.docker.tar:" + DebianImage.TAG),
                    Command.of("gzip", "-k", "-n", "bookworm-2layers.docker.tar"),
                    Command.of("tar", "-C", "oci", "-cf", "bookworm-2layers.oci.tar",
                            "oci-layout", "index.json", "blobs"))
                    .map(command -> command.withEnvironment(ENVIRONMENT))
                    .toList();
            Command zstd = Command.of("skopeo", "copy", "--dest-compress-format", "zstd", "oci:" + twoLayers,
                    "oci:oci-zstd:" + DebianImage.TAG).withEnvironment(ENVIRONMENT);
            return new Recipe(mirror, steps, zstd);
        }

        /** The text hashed into the cache name and kept as {@code recipe.txt} beside the image. */
        String text() {
            var text = new StringBuilder("# %s, layout %d%n".formatted(NAME, LAYOUT_VERSION));
            text.append("env ").append(new TreeMap<>(ENVIRONMENT).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))).append('\n');
            steps.forEach(step -> text.append(step.commandLine()).append('\n'));
            text.append("optional: ").append(zstdCopy.commandLine()).append('\n');
            text.append(dpkgQuery(LAYER1.resolve("rootfs")).commandLine()).append(" > ").append(LAYER1_PACKAGES)
                    .append('\n');
            text.append(dpkgQuery(FINAL.resolve("rootfs")).commandLine()).append(" > ").append(FINAL_PACKAGES)
                    .append('\n');
            return text.toString();
        }

        String hash() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text().getBytes(UTF_8));
                return HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
        }

        void run(Path work) throws IOException {
            Files.writeString(work.resolve("recipe.txt"), text());
            Path log = work.resolve("build.log");
            long start = System.nanoTime();
            for (Command step : steps) {
                appendLog(log, step, step.run(work));
            }
            Command.Result zstd = zstdCopy.runAllowingFailure(work);
            appendLog(log, zstdCopy, zstd);
            if (zstd.exitCode() != 0) {
                deleteTree(work.resolve("oci-zstd"));
            }
            Files.writeString(work.resolve(LAYER1_PACKAGES), dpkgQuery(LAYER1.resolve("rootfs")).run(work).stdout());
            Files.writeString(work.resolve(FINAL_PACKAGES), dpkgQuery(FINAL.resolve("rootfs")).run(work).stdout());
            Files.writeString(log, "built in %.1f s%n".formatted((System.nanoTime() - start) / 1e9),
                    UTF_8, CREATE, APPEND);
        }

        private static void appendLog(Path log, Command command, Command.Result result) throws IOException {
            String entry = "$ %s%n# exit %d after %.1f s%n%s%s".formatted(command.commandLine(), result.exitCode(),
                    result.elapsed().toMillis() / 1000.0, result.stdout(), result.stderr());
            Files.writeString(log, entry, UTF_8, CREATE, APPEND);
        }
    }
}
