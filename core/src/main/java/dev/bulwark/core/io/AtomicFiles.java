package dev.bulwark.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replacing a file so that readers see the old one or the new one, never a mix, and so that after a crash or a
 * power cut one of them is there whole: the new content is written to a temporary file beside the target, forced
 * to disk, renamed over the target, and the directory is forced so that the rename itself is kept.
 */
public final class AtomicFiles {

    /** Readable and writable by the owner only: keys, logins, stores. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** Readable by everyone, writable by the owner: reports, certificates, databases. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Replaces {@code target} with {@code bytes}, durably, the new file having {@code permissions}. */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        write(target, permissions, out -> out.write(bytes));
    }

    /** Replaces {@code target} with what {@code content} writes, durably, the new file having {@code permissions}. */
    public static void write(Path target, Set<PosixFilePermission> permissions, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path staged = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp",
                PosixFilePermissions.asFileAttribute(permissions));
        try {
            try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            replace(staged, target);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * Moves {@code staged} over {@code target}: {@code staged} is forced to disk first, then renamed (atomic when
     * both are on one file system; where the file system cannot rename atomically, a plain replacing move), then
     * the directory is forced.
     */
    public static void replace(Path staged, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot force a directory; the rename stands as the file system keeps it
        }
    }
}
