package dev.bulwark.scanner.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import dev.bulwark.scanner.budget.Deadline;

/**
 * Reads a stream ahead on a thread of its own, so that producing the bytes (reading, hashing and inflating a
 * layer) and consuming them (the tar and the analyzers) run on two cores. At most {@link #DEPTH} chunks are in
 * flight, so memory stays bounded however fast the producer is. A failure of the producer reaches the consumer as
 * the same exception, where the stream would have failed without this class.
 */
final class ReadAhead extends InputStream {

    static final int CHUNK = 256 << 10;
    static final int DEPTH = 8;

    private sealed interface Item {}

    private record Chunk(byte[] bytes, int length) implements Item {}

    private record Failure(Throwable error) implements Item {}

    private record End() implements Item {}

    private final BlockingQueue<Item> filled = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread producer;
    private Chunk current;
    private int position;
    private boolean ended;
    /** The producer's failure, thrown again on every later read: a caller that goes on reading never waits forever. */
    private Throwable failure;

    private final Deadline deadline;
    private final String name;

    private ReadAhead(InputStream source, String name, Deadline deadline) {
        this.deadline = deadline;
        this.name = name;
        producer = Thread.ofPlatform().daemon().name("read-ahead " + name).unstarted(() -> produce(source));
        producer.start();
    }

    /** Starts reading {@code source} ahead; the caller closes both this stream and, afterwards, the source. */
    static ReadAhead of(InputStream source, String name, Deadline deadline) {
        return new ReadAhead(source, name, deadline);
    }

    private void produce(InputStream source) {
        try {
            while (true) {
                byte[] buffer = free.poll();
                buffer = buffer == null ? new byte[CHUNK] : buffer;
                int n = source.readNBytes(buffer, 0, CHUNK);
                if (n > 0) {
                    filled.put(new Chunk(buffer, n));
                }
                if (n < CHUNK) {
                    filled.put(new End());
                    return;
                }
            }
        } catch (InterruptedException | InterruptedIOException stopped) {
            // the consumer closed the stream: nobody reads what follows
        } catch (Throwable t) {
            try {
                filled.put(new Failure(t));
            } catch (InterruptedException stopped) {
                // the consumer closed the stream and will not ask
            }
        }
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current.bytes()[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && fill()) {
            int step = (int) Math.min(n - skipped, current.length() - position);
            position += step;
            skipped += step;
        }
        return skipped;
    }

    /** Reads to the end, so that whatever the producer hashes has all been read. */
    void drain() throws IOException {
        while (fill()) {
            position = current.length();
        }
    }

    /** Whether a chunk with unread bytes is current, taking the next one when needed; false at the end. */
    private boolean fill() throws IOException {
        while (true) {
            if (failure != null) {
                throw rethrow(failure);
            }
            if (ended) {
                return false;
            }
            if (current != null && position < current.length()) {
                return true;
            }
            if (current != null) {
                free.offer(current.bytes());
                current = null;
            }
            Item item;
            try {
                // a source that drips or never ends is cut by the scan's deadline, not waited for
                item = filled.poll(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
                if (item == null) {
                    deadline.check("reading layer " + name);
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a layer");
            }
            switch (item) {
                case Chunk c -> {
                    current = c;
                    position = 0;
                }
                case End e -> ended = true;
                case Failure f -> failure = f.error();
            }
        }
    }

    private static IOException rethrow(Throwable error) {
        return switch (error) {
            case IOException io -> io;
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            default -> new IOException(error);
        };
    }

    /**
     * Stops the producer (it may be mid-chunk) and waits for it even when this thread is interrupted, so that the
     * source can be closed safely after.
     */
    @Override
    public void close() {
        ended = true;
        producer.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                producer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
