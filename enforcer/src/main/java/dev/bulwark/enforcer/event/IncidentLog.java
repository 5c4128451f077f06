package dev.bulwark.enforcer.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes incidents as JSON lines to a file (appended, flushed per line so that a crash loses none) and to a
 * console stream. Thread-safe.
 */
public final class IncidentLog implements Consumer<Incident>, AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private final Optional<BufferedWriter> file;
    private final Optional<PrintStream> console;
    private final AtomicLong written = new AtomicLong();

    public IncidentLog(Optional<Path> path, Optional<PrintStream> console) {
        try {
            this.file = path.isEmpty() ? Optional.empty() : Optional.of(Files.newBufferedWriter(path.get(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event file " + path.get(), e);
        }
        this.console = console;
    }

    @Override
    public synchronized void accept(Incident incident) {
        String line;
        try {
            line = JSON.writeValueAsString(incident);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (file.isPresent()) {
            try {
                file.get().write(line);
                file.get().newLine();
                file.get().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        console.ifPresent(c -> c.println(line));
        written.incrementAndGet();
    }

    public long written() {
        return written.get();
    }

    @Override
    public synchronized void close() {
        if (file.isPresent()) {
            try {
                file.get().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
