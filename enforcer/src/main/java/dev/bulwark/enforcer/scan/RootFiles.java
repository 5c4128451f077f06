package dev.bulwark.enforcer.scan;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.io.AtomicFiles;
import dev.bulwark.enforcer.linux.FileId;
import dev.bulwark.enforcer.linux.LinuxException;
import dev.bulwark.enforcer.linux.PathHandle;
import dev.bulwark.enforcer.linux.PathHandles;
import dev.bulwark.enforcer.scan.RootPaths.Found;
import dev.bulwark.enforcer.scan.RootPaths.Links;
import dev.bulwark.enforcer.scan.RootPaths.Missing;
import dev.bulwark.enforcer.scan.RootPaths.Refused;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Collects from a root file system the files a vulnerability scanner needs, into a gzip'd tar that reads as a
 * one-layer image: what NeuVector's enforcer sends its scanner for a running container ({@code ScanGetFiles}).
 * The root is a container's as seen through one of its processes ({@code /proc/PID/root}), or the host's.
 *
 * <p>What, in order (see {@link WantedPaths} for each scanner analyzer's share): the files naming the
 * distribution; the package databases of dpkg, apk and rpm; the language package files found by walking the tree
 * breadth first, written as found; dpkg's {@code info/*.list} if all of them fit in what is left of the budget;
 * then Java archives and ELF programs, smallest first while the budget lasts, so that the largest are the ones
 * left out. A tar entry is named by the path asked for or walked ({@code etc/os-release}), even when a link inside
 * the root led elsewhere, and holds that file's bytes and permission bits.
 *
 * <p>The root is hostile. No path is handed to the kernel to resolve inside it: every component is looked up
 * relative to its parent without following ({@link RootPaths}), links are resolved here against the root, and a
 * file is opened for reading only once it is known to be a regular file (a FIFO would block, a device would be
 * called). A file that moves while read is left out. Every dimension is bounded ({@link RootFileLimits}); reaching
 * a bound leaves files out, and the result says which and why, but the tar is always complete and valid.
 *
 * <p>Immutable and thread-safe; each {@code writeTo} runs on the calling thread and blocks it (file I/O: a virtual
 * thread is fine).
 */
public final class RootFiles {

    private static final System.Logger LOG = System.getLogger(RootFiles.class.getName());
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
    private static final int ENOENT = 2;

    private final Path root;
    private final RootFileLimits limits;
    private final Path spoolDirectory;

    private RootFiles(Path root, RootFileLimits limits, Path spoolDirectory) {
        this.root = requireNonNull(root, "root");
        this.limits = requireNonNull(limits, "limits");
        this.spoolDirectory = requireNonNull(spoolDirectory, "spoolDirectory");
    }

    /** The root of the container that process {@code pid} runs in, as the host sees it: {@code /proc/PID/root}. */
    public static RootFiles ofProcess(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        return at(Path.of("/proc", Integer.toString(pid), "root"));
    }

    /** The host's root file system. */
    public static RootFiles ofHost() {
        return at(Path.of("/"));
    }

    /** Any directory taken as a root; default limits, spooling in {@code java.io.tmpdir}. */
    public static RootFiles at(Path root) {
        return new RootFiles(root, RootFileLimits.defaults(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The same root with other limits. */
    public RootFiles withLimits(RootFileLimits newLimits) {
        return new RootFiles(root, newLimits, spoolDirectory);
    }

    /** The same root, spooling files over 1 MiB in {@code dir} (one at a time, unlinked when made). */
    public RootFiles withSpoolDirectory(Path dir) {
        return new RootFiles(root, limits, dir);
    }

    public Path root() {
        return root;
    }

    public RootFileLimits limits() {
        return limits;
    }

    /**
     * Writes the gzip'd tar to {@code out}, which is flushed but left open.
     *
     * @throws IOException when the root cannot be opened (the process is gone) or {@code out} fails; a file that
     *     cannot be read is never one
     */
    public CollectedFiles writeTo(OutputStream out) throws IOException {
        long deadline = System.nanoTime() + nanos(limits.timeBudget());
        try (RootPaths paths = new RootPaths(root);
                LayerTar tar = new LayerTar(out, spoolDirectory, deadline)) {
            Run run = new Run(paths, tar, limits);
            run.collect();
            CollectedFiles result = run.result();
            LOG.log(System.Logger.Level.DEBUG, () -> "%s: %d files, %d bytes, %d skipped, bounds %s".formatted(
                    root, result.files(), result.bytes(), result.skipped().size() + result.unlisted(),
                    result.bounds()));
            return result;
        }
    }

    /** A duration in nanoseconds, at most about 146 years, so that a deadline cannot overflow. */
    private static long nanos(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) > 0 ? Long.MAX_VALUE / 2 : d.toNanos();
    }

    /** Writes the gzip'd tar to {@code file}, replacing it whole (readable by the owner only) or not at all. */
    public CollectedFiles writeTo(Path file) throws IOException {
        List<CollectedFiles> result = new ArrayList<>(1);
        AtomicFiles.write(file, AtomicFiles.OWNER_ONLY, out -> result.add(writeTo(out)));
        return result.getFirst();
    }

    /**
     * A directory reached by the walk, by its parent and name: the queue and the files kept for the end hold names
     * once each, not a full path per entry, so memory follows the entry cap, not how long a hostile root makes its
     * paths.
     */
    private record Node(Node parent, String name, int depth) {

        static final Node ROOT = new Node(null, "", 0);

        Node child(String childName) {
            return new Node(this, childName, depth + 1);
        }

        String path() {
            return parent == null ? name : join(parent.path(), name);
        }

        static String join(String dir, String name) {
            return dir.isEmpty() ? name : dir + "/" + name;
        }
    }

    /** A file found and kept for the end. */
    private record Candidate(Node directory, String name, long size) {

        String path() {
            return Node.join(directory.path(), name);
        }
    }

    /** One collection: its tallies, and the files kept for the end. Confined to the calling thread. */
    private static final class Run {

        private final RootPaths paths;
        private final PathHandles handles;
        private final LayerTar tar;
        private final RootFileLimits limits;
        private final List<SkippedFile> skipped = new ArrayList<>();
        private final Set<Bound> bounds = EnumSet.noneOf(Bound.class);
        private final List<Candidate> dpkgLists = new ArrayList<>();
        private final List<Candidate> large = new ArrayList<>();
        private long remaining;
        private int files;
        private long bytes;
        private int unlisted;
        private int entries;

        Run(RootPaths paths, LayerTar tar, RootFileLimits limits) {
            this.paths = paths;
            this.handles = paths.handles();
            this.tar = tar;
            this.limits = limits;
            this.remaining = limits.budgetBytes();
        }

        void collect() throws IOException {
            for (String path : WantedPaths.OS_RELEASE) {
                fixed(path, limits.maxFileBytes());
            }
            for (String path : WantedPaths.PACKAGE_DATABASES) {
                fixed(path, Long.MAX_VALUE);
            }
            for (String name : listFixed(WantedPaths.DPKG_STATUS_D, _ -> true)) {
                fixed(WantedPaths.DPKG_STATUS_D + "/" + name, Long.MAX_VALUE);
            }
            Node info = new Node(null, WantedPaths.DPKG_INFO, 0); // a fixed directory: its path as one name
            for (String name : listFixed(WantedPaths.DPKG_INFO, n -> n.endsWith(WantedPaths.DPKG_LIST))) {
                String path = Node.join(info.path(), name);
                if (paths.lookup(path, Links.FOLLOW) instanceof Found(PathHandle h, FileId id)) {
                    h.close();
                    dpkgLists.add(new Candidate(info, name, id.size()));
                }
            }
            walk();
            writeDpkgLists();
            writeLarge();
        }

        CollectedFiles result() {
            return new CollectedFiles(files, bytes, skipped, unlisted, bounds);
        }

        /** Whether to stop: once the time is up, nothing more is read. */
        private boolean outOfTime() {
            if (bounds.contains(Bound.TIME)) {
                return true;
            }
            if (tar.expired()) {
                bounds.add(Bound.TIME);
                return true;
            }
            return false;
        }

        /** A file at a fixed path, links followed inside the root; its absence is not worth a word. */
        private void fixed(String path, long cap) throws IOException {
            if (outOfTime()) {
                return;
            }
            switch (paths.lookup(path, Links.FOLLOW)) {
                case Missing _ -> { }
                case Refused(SkipReason reason, String detail) -> skip(path, reason, detail);
                case Found(PathHandle handle, FileId id) -> {
                    try (handle) {
                        write(path, handle, id, cap);
                    }
                }
            }
        }

        /** The sorted names in a directory at a fixed path (links followed), those {@code wanted}. */
        private List<String> listFixed(String dir, Predicate<String> wanted) {
            if (outOfTime()) {
                return List.of();
            }
            return switch (paths.lookup(dir, Links.FOLLOW)) {
                case Missing _ -> List.of();
                case Refused(SkipReason reason, String detail) -> {
                    skip(dir, reason, detail);
                    yield List.of();
                }
                case Found(PathHandle handle, FileId id) -> {
                    try (handle) {
                        yield id.directory() ? list(dir, handle).stream().filter(wanted).toList() : List.of();
                    }
                }
            };
        }

        /**
         * The names in a directory, sorted, each counted against the entry cap: as many as it allows, in the
         * directory's own order when it cuts the listing short. Listed through the directory's own descriptor, so
         * the listing is of the directory looked up.
         */
        private List<String> list(String dir, PathHandle handle) {
            List<String> names = new ArrayList<>();
            if (entries >= limits.maxEntries()) {
                bounds.add(Bound.ENTRIES);
                return names;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(handle.reopenPath())) {
                for (Path entry : stream) {
                    if (entries >= limits.maxEntries()) {
                        bounds.add(Bound.ENTRIES);
                        break;
                    }
                    entries++;
                    names.add(entry.getFileName().toString());
                }
            } catch (IOException | DirectoryIteratorException e) {
                skip(dir.isEmpty() ? "." : dir, SkipReason.UNREADABLE, String.valueOf(e.getMessage()));
            }
            names.sort(Comparator.naturalOrder());
            return names;
        }

        /** Breadth first, so that the entry cap leaves out the deepest parts of the tree, not whole top directories. */
        private void walk() throws IOException {
            Deque<Node> directories = new ArrayDeque<>();
            directories.add(Node.ROOT);
            while (!directories.isEmpty() && !outOfTime() && !bounds.contains(Bound.ENTRIES)) {
                Node node = directories.poll();
                String dir = node.path();
                PathHandle handle;
                if (node == Node.ROOT) {
                    handle = handles.child(paths.root(), ".");
                } else if (paths.lookup(dir, Links.NONE) instanceof Found(PathHandle h, FileId id)) {
                    handle = h;
                    if (!id.directory()) {
                        handle.close();
                        continue;
                    }
                } else {
                    continue; // gone, or replaced by a link, since it was listed
                }
                try (handle) {
                    for (String name : list(dir, handle)) {
                        if (outOfTime()) {
                            return;
                        }
                        visit(node, Node.join(dir, name), handle, name, directories);
                    }
                }
            }
        }

        private void visit(Node parent, String path, PathHandle dir, String name, Deque<Node> directories)
                throws IOException {
            try (PathHandle entry = handles.child(dir, name)) {
                FileId id = handles.id(entry);
                if (id.directory()) {
                    if (WantedPaths.pruned(path)) {
                        return;
                    }
                    if (parent.depth() + 1 > limits.maxDepth()) {
                        bounds.add(Bound.DEPTH);
                        skip(path, SkipReason.TOO_DEEP, "deeper than " + limits.maxDepth());
                        return;
                    }
                    directories.add(parent.child(name));
                } else if (id.regularFile()) {
                    found(parent, name, path, entry, id);
                } else if (!id.symbolicLink() && WantedPaths.walked(path, id.mode(), id.size()).isPresent()) {
                    skip(path, SkipReason.NOT_REGULAR, type(id));
                }
            } catch (LinuxException e) {
                if (e.errno() != ENOENT) { // removed since listed: nothing lost
                    skip(path, SkipReason.UNREADABLE, e.getMessage());
                }
            }
        }

        private void found(Node parent, String name, String path, PathHandle file, FileId id) throws IOException {
            var kind = WantedPaths.walked(path, id.mode(), id.size());
            if (kind.isEmpty()) {
                return;
            }
            switch (kind.get()) {
                case MANIFEST -> write(path, file, id, limits.maxFileBytes());
                case ARCHIVE -> keep(parent, name, path, id);
                case EXECUTABLE -> {
                    if (elf(file)) {
                        keep(parent, name, path, id);
                    }
                }
            }
        }

        private void keep(Node parent, String name, String path, FileId id) {
            if (id.size() > limits.maxFileBytes()) {
                tooLarge(path, id.size());
            } else {
                large.add(new Candidate(parent, name, id.size()));
            }
        }

        /** dpkg's file lists: all of them, or none when they do not all fit. */
        private void writeDpkgLists() throws IOException {
            if (dpkgLists.isEmpty() || outOfTime()) {
                return;
            }
            long total = dpkgLists.stream().mapToLong(Candidate::size).sum();
            if (total > remaining) {
                bounds.add(Bound.BUDGET);
                skip(WantedPaths.DPKG_INFO + "/*" + WantedPaths.DPKG_LIST, SkipReason.OVER_BUDGET,
                        "%d files, %d bytes; %d left".formatted(dpkgLists.size(), total, remaining));
                return;
            }
            for (Candidate list : dpkgLists) {
                fixed(list.path(), limits.maxFileBytes());
            }
        }

        /** Archives and programs, smallest first: when the budget runs out, the largest are left out. */
        private void writeLarge() throws IOException {
            large.sort(Comparator.comparingLong(Candidate::size)); // stable: ties stay in walk order
            for (Candidate c : large) {
                if (outOfTime()) {
                    return;
                }
                String path = c.path();
                if (c.size() > remaining) {
                    overBudget(path, c.size());
                    continue;
                }
                switch (paths.lookup(path, Links.NONE)) {
                    case Missing _ -> skip(path, SkipReason.VANISHED, "");
                    case Refused(SkipReason reason, String detail) -> skip(path, reason, detail);
                    case Found(PathHandle handle, FileId id) -> {
                        try (handle) {
                            write(path, handle, id, limits.maxFileBytes());
                        }
                    }
                }
            }
        }

        /** Writes a file if it is a regular one within the cap and the budget; says why not otherwise. */
        private void write(String path, PathHandle file, FileId id, long cap) throws IOException {
            if (!id.regularFile()) {
                skip(path, SkipReason.NOT_REGULAR, type(id));
            } else if (id.size() > cap) {
                tooLarge(path, id.size());
            } else if (id.size() > remaining) {
                overBudget(path, id.size());
            } else {
                switch (tar.add(path, handles, file, id)) {
                    case LayerTar.Written(long written) -> {
                        files++;
                        bytes += written;
                        remaining -= written;
                    }
                    case LayerTar.Skipped(SkipReason reason, String detail) -> {
                        if (reason == SkipReason.OUT_OF_TIME) {
                            bounds.add(Bound.TIME);
                        }
                        skip(path, reason, detail);
                    }
                }
            }
        }

        private void tooLarge(String path, long size) {
            bounds.add(Bound.FILE_SIZE);
            skip(path, SkipReason.TOO_LARGE, "%d bytes, cap %d".formatted(size, limits.maxFileBytes()));
        }

        private void overBudget(String path, long size) {
            bounds.add(Bound.BUDGET);
            skip(path, SkipReason.OVER_BUDGET, "%d bytes, %d left".formatted(size, remaining));
        }

        private void skip(String path, SkipReason reason, String detail) {
            if (skipped.size() < CollectedFiles.MAX_LISTED) {
                skipped.add(new SkippedFile(path, reason, detail));
            } else {
                unlisted++;
            }
        }

        /** Whether a regular file starts as an ELF file does. */
        private static boolean elf(PathHandle file) {
            ByteBuffer head = ByteBuffer.allocate(ELF.length);
            try (FileChannel in = FileChannel.open(file.reopenPath(), StandardOpenOption.READ)) {
                while (head.hasRemaining()) {
                    if (in.read(head) < 0) {
                        return false;
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return Arrays.equals(head.array(), ELF);
        }

        private static String type(FileId id) {
            return switch (id.mode() & 0xF000) {
                case 0x1000 -> "FIFO";
                case 0x2000 -> "character device";
                case 0x4000 -> "directory";
                case 0x6000 -> "block device";
                case 0xA000 -> "symbolic link";
                case 0xC000 -> "socket";
                default -> "file type " + Integer.toOctalString(id.mode() & 0xF000);
            };
        }
    }
}
