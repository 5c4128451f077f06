package dev.bulwark.scanner.layer;

import dev.bulwark.core.scan.ScanWarning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The squashed view of an image: layers applied in order, whiteouts honoured, nothing extracted to disk. Keeps
 * metadata for every entry and bodies only for wanted paths. Not thread-safe: one scan owns one tree.
 */
public final class FileTree {

    /** Linux gives up after 40 symlinks in one lookup; so do we. */
    static final int MAX_SYMLINK_HOPS = 40;

    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final Predicate<String> wanted;
    private final Set<String> changedWanted = new HashSet<>();
    private final List<ScanWarning> warnings = new ArrayList<>();
    private final long maxKeptBytes;
    private long keptBytes;

    /**
     * @param wanted the paths whose changes are reported by {@link #drainChangedWanted()}
     * @param maxKeptBytes the bodies the scan may keep for analyzers, counted as read
     */
    public FileTree(Predicate<String> wanted, long maxKeptBytes) {
        this.wanted = wanted;
        this.maxKeptBytes = maxKeptBytes;
    }

    /** A tree as it was when {@code snapshot} was taken, to apply more layers to; the snapshot is not changed. */
    public FileTree(Predicate<String> wanted, long maxKeptBytes, Snapshot snapshot) {
        this(wanted, maxKeptBytes);
        nodes.putAll(snapshot.nodes);
        warnings.addAll(snapshot.warnings);
        keptBytes = snapshot.keptBytes;
    }

    /**
     * The tree as it is now, to restore later. Nodes and bodies are immutable and shared; the maps are copied.
     *
     * @throws IllegalStateException when changes are waiting to be drained: they would be lost
     */
    public Snapshot snapshot() {
        if (!changedWanted.isEmpty()) {
            throw new IllegalStateException("changed paths not drained before the snapshot");
        }
        return new Snapshot(new TreeMap<>(nodes), List.copyOf(warnings), keptBytes);
    }

    void put(String path, Node node) {
        Node previous = nodes.put(path, node);
        if (node.type() != Node.Type.DIRECTORY && previous != null && previous.type() == Node.Type.DIRECTORY) {
            removeBelow(path, node.layer());
        }
        noteChange(path);
    }

    Optional<Node> node(String path) {
        return Optional.ofNullable(nodes.get(path));
    }

    /**
     * Whether a wanted body of {@code size} bytes is kept; when it is over its analyzer's {@code limit} or the
     * scan's budget, it is not, and a warning says the inventory is incomplete.
     */
    boolean keep(String path, String layer, long size, long limit) {
        if (size > limit) {
            warn(ScanWarning.incomplete(path, layer,
                    "file is %d bytes, over the %d-byte limit for its analyzer; not read".formatted(size, limit)));
            return false;
        }
        if (keptBytes + size > maxKeptBytes) {
            warn(ScanWarning.incomplete(path, layer, ("not read: the scan's %d bytes for the files analyzers read"
                    + " whole are spent").formatted(maxKeptBytes)));
            return false;
        }
        keptBytes += size;
        return true;
    }

    /**
     * A device, FIFO or socket: never read as data, never listed as a setuid file. A wanted path that is one (a FIFO
     * named like a package database) leaves the inventory incomplete, which a warning says.
     */
    Node special(String path, String layer, int mode, int index) {
        if (wanted.test(path)) {
            warn(ScanWarning.incomplete(path, layer, "is a device, FIFO or socket, not a regular file; not read"));
        }
        return new Node(Node.Type.OTHER, mode, 0, "", index, Node.NO_BODY, false);
    }

    /**
     * A whiteout of the root itself: hides every lower layer. No builder writes one; an image that does hides what
     * it holds, so the report says the inventory is incomplete.
     */
    void whiteoutRoot(String layerId, int layer) {
        warn(ScanWarning.incomplete("", layerId, "a whiteout of the image root hides every lower layer"));
        removeBelow("", layer);
    }

    /** A {@code .wh.NAME} entry: hides NAME and everything under it from lower layers. */
    void whiteout(String path, int layer) {
        Node existing = nodes.get(path);
        if (existing != null && existing.layer() < layer) {
            nodes.remove(path);
            noteChange(path);
        }
        removeBelow(path, layer);
    }

    /** A {@code .wh..wh..opq} entry: hides everything under the directory from lower layers. */
    void opaque(String directory, int layer) {
        removeBelow(directory, layer);
    }

