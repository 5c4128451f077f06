package dev.bulwark.enforcer.process;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The executables a container had when the enforcer first saw it: path, size and modification time of every
 * regular file with an execute bit, read through {@code /proc/PID/root}. Zero-drift lets these run as long as they
 * are unchanged; anything created or rewritten since is drift. Pseudo file systems are skipped and the walk stops
 * at {@link #MAX_FILES}.
 */
public final class ImageBaseline {

    static final int MAX_FILES = 200_000;
    private static final Set<String> SKIPPED = Set.of("/proc", "/sys", "/dev", "/run");
    private static final Set<PosixFilePermission> EXECUTE = Set.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private record Stamp(long size, long modified) {}

    private final Path root;
    private final Map<String, Stamp> files;

    private ImageBaseline(Path root, Map<String, Stamp> files) {
        this.root = root;
        this.files = files;
    }

    /** Records the executables under a container's root ({@code /proc/PID/root}, a link that is walked through). */
    public static ImageBaseline of(Path link) {
        Path root = link.resolve(".");
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
                        files.put(inContainer(root, file), new Stamp(attrs.size(), attrs.lastModifiedTime()
                                .toMillis()));
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
        return new ImageBaseline(root, Map.copyOf(files));
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
            BasicFileAttributes now = Files.readAttributes(root.resolve(path.substring(1)), BasicFileAttributes.class);
            return now.size() == s.size() && now.lastModifiedTime().toMillis() == s.modified();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public int size() {
        return files.size();
    }
}
