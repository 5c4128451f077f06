package dev.bulwark.enforcer.testing;

import dev.bulwark.core.testing.Patience;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The enforcer's JSON-lines incident file (its {@code --events}), as a test reads it. */
public record EventsFile(Path path) {

    /** Every incident written so far, none before the file exists. */
    public List<JsonNode> all() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(path)) {
            for (String line : Files.readAllLines(path)) {
                out.add(Json.lenient().readTree(line));
            }
        }
        return out;
    }

    /**
     * Waits for an incident the test expects, and returns it; fails after {@link Patience#HANG}.
     *
     * @param context what else to say when none comes (the enforcer's counters, say)
     */
    public JsonNode await(Predicate<JsonNode> wanted, Supplier<String> context) throws Exception {
        long deadline = Patience.deadline();
        while (System.nanoTime() - deadline < 0) {
            for (JsonNode e : all()) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such incident; got %s; %s".formatted(all(), context.get()));
    }
}
