package dev.bulwark.enforcer.process;

import dev.bulwark.core.io.AtomicFiles;
import dev.bulwark.enforcer.linux.FileId;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The files a container's image brought: inode, size and change time of every regular file on the container's root
 * file system (programs, and the scripts an interpreter may be given). Zero-drift lets these run as long as they
 * are unchanged; anything created, replaced or rewritten since is drift. Decisions compare what the kernel says of
 * the very file being executed ({@link FileId}) and never look a path up again.
 *
 * <p>Built once per container, off the decision path: on an overlay root from what is served by the image's layers
 * (a file present in the upper directory was written in the container); on a plain root from what is there when
 * the container is first seen. It is kept in the data directory so that a restarted enforcer does not take it
 * anew from a file system the container may have changed meanwhile. Held as sorted arrays: 24 bytes a file.
 */
public final class ImageBaseline {

    /** Where the deciders get a container's baseline, waiting at most {@code wait} for one being built. */
    @FunctionalInterface
    public interface Source {
        Optional<ImageBaseline> of(Workload w, java.time.Duration wait);
    }

    /** More files than any real image has; past it the baseline stops growing and says it is incomplete. */
    static final int MAX_FILES = 2_000_000;
    private static final Set<String> PSEUDO = Set.of("/proc", "/sys");
    private static final Pattern LOADER = Pattern.compile("ld-[^/]*\\.so(\\.[0-9]+)*|ld(64)?\\.so(\\.[0-9]+)*");
    private static final int MAGIC = 0x42574231; // "BWB1"
    private static final String ATTRIBUTES = "unix:mode,dev,ino,size,ctime";
    private static final int S_IFMT = 0xF000;
    private static final int S_IFREG = 0x8000;
    private static final int S_IFDIR = 0x4000;

    private final long[] devices;
    private final long[] inodes;
    private final long[] sizes;
    private final long[] changed;
    private final long[] loaders;
    private final boolean complete;

    private ImageBaseline(long[] devices, long[] inodes, long[] sizes, long[] changed, long[] loaders,
            boolean complete) {
        this.devices = devices.clone();
        this.inodes = inodes;
        this.sizes = sizes;
        this.changed = changed;
        this.loaders = loaders;
        this.complete = complete;
    }

    /**
     * Walks a container's root file system.
     *
     * @param root the root as the host reaches it ({@code /proc/PID/root}, walked through)
     * @param devices the root file system's device first: files of other file systems are not the image's; then
     *     those of an overlay's layers, where the kernel also reports an exec from, with the same inode numbers
     * @param upper an overlay root's upper directory: a file there was written in the container
     * @param mountPoints the container's other mount points, whose contents are not the image's
     */
    public static ImageBaseline build(Path root, long[] devices, Optional<Path> upper, Set<String> mountPoints) {
        long device = devices[0];
        Builder found = new Builder();
        Deque<String> directories = new ArrayDeque<>();
        directories.push("");
        boolean complete = true;
        while (!directories.isEmpty() && complete) {
            String dir = directories.pop();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve("." + dir))) {
                for (Path entry : entries) {
                    String path = dir + "/" + entry.getFileName();
                    Map<String, Object> a = attributes(entry);
                    if (a == null || (Long) a.get("dev") != device) {
                        continue;
                    }
                    int mode = (Integer) a.get("mode");
                    if ((mode & S_IFMT) == S_IFDIR && !PSEUDO.contains(path) && !mountPoints.contains(path)) {
                        directories.push(path);
                    } else if ((mode & S_IFMT) == S_IFREG && !inUpper(upper, path)) {
                        complete = found.add((Long) a.get("ino"), (Long) a.get("size"), nanos(a.get("ctime")),
                                LOADER.matcher(entry.getFileName().toString()).matches());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a directory that cannot be read brings nothing; the rest stands
            }
        }
        return found.build(devices, complete);
    }

    /** Whether an overlay's upper directory holds the file: written (or copied up) in the container. */
    private static boolean inUpper(Optional<Path> upper, String path) {
        return upper.isPresent() && Files.exists(upper.get().resolve(path.substring(1)), LinkOption.NOFOLLOW_LINKS);
    }

