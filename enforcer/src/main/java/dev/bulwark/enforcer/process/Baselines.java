package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.linux.FileId;
import dev.bulwark.enforcer.linux.LinuxException;
import dev.bulwark.enforcer.linux.Mounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The image baseline of every container, taken once when the container is first seen, on a thread of its own and
 * never on a decision's path, and kept in the data directory under the container's id and the identity of its
 * root: a restarted enforcer, or a new mount namespace inside the container, changes nothing. Thread-safe.
 */
public final class Baselines implements ImageBaseline.Source, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Baselines.class.getName());

    /** A decision that needs a baseline still being built; the caller's deadline decides what happens. */
    public static final class NotReady extends RuntimeException {
        NotReady(String id) {
            super("the image baseline of container " + id + " is still being built");
        }
    }

    private final Optional<Path> directory;
    private final Map<String, CompletableFuture<Optional<ImageBaseline>>> byId = new ConcurrentHashMap<>();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "enforcer-baseline");
        t.setDaemon(true);
        return t;
    });

    /** @param directory where baselines are kept; empty keeps them in memory only */
    public Baselines(Optional<Path> directory) {
        this.directory = directory;
    }

    /**
     * Starts taking the baseline of a container newly seen (or seen restarted) through process {@code pid}, or
     * loads the one kept for its root.
     */
    public void prepare(Workload w, int pid) {
        CompletableFuture<Optional<ImageBaseline>> future = new CompletableFuture<>();
        byId.put(w.id(), future);
        builder.execute(() -> {
            try {
                future.complete(take(w.id(), pid));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "image baseline of " + w.id() + " failed", e);
                future.complete(Optional.empty());
            }
        });
    }

    private Optional<ImageBaseline> take(String id, int pid) {
        Path root = Path.of("/proc", Integer.toString(pid), "root");
        Optional<Mounts> mounts = Mounts.of(pid);
        FileId top;
        try {
            top = FileId.of(root);
        } catch (LinuxException e) {
            return Optional.empty(); // gone already
        }
        Optional<Mounts.Mount> rootMount = mounts.flatMap(Mounts::root);
        Optional<Path> upper = rootMount.flatMap(Mounts.Mount::upperDirectory);
        long[] devices = LongStream.concat(LongStream.of(top.device()), rootMount.map(Mounts.Mount::layers)
                .orElse(List.of()).stream().mapToLong(Baselines::device).filter(d -> d >= 0)).distinct().toArray();
        String identity = upper.map(u -> "overlay " + u).orElse("dir " + top.device() + " " + top.inode());
        Optional<Path> file = directory.map(d -> d.resolve("baselines").resolve(fileName(id)));
        Optional<ImageBaseline> kept = file.flatMap(f -> ImageBaseline.read(f, identity, devices));
        if (kept.isPresent()) {
            return kept;
        }
        Set<String> mountPoints = mounts.map(m -> m.mounts().stream().map(Mounts.Mount::mountPoint)
                .filter(p -> !p.equals("/")).collect(Collectors.toSet())).orElse(Set.of());
        ImageBaseline taken = ImageBaseline.build(root, devices, upper, mountPoints);
        if (!taken.complete()) {
            LOG.log(System.Logger.Level.WARNING, "container " + id + " has more than " + ImageBaseline.MAX_FILES
                    + " files: its image baseline holds the first of them only");
        }
        file.ifPresent(f -> {
            try {
                taken.write(f, identity);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot keep the image baseline of " + id + " in " + f, e);
            }
        });
        return Optional.of(taken);
    }

    private static long device(Path layer) {
        try {
            return FileId.of(layer).device();
        } catch (LinuxException e) {
            return -1;
        }
    }

    private static String fileName(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(
                    StandardCharsets.UTF_8))) + ".baseline";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The container's baseline, waiting at most {@code wait} for one being built; empty for the host and for a
     * container whose root could not be read.
     *
     * @throws NotReady when it is still being built after {@code wait}
     */
    @Override
    public Optional<ImageBaseline> of(Workload w, Duration wait) {
        CompletableFuture<Optional<ImageBaseline>> future = byId.get(w.id());
        if (future == null) {
            return Optional.empty();
        }
        try {
            return future.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new NotReady(w.id());
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady(w.id());
        }
    }

    /** Forgets a container that is gone, and the baseline kept for it. */
    public void forget(String id) {
        byId.remove(id);
        directory.ifPresent(d -> {
            try {
                Files.deleteIfExists(d.resolve("baselines").resolve(fileName(id)));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete the image baseline of " + id, e);
            }
        });
    }

    /** The memory the baselines built so far take. */
    public long bytes() {
        return byId.values().stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
                .flatMap(Optional::stream).mapToLong(ImageBaseline::bytes).sum();
    }

    @Override
    public void close() {
        builder.shutdownNow();
    }
}
