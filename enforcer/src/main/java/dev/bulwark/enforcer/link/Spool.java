package dev.bulwark.enforcer.link;

import dev.bulwark.core.io.AtomicFiles;
import dev.bulwark.link.proto.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telemetry that must not be lost (incidents, events, learned rules), kept on disk from the moment it is batched
 * until the controller acknowledges it, so that neither a disconnect nor an enforcer restart loses it. Bounded: when
 * full, the oldest batches go, and the records in them are counted as dropped. Sequence numbers grow across
 * restarts. Thread-safe.
 */
public final class Spool {

    private static final String SUFFIX = ".batch";
    private static final String NEXT = "next-seq";

    private final Path dir;
    private final long maxBytes;
    private final TreeMap<Long, Integer> sizes = new TreeMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private long bytes;
    private long next;

    public Spool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(dir);
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    String name = f.getFileName().toString();
                    try {
                        long seq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                        int size = (int) Files.size(f);
                        sizes.put(seq, size);
                        bytes += size;
                    } catch (NumberFormatException e) {
                        Files.delete(f); // not ours
                    }
                }
            }
            Path nextFile = dir.resolve(NEXT);
            long stored = Files.exists(nextFile) ? Long.parseLong(Files.readString(nextFile).strip()) : 1;
            next = Math.max(stored, sizes.isEmpty() ? 1 : sizes.lastKey() + 1);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("the telemetry spool in %s cannot be read: %s".formatted(dir,
                    e.getMessage()), e);
        }
    }

    /** Numbers a batch and keeps it until {@link #acknowledged}; the batch with its number. */
    public synchronized Batch add(Batch.Builder batch) {
        Batch numbered = batch.setSeq(next).build();
        byte[] data = numbered.toByteArray();
        try {
            AtomicFiles.write(dir.resolve(NEXT), Long.toString(next + 1).getBytes(StandardCharsets.US_ASCII),
                    AtomicFiles.OWNER_ONLY);
            AtomicFiles.write(file(next), data, AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            dropped.addAndGet(records(numbered));
            throw new UncheckedIOException("cannot spool telemetry", e);
        } finally {
            next++;
        }
        sizes.put(numbered.getSeq(), data.length);
        bytes += data.length;
        while (bytes > maxBytes && sizes.size() > 1) {
            long oldest = sizes.firstKey();
            read(oldest).ifPresent(b -> dropped.addAndGet(records(b)));
            remove(oldest);
        }
        return numbered;
    }

    /** The controller applied every batch up to {@code seq}. */
    public synchronized void acknowledged(long seq) {
        while (!sizes.isEmpty() && sizes.firstKey() <= seq) {
            remove(sizes.firstKey());
        }
    }

    /** The batches not acknowledged yet numbered after {@code seq}, oldest first. */
    public synchronized List<Batch> after(long seq) {
        List<Batch> out = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : sizes.tailMap(seq, false).entrySet()) {
            read(e.getKey()).ifPresent(out::add);
        }
        return out;
    }

    /** Records lost: the spool was full, or could not be written. */
    public long dropped() {
        return dropped.get();
    }

    public synchronized int size() {
        return sizes.size();
    }

    private java.util.Optional<Batch> read(long seq) {
        try {
            return java.util.Optional.of(Batch.parseFrom(Files.readAllBytes(file(seq))));
        } catch (IOException e) {
            return java.util.Optional.empty(); // torn by a crash mid-write of an earlier version: nothing to send
        }
    }

    private void remove(long seq) {
        Integer size = sizes.remove(seq);
        bytes -= size == null ? 0 : size;
        try {
            Files.deleteIfExists(file(seq));
        } catch (IOException e) {
            // read again after a restart and sent once more; the controller skips a batch it applied
        }
    }

    private Path file(long seq) {
        return dir.resolve("%020d%s".formatted(seq, SUFFIX));
    }

    private static int records(Batch b) {
        return b.getIncidentsCount() + b.getEventsCount() + b.getLearnedCount();
    }
}
