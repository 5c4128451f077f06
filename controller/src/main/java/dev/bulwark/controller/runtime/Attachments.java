package dev.bulwark.controller.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Files on their way from an enforcer to a scanner (a container's package databases, as a gzip'd tar): written by
 * an upload, read by a scanner's fetch, deleted once its scan ends. Each has a random id, which only the job that
 * scans it names. At most {@link #MAX_FILE} each and {@link #MAX_TOTAL} in all; what is left from an earlier run
 * is deleted at start. Thread-safe.
 */
public final class Attachments {

    public static final long MAX_FILE = 512L << 20;
    public static final long MAX_TOTAL = 2L << 30;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final long maxFile;
    private final long maxTotal;
    private final AtomicLong used = new AtomicLong();

    public Attachments(Path dir) {
        this(dir, MAX_FILE, MAX_TOTAL);
    }

    Attachments(Path dir, long maxFile, long maxTotal) {
        this.dir = dir;
        this.maxFile = maxFile;
        this.maxTotal = maxTotal;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " for files to scan", e);
        }
    }

    /** A new attachment being written: its id, and a stream that refuses more than the bounds allow. */
    public record Writing(String id, OutputStream out) {}

    public Writing create() throws IOException {
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);
        OutputStream file = Files.newOutputStream(dir.resolve(id));
        return new Writing(id, new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > maxFile) {
                    throw tooLarge();
                }
                if (used.addAndGet(len) > maxTotal) {
                    used.addAndGet(-len);
                    throw tooLarge();
                }
                written += len;
                file.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        });
    }

    private IOException tooLarge() {
        return new IOException("the files to scan are larger than the controller takes (%d MiB each, %d MiB at once)"
                .formatted(maxFile >> 20, maxTotal >> 20));
    }

    /** Bytes held now. */
    long used() {
        return used.get();
    }

    /** The file of an attachment, when it exists. */
    public Optional<Path> path(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path p = dir.resolve(id);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    public void delete(String id) {
        path(id).ifPresent(p -> {
            try {
                long size = Files.size(p);
                Files.deleteIfExists(p);
                used.addAndGet(-size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
