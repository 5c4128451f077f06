package dev.bulwark.enforcer.scan;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.bulwark.enforcer.linux.FileId;
import dev.bulwark.enforcer.linux.LinuxException;
import dev.bulwark.enforcer.linux.PathHandle;
import dev.bulwark.enforcer.linux.PathHandles;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The gzip'd tar {@link RootFiles} writes: one regular-file entry per file, named relative to the root as in an
 * image layer, with the file's permission bits (the scanner picks programs by them), owned by root and dated 0 so
 * that the same files give the same bytes. Long and non-ASCII names get PAX headers.
 *
 * <p>A tar header cannot be taken back once written, so each file is copied whole, and found unchanged (same size,
 * change time and inode, nothing past its end), before its header is: up to {@link #IN_MEMORY} bytes into one
 * buffer, larger ones into a spool file, unlinked as soon as it is made, that holds one file at a time. Memory is
 * that buffer and the compressor's, whatever the root holds. Compression is gzip's fastest level: the enforcer
 * shares its node with the workloads, and the tar goes over a network, not to storage.
 */
final class LayerTar implements Closeable {

    /** Files up to this size are read into memory; larger ones through the spool. */
    static final int IN_MEMORY = 1 << 20;
    private static final int SPOOL_CHUNK = 8 << 20;
    private static final int REGULAR = 0100000;

    /** What became of a file. */
    sealed interface Outcome permits Written, Skipped {}

    /** In the tar, with this many bytes. */
    record Written(long bytes) implements Outcome {}

    /** Not in the tar. */
    record Skipped(SkipReason reason, String detail) implements Outcome {}

    private final TarArchiveOutputStream tar;
    private final Path spoolDirectory;
    private final long deadline;
    private final byte[] buffer = new byte[IN_MEMORY + 1];
    private final ByteBuffer oneByte = ByteBuffer.allocate(1);
    private FileChannel spool;

    /**
     * @param out receives the gzip'd tar; flushed but not closed by {@link #close()}
     * @param spoolDirectory where the spool file is made, when a file needs one
     * @param deadline the {@link System#nanoTime()} after which no file is read any further
     */
    LayerTar(OutputStream out, Path spoolDirectory, long deadline) throws IOException {
        this.spoolDirectory = spoolDirectory;
        this.deadline = deadline;
        tar = new TarArchiveOutputStream(new FastGzip(new KeepOpen(out)), UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Whether the deadline has passed. */
    boolean expired() {
        return System.nanoTime() - deadline > 0;
    }

    /**
     * Copies a regular file into the tar as {@code name}, if it stays unchanged while read.
     *
     * @param before what the file was when it was chosen: its size is what is copied
     * @throws IOException when the tar cannot be written (reading problems are a {@link Skipped} outcome)
     */
    Outcome add(String name, PathHandles handles, PathHandle file, FileId before) throws IOException {
        long size = before.size();
        try (FileChannel in = FileChannel.open(file.reopenPath(), StandardOpenOption.READ)) {
            Outcome read = size <= IN_MEMORY ? readToMemory(in, size) : readToSpool(in, size);
            if (read instanceof Skipped skipped) {
                return skipped;
            }
            FileId after = handles.id(file);
            if (!before.sameContent(after)) {
                return new Skipped(SkipReason.CHANGED, "size " + before.size() + " -> " + after.size()
                        + ", or a new change time");
            }
        } catch (IOException | LinuxException e) {
            return new Skipped(SkipReason.UNREADABLE, String.valueOf(e.getMessage()));
        }
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(REGULAR | before.mode() & 07777);
        entry.setModTime(FileTime.fromMillis(0));
        entry.setUserName("");
        entry.setGroupName("");
        tar.putArchiveEntry(entry);
        if (size <= IN_MEMORY) {
            tar.write(buffer, 0, (int) size);
        } else {
            copySpool(size);
        }
        tar.closeArchiveEntry();
        return new Written(size);
    }

    /** Reads the whole file, and one byte more to see that it has not grown. */
    private Outcome readToMemory(FileChannel in, long size) throws IOException {
        ByteBuffer into = ByteBuffer.wrap(buffer, 0, (int) size + 1);
        while (into.hasRemaining()) {
            if (in.read(into) < 0) {
                break;
            }
        }
        if (into.position() != size) {
            return new Skipped(SkipReason.CHANGED, "read " + into.position() + " bytes of " + size);
        }
        return new Written(size);
    }

    private Outcome readToSpool(FileChannel in, long size) throws IOException {
        if (spool == null) {
            Path file = Files.createTempFile(spoolDirectory, "bulwark-rootfiles-", ".spool");
            try {
                spool = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } finally {
                Files.delete(file);
            }
        }
        spool.truncate(0);
        spool.position(0);
        long copied = 0;
        while (copied < size) {
            if (expired()) {
                return new Skipped(SkipReason.OUT_OF_TIME, copied + " of " + size + " bytes read");
            }
            long n = in.transferTo(copied, Math.min(SPOOL_CHUNK, size - copied), spool);
            if (n <= 0) {
                return new Skipped(SkipReason.CHANGED, "read " + copied + " bytes of " + size);
            }
            copied += n;
        }
        oneByte.clear();
        if (in.read(oneByte, size) > 0) {
            return new Skipped(SkipReason.CHANGED, "grew past " + size + " bytes");
        }
        return new Written(size);
    }

    private void copySpool(long size) throws IOException {
        spool.position(0);
        ByteBuffer chunk = ByteBuffer.wrap(buffer);
        long left = size;
        while (left > 0) {
            chunk.clear().limit((int) Math.min(buffer.length, left));
            int n = spool.read(chunk);
            if (n <= 0) {
                throw new IOException("spool file ended " + left + " bytes early");
            }
            tar.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Ends the tar and the gzip stream, flushing the caller's stream without closing it. */
    @Override
    public void close() throws IOException {
        try (FileChannel _ = spool) {
            tar.close();
        }
    }

    /** gzip at its fastest level. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Leaves the caller's stream open: closing flushes it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
