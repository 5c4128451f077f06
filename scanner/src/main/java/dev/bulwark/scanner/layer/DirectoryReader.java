package dev.bulwark.scanner.layer;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.scan.ScanWarning;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Loads a root file system on disk into a {@link FileTree} as a single layer, keeping the same rules as for image
 * layers: symlinks are recorded, never followed, so nothing outside the root is read.
 */
public final class DirectoryReader {

    /** Kernel and runtime file systems that hold no installed software, skipped when scanning a host. */
    private static final Set<String> HOST_PSEUDO = Set.of("proc", "sys", "dev", "run");

    private final BodyPolicy policy;
    private final FileVisitor visitor;

    public DirectoryReader(BodyPolicy policy, FileVisitor visitor) {
        this.policy = policy;
        this.visitor = visitor;
    }

    public void apply(Path root, FileTree tree) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("%s is not a directory".formatted(root));
        }
        Path base = root.toAbsolutePath().normalize();
        boolean host = base.getParent() == null;
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String path = relative(base, dir);
                    if (path.isEmpty()) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (host && HOST_PSEUDO.contains(path)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    tree.put(path, new Node(Node.Type.DIRECTORY, mode(dir), 0, "", 0, Node.NO_BODY, false));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String path = relative(base, file);
                    try {
                        tree.put(path, node(file, path, attrs, tree));
                    } catch (IOException e) {
                        tree.warn(new ScanWarning(path, "", "cannot read: " + e.getMessage()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    tree.warn(new ScanWarning(relative(base, file), "", "cannot read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InvalidInputException("cannot walk %s: %s".formatted(root, e.getMessage()), e);
        }
    }

    private Node node(Path file, String path, BasicFileAttributes attrs, FileTree tree) throws IOException {
        int mode = mode(file);
        if (attrs.isSymbolicLink()) {
            return new Node(Node.Type.SYMLINK, mode, 0, Files.readSymbolicLink(file).toString(), 0, Node.NO_BODY,
                    false);
        }
        if (!attrs.isRegularFile()) {
            return tree.special(path, "", mode, 0);
        }
        long size = attrs.size();
        long limit = policy.limit(path);
        if (limit < 0 || !tree.keep(path, "", size, limit)) {
            if (visitor.wants(path, mode, size)) {
                try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    visitor.visit(path, mode, size, 0, in);
                }
            }
            return new Node(Node.Type.FILE, mode, size, "", 0, Node.NO_BODY, false);
        }
        byte[] body;
        try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            body = in.readNBytes((int) limit + 1);
        }
        if (body.length > limit) {
            throw new IOException("file grew past its size limit while being read");
        }
        if (visitor.wants(path, mode, body.length)) {
            visitor.visit(path, mode, body.length, 0, new java.io.ByteArrayInputStream(body));
        }
        return new Node(Node.Type.FILE, mode, body.length, "", 0, body, true);
    }

    private static int mode(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    private static String relative(Path base, Path p) {
        return base.relativize(p).toString().replace('\\', '/');
    }
}
