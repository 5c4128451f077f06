package dev.bulwark.controller.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The append-only log behind {@link EmbeddedStore}: each record is {@code [length][crc32c][payload]} and is forced
 * to disk before the append returns. Reading stops at the first record that is cut short or fails its checksum,
 * and the file is truncated there: that tail was never acknowledged.
 */
final class WriteAheadLog implements AutoCloseable {

    static final int MAX_RECORD = 256 << 20;

    private final Path file;
    private final FileChannel channel;

    private WriteAheadLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens the log, returning it and the payloads of its intact records. */
    static Opened open(Path file) throws IOException {
        List<byte[]> records = new ArrayList<>();
        long good = 0;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file),
                    1 << 16))) {
                while (true) {
                    int length;
                    try {
                        length = in.readInt();
                    } catch (EOFException e) {
                        break;
                    }
                    if (length < 0 || length > MAX_RECORD) {
                        break;
                    }
                    int crc;
                    byte[] payload = new byte[length];
                    try {
                        crc = in.readInt();
                        in.readFully(payload);
                    } catch (EOFException e) {
                        break;
                    }
                    if (crc(payload) != crc) {
                        break;
                    }
                    records.add(payload);
                    good += 8L + length;
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        if (channel.size() > good) {
            channel.truncate(good);
            channel.force(true);
        }
        channel.position(good);
        return new Opened(new WriteAheadLog(file, channel), records);
    }

    record Opened(WriteAheadLog log, List<byte[]> records) {}

    /** Appends a record and forces it to disk. */
    void append(byte[] payload) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8 + payload.length);
        buffer.putInt(payload.length).putInt(crc(payload)).put(payload).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
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
