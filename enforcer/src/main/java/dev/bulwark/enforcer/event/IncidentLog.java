package dev.bulwark.enforcer.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes incidents as JSON lines to a file (appended, flushed per line so that a crash loses none that were
 * written) and to a console stream. Writing happens on a thread of its own behind a bounded queue: whoever reports
 * an incident (a decision an exec is waiting for) never waits for a disk or for a console nobody reads. An
 * incident that finds the queue full, or whose write fails, is counted as dropped. Thread-safe.
 */
public final class IncidentLog implements Consumer<Incident>, AutoCloseable {

    static final ObjectMapper JSON = Json.compactSnakeCase();
    static final int CAPACITY = 16_384;
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final System.Logger LOG = System.getLogger(IncidentLog.class.getName());

    private final Optional<BufferedWriter> file;
    private final Optional<PrintStream> console;
    private final BlockingQueue<Incident> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean writeFailed = new AtomicBoolean();
    private final Thread writer;
    private volatile boolean closing;

    public IncidentLog(Optional<Path> path, Optional<PrintStream> console) {
        this(path, console, CAPACITY);
    }

    IncidentLog(Optional<Path> path, Optional<PrintStream> console, int capacity) {
        try {
            this.file = path.isEmpty() ? Optional.empty() : Optional.of(Files.newBufferedWriter(path.get(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event file " + path.get(), e);
        }
        this.console = console;
        queue = new ArrayBlockingQueue<>(capacity);
        writer = Thread.ofPlatform().name("enforcer-incidents").daemon().start(this::drain);
    }

    @Override
    public void accept(Incident incident) {
        if (closing || !queue.offer(incident)) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        try {
            while (true) {
                Incident next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    write(next);
                } else if (closing) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close gave up waiting: what is still queued is lost, and counted
            dropped.addAndGet(queue.size());
        }
    }

    private void write(Incident incident) {
        try {
            String line = JSON.writeValueAsString(incident);
            if (file.isPresent()) {
                file.get().write(line);
                file.get().newLine();
                file.get().flush();
            }
            console.ifPresent(c -> c.println(line));
            written.incrementAndGet();
        } catch (IOException e) {
            dropped.incrementAndGet();
            if (!writeFailed.getAndSet(true)) {
                LOG.log(System.Logger.Level.WARNING, "cannot write incidents; they are counted as dropped", e);
            }
        }
    }

    public long written() {
        return written.get();
    }

    /** Incidents lost: the queue was full (the output could not keep up), or the write failed. */
    public long dropped() {
        return dropped.get();
    }

    /** Writes what is queued (waiting at most a few seconds for a stuck output), then closes the file. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        if (file.isPresent()) {
            try {
                file.get().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the event file failed", e);
            }
        }
    }
}