    private void removeBelow(String directory, int layer) {
        SortedMap<String, Node> below = directory.isEmpty()
                ? nodes
                : nodes.subMap(directory + "/", directory + "0"); // '0' follows '/' in ASCII
        var it = below.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Node> e = it.next();
            if (e.getValue().layer() < layer) {
                it.remove();
                noteChange(e.getKey());
            }
        }
    }

    private void noteChange(String path) {
        if (wanted.test(path)) {
            changedWanted.add(path);
        }
    }

    void warn(ScanWarning warning) {
        warnings.add(warning);
    }

    /** Wanted paths added, replaced or removed since the last call. */
    public Set<String> drainChangedWanted() {
        Set<String> copy = Set.copyOf(changedWanted);
        changedWanted.clear();
        return copy;
    }

    /** What could not be read while the layers were applied. */
    public List<ScanWarning> warnings() {
        return List.copyOf(warnings);
    }

    public int size() {
        return nodes.size();
    }

    /**
     * Follows symlinks in every component of {@code path}, inside the image root: an absolute target starts at
     * the image root and {@code ..} never climbs above it. Empty on a symlink loop.
     */
    public Optional<String> resolve(String path) {
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        String current = "";
        int hops = 0;
        while (!todo.isEmpty()) {
            String segment = todo.pollFirst();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                current = EntryPath.parent(current);
                continue;
            }
            String next = current.isEmpty() ? segment : current + "/" + segment;
            Node node = nodes.get(next);
            if (node != null && node.type() == Node.Type.SYMLINK) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    return Optional.empty();
                }
                String target = node.linkTarget();
                if (target.startsWith("/")) {
                    current = "";
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
                continue;
            }
            current = next;
        }
        return Optional.of(current);
    }

    /** A kept file body at a path, following symlinks; empty when absent, not kept, or not a file. */
    public Optional<WantedFile> file(String path) {
        return resolve(path).flatMap(real -> {
            Node node = nodes.get(real);
            return node != null && node.type() == Node.Type.FILE && node.kept()
                    ? Optional.of(new WantedFile(real, node.layer(), node.mode(), node.body()))
                    : Optional.empty();
        });
    }

    /** Every kept file body whose path passes the filter, sorted by path. */
    public List<WantedFile> files(Predicate<String> filter) {
        List<WantedFile> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Node node = e.getValue();
            if (node.kept() && node.type() == Node.Type.FILE && filter.test(e.getKey())) {
                out.add(new WantedFile(e.getKey(), node.layer(), node.mode(), node.body()));
            }
        }
        return out;
    }

    /** The layer that wrote the regular file at exactly this path (no symlinks followed), or -1. */
    public int fileLayer(String path) {
        Node node = nodes.get(path);
        return node != null && node.type() == Node.Type.FILE ? node.layer() : -1;
    }

    /** Every regular file with one of the mode bits of {@code mask} set, sorted by path. */
    public List<FileEntry> filesWithMode(int mask) {
        List<FileEntry> out = new ArrayList<>();
        nodes.forEach((path, node) -> {
            if (node.type() == Node.Type.FILE && (node.mode() & mask) != 0) {
                out.add(new FileEntry(path, node.mode(), node.layer()));
            }
        });
        return out;
    }

    /** Up to {@code limit} regular files below a directory, sorted by path. */
    public List<FileEntry> filesUnder(String directory, int limit) {
        List<FileEntry> out = new ArrayList<>();
        for (var e : nodes.subMap(directory + "/", directory + "0").entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            if (e.getValue().type() == Node.Type.FILE) {
                out.add(new FileEntry(e.getKey(), e.getValue().mode(), e.getValue().layer()));
            }
        }
        return out;
    }

    /** A tree frozen: nothing changes it, so scans on several threads may restore it at once. */
    public static final class Snapshot {
        /** What a map entry, a node and a path string take beyond their characters and body, roughly. */
        private static final long ENTRY_OVERHEAD = 160;

        private final SortedMap<String, Node> nodes;
        private final List<ScanWarning> warnings;
        private final long keptBytes;
        private final long bytes;

        private Snapshot(TreeMap<String, Node> nodes, List<ScanWarning> warnings, long keptBytes) {
            this.nodes = Collections.unmodifiableSortedMap(nodes);
            this.warnings = warnings;
            this.keptBytes = keptBytes;
            long sum = 0;
            for (Map.Entry<String, Node> e : nodes.entrySet()) {
                Node n = e.getValue();
                sum += ENTRY_OVERHEAD + e.getKey().length() + n.linkTarget().length() + n.body().length;
            }
            for (ScanWarning w : warnings) {
                sum += ENTRY_OVERHEAD + w.toString().length();
            }
            this.bytes = sum;
        }

        /** The memory it holds, estimated; a body shared with other snapshots counts in each. */
        public long bytes() {
            return bytes;
        }
    }

    /** Metadata of one file; {@code layer} is the index of the layer that wrote it. */
    public record FileEntry(String path, int mode, int layer) {}

    /** A kept body as analyzers see it; {@code layer} is the index of the layer that wrote it. */
    public record WantedFile(String path, int layer, int mode, byte[] body) {}
}
