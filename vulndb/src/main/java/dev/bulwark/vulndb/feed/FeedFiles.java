package dev.bulwark.vulndb.feed;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JSON and YAML files of a feed, in a stable order, read as trees with limits: a file larger than the cap is
 * skipped, and string and nesting limits stop hostile documents before they use the heap up.
 */
final class FeedFiles {

    static final long MAX_DOCUMENT = 64L << 20;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(16 << 20).maxNestingDepth(200).maxNumberLength(100).build();
    private static final ObjectMapper JSON = limited(Json.lenient());
    private static final ObjectMapper YAML = limited(Json.yaml());

    private FeedFiles() {}

    private static ObjectMapper limited(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(LIMITS);
        return mapper;
    }

    /** The path itself when it is a file, else every {@code .json}, {@code .yaml}, {@code .yml} below it. */
    static List<Path> list(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IOException(path + ": no such file or directory");
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).filter(FeedFiles::isDocument).sorted().toList();
        }
    }

    private static boolean isDocument(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The document as a tree, or empty (counted in {@code stats}) if it is too large or not well formed. */
    static Optional<JsonNode> read(Path file, ImportStats stats) {
        stats.countFile();
        try {
            long size = Files.size(file);
            if (size > MAX_DOCUMENT) {
                stats.skipped(file.toString(), "%d bytes is over the %d MiB limit".formatted(size,
                        MAX_DOCUMENT >> 20));
                return Optional.empty();
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            ObjectMapper mapper = name.endsWith(".json") ? JSON : YAML;
            JsonNode tree = mapper.readTree(file.toFile());
            if (tree == null || tree.isMissingNode()) {
                stats.skipped(file.toString(), "empty document");
                return Optional.empty();
            }
            return Optional.of(tree);
        } catch (IOException | RuntimeException e) {
            stats.skipped(file.toString(), "not well-formed: " + firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse("");
    }

    static ObjectMapper json() {
        return JSON;
    }
}
