package dev.bulwark.enforcer.process;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The executables a container had when the enforcer first saw it: path, inode, size and change time of every
 * regular file with an execute bit, read through {@code /proc/PID/root}. Zero-drift lets these run as long as they
 * are unchanged; anything created, replaced or rewritten since is drift. The change time (ctime) is the stamp, not
 * the modification time, which any writer may set back ({@code touch -d}); a file put in place by a rename has
 * another inode. Pseudo file systems are skipped and the walk stops at {@link #MAX_FILES}.
 */
public final class ImageBaseline {

    static final int MAX_FILES = 200_000;
    private static final Set<String> SKIPPED = Set.of("/proc", "/sys", "/dev", "/run");
    private static final Set<PosixFilePermission> EXECUTE = Set.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private static final String STAMP = "unix:ino,size,ctime";

    private record Stamp(long inode, long size, FileTime changed) {

        static Stamp of(Path file) throws IOException {
            Map<String, Object> a = Files.readAttributes(file, STAMP, LinkOption.NOFOLLOW_LINKS);
            return new Stamp((Long) a.get("ino"), (Long) a.get("size"), (FileTime) a.get("ctime"));
        }
    }

    private final Path root;
    private final Map<String, Stamp> files;

    private ImageBaseline(Path root, Map<String, Stamp> files) {
        this.root = root;
        this.files = files;
    }

    /**
     * Records the executables under a container's root ({@code /proc/PID/root}, a link that is walked through);
     * empty when the root cannot be read (the container is gone, or not yet set up), so that it is tried again.
     */
    public static Optional<ImageBaseline> of(Path link) {
        Path root = link.resolve(".");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        Map<String, Stamp> files = new HashMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return SKIPPED.contains(inContainer(root, dir)) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && executable(file)) {
                        files.put(inContainer(root, file), Stamp.of(file));
                    }
                    return files.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // what was read so far stands; a vanished container leaves an empty baseline
        }
        return Optional.of(new ImageBaseline(root, Map.copyOf(files)));
    }

    private static boolean executable(Path file) throws IOException {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
        return a.permissions().stream().anyMatch(EXECUTE::contains);
    }

    private static String inContainer(Path root, Path file) {
        return "/" + root.relativize(file).normalize().toString();
    }

    /** Whether the executable at this container path came with the container and is unchanged. */
    public boolean original(String path) {
        Stamp s = files.get(path);
        if (s == null) {
            return false;
        }
        try {
            return Stamp.of(root.resolve(path.substring(1))).equals(s);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public int size() {
        return files.size();
    }
}
