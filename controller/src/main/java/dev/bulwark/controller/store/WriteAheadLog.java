package dev.bulwark.controller.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The append-only log behind {@link EmbeddedStore}: each record is {@code [length][crc32c][payload]} and is forced
 * to disk before the append returns. An append that fails (a full disk, an I/O error) is cut off again before the
 * error is reported, so no later acknowledged record ever sits behind a broken one; when even that fails the log
 * refuses every append until it is opened again. Opening keeps the intact records and cuts a torn tail (the end of
 * an append that was never acknowledged), saying so; a bad record with an intact one after it is damage, not a
 * torn tail, and opening fails with its offset rather than drop what follows.
 */
final class WriteAheadLog implements AutoCloseable {

    static final int MAX_RECORD = 256 << 20;
    private static final int HEADER = 8;
    private static final System.Logger LOG = System.getLogger(WriteAheadLog.class.getName());
    /** Only the controller's own user may read the log: it holds password hashes and keys. */
    static final FileAttribute<?> PRIVATE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private final Path file;
    private final FileChannel channel;
    private IOException broken;

    private WriteAheadLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** A log whose records cannot all be read: a bad record at {@code offset} with intact records after it. */
    static final class DamagedException extends IOException {
        private final long offset;

        DamagedException(Path file, long offset, int record, long following) {
            super(("%s is damaged at byte %d (record %d): %d bytes follow it that hold intact records, so this is "
                    + "not a write cut short. Nothing was changed. To keep the records before the damage, run "
                    + "`bulwark controller --repair-store` (the damaged log is kept as a copy)")
                    .formatted(file, offset, record, following));
            this.offset = offset;
        }

        long offset() {
            return offset;
        }
    }

    /**
     * Opens the log, returning it and the payloads of its intact records.
     *
     * @throws DamagedException when a record in the middle of the log is bad
     */
    static Opened open(Path file) throws IOException {
        Scan scan = scan(file);
        if (scan.damaged()) {
            throw new DamagedException(file, scan.good(), scan.records().size() + 1, scan.size() - scan.good());
        }
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ), PRIVATE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        if (channel.size() > scan.good()) {
            LOG.log(System.Logger.Level.WARNING, "%s: cut %d bytes at byte %d, the end of a write that was never "
                    .formatted(file, channel.size() - scan.good(), scan.good()) + "acknowledged");
            channel.truncate(scan.good());
            channel.force(true);
        }
        channel.position(scan.good());
        return new Opened(new WriteAheadLog(file, channel), scan.records());
    }

    /**
     * Keeps a copy of a damaged log and cuts the log before its first bad record.
     *
     * @return the copy, and how many bytes were cut
     */
    static Repair repair(Path file) throws IOException {
        Scan scan = scan(file);
        Path copy = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(scan.good());
            channel.force(true);
        }
        return new Repair(copy, scan.size() - scan.good(), scan.records().size());
    }

    /** @param kept where the log was copied; @param cut bytes removed; @param records intact records kept */
    record Repair(Path kept, long cut, int records) {}

    /** What reading the log found: its intact records, where they end, and whether damage (not a tail) follows. */
    private record Scan(List<byte[]> records, long good, long size, boolean damaged) {}

    private static Scan scan(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Scan(List.of(), 0, 0, false);
        }
        ByteBuffer in;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            in = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()); // stays valid once closed
        }
        List<byte[]> records = new ArrayList<>();
        int at = 0;
        while (true) {
            Optional<byte[]> record = recordAt(in, at);
            if (record.isEmpty()) {
                break;
            }
            records.add(record.get());
            at += HEADER + record.get().length;
        }
        return new Scan(records, at, in.limit(), at < in.limit() && intactRecordAfter(in, at));
    }

    /** The payload of the intact record at {@code at}, if there is one. */
    private static Optional<byte[]> recordAt(ByteBuffer in, int at) {
        if (in.limit() - at < HEADER) {
            return Optional.empty();
        }
        int length = in.getInt(at);
        if (length < 0 || length > MAX_RECORD || length > in.limit() - at - HEADER) {
            return Optional.empty();
        }
        byte[] payload = new byte[length];
        in.get(at + HEADER, payload);
        return crc(payload) == in.getInt(at + 4) ? Optional.of(payload) : Optional.empty();
    }

    /**
     * Whether an intact record starts anywhere after the bad one at {@code bad}: then the bad one is damage in the
     * middle of the log. A torn tail has nothing intact after it, whatever its length field says.
     */
    private static boolean intactRecordAfter(ByteBuffer in, int bad) {
        for (int at = bad + 1; at <= in.limit() - HEADER; at++) {
            int length = in.getInt(at);
            if (length > 0 && length <= in.limit() - at - HEADER && recordAt(in, at).isPresent()) {
                return true;
            }
        }
        return false;
    }

    record Opened(WriteAheadLog log, List<byte[]> records) {}

    /**
     * Appends a record and forces it to disk. When that fails, the log is cut back to where it was before the
     * error is thrown; when even that fails, every later append fails too, until the log is opened again (which
     * cuts the partial record as a torn tail).
     */
    void append(byte[] payload) throws IOException {
        if (broken != null) {
            throw new IOException("the store log could not be cut back after a failed write (" + broken.getMessage()
                    + "); restart the controller to repair it", broken);
        }
        long start = channel.position();
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length);
        buffer.putInt(payload.length).putInt(crc(payload)).put(payload).flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException failed) {
            try {
                channel.truncate(start);
                channel.position(start);
                channel.force(true);
            } catch (IOException rollback) {
                failed.addSuppressed(rollback);
                broken = rollback;
            }
            throw failed;
        }
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Empties the log, after a snapshot made its records redundant. */
    void reset() throws IOException {
        channel.truncate(0);
        channel.position(0);
        channel.force(true);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** Encodes a payload. */
    static byte[] encode(IoWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    interface IoWriter {
        void write(DataOutputStream out) throws IOException;
    }
}