    private static Map<String, Object> attributes(Path entry) {
        try {
            return Files.readAttributes(entry, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    /** Whether this very file came with the image and is unchanged since. */
    public boolean original(FileId file) {
        if (Arrays.stream(devices).noneMatch(d -> d == file.device())) {
            return false;
        }
        int i = Arrays.binarySearch(inodes, file.inode());
        return i >= 0 && sizes[i] == file.size() && changed[i] == file.changedNanos();
    }

    /** Whether this file is the image's dynamic loader (under any name: a hard link keeps the inode). */
    public boolean loader(FileId file) {
        return original(file) && Arrays.binarySearch(loaders, file.inode()) >= 0;
    }

    public int size() {
        return inodes.length;
    }

    /** False when the walk stopped at {@link #MAX_FILES}. */
    public boolean complete() {
        return complete;
    }

    /** The memory its arrays take. */
    public long bytes() {
        return 8L * (3L * inodes.length + loaders.length);
    }

    /** Writes it durably (see {@link AtomicFiles}), with what it is the baseline of. */
    public void write(Path file, String identity) throws IOException {
        AtomicFiles.write(file, AtomicFiles.OWNER_ONLY, stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(MAGIC);
            out.writeUTF(identity);
            out.writeBoolean(complete);
            out.writeInt(inodes.length);
            for (int i = 0; i < inodes.length; i++) {
                out.writeLong(inodes[i]);
                out.writeLong(sizes[i]);
                out.writeLong(changed[i]);
            }
            out.writeInt(loaders.length);
            for (long l : loaders) {
                out.writeLong(l);
            }
            out.flush();
        });
    }

    /**
     * The baseline kept in {@code file} if it is the one of {@code identity}; empty when there is none, it is of
     * another root, or it cannot be read whole.
     *
     * @param devices the devices now, as for {@link #build} (an overlay's changes when it is mounted again)
     */
    public static Optional<ImageBaseline> read(Path file, String identity, long... devices) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(identity)) {
                return Optional.empty();
            }
            boolean complete = in.readBoolean();
            int count = in.readInt();
            if (count < 0 || count > MAX_FILES) {
                return Optional.empty();
            }
            long[] inodes = new long[count];
            long[] sizes = new long[count];
            long[] changed = new long[count];
            for (int i = 0; i < count; i++) {
                inodes[i] = in.readLong();
                sizes[i] = in.readLong();
                changed[i] = in.readLong();
            }
            int loaderCount = in.readInt();
            if (loaderCount < 0 || loaderCount > count) {
                return Optional.empty();
            }
            long[] loaders = new long[loaderCount];
            for (int i = 0; i < loaderCount; i++) {
                loaders[i] = in.readLong();
            }
            if (in.read() != -1 || !sorted(inodes) || !sorted(loaders)) {
                return Optional.empty();
            }
            return Optional.of(new ImageBaseline(devices, inodes, sizes, changed, loaders, complete));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean sorted(long[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i - 1] >= values[i]) {
                return false;
            }
        }
        return true;
    }

    /** Collects entries in walk order and sorts them once by inode. */
    private static final class Builder {
        private long[] entries = new long[3 * 1024];
        private long[] loaders = new long[4];
        private int count;
        private int loaderCount;

        boolean add(long inode, long size, long changedNanos, boolean loader) {
            if (count == MAX_FILES) {
                return false;
            }
            if (3 * count == entries.length) {
                entries = Arrays.copyOf(entries, entries.length * 2);
            }
            entries[3 * count] = inode;
            entries[3 * count + 1] = size;
            entries[3 * count + 2] = changedNanos;
            count++;
            if (loader) {
                if (loaderCount == loaders.length) {
                    loaders = Arrays.copyOf(loaders, loaders.length * 2);
                }
                loaders[loaderCount++] = inode;
            }
            return true;
        }

        ImageBaseline build(long[] devices, boolean complete) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(entries[3 * x], entries[3 * y]));
            long[] inodes = new long[count];
            long[] sizes = new long[count];
            long[] changed = new long[count];
            int n = 0;
            for (int i : order) {
                if (n > 0 && inodes[n - 1] == entries[3 * i]) {
                    continue; // a hard link: one file
                }
                inodes[n] = entries[3 * i];
                sizes[n] = entries[3 * i + 1];
                changed[n] = entries[3 * i + 2];
                n++;
            }
            long[] loaderInodes = Arrays.stream(loaders, 0, loaderCount).sorted().distinct().toArray();
            return new ImageBaseline(devices, Arrays.copyOf(inodes, n), Arrays.copyOf(sizes, n),
                    Arrays.copyOf(changed, n), loaderInodes, complete);
        }
    }
}
