package dev.bulwark.scanner.testing;

import dev.bulwark.scanner.index.AnalyzerInput;
import dev.bulwark.scanner.index.FileContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An analyzer's view of an image made of in-memory files, for analyzer tests. Symlinks are the image tree's
 * business and are tested there; here every path is a plain file in layer {@code sha256:test}.
 */
public record MapAnalyzerInput(Map<String, byte[]> bodies) implements AnalyzerInput {

    public static final String LAYER = "sha256:test";

    public MapAnalyzerInput {
        bodies = new TreeMap<>(bodies);
    }

    /** Pairs of path and UTF-8 text. */
    public static MapAnalyzerInput of(String... pathsAndTexts) {
        Map<String, byte[]> bodies = new TreeMap<>();
        for (int i = 0; i + 1 < pathsAndTexts.length; i += 2) {
            bodies.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new MapAnalyzerInput(bodies);
    }

    @Override
    public List<FileContent> files() {
        return bodies.entrySet().stream().map(e -> content(e.getKey(), e.getValue())).toList();
    }

    @Override
    public Optional<FileContent> file(String path) {
        return Optional.ofNullable(bodies.get(path)).map(body -> content(path, body));
    }

    private static FileContent content(String path, byte[] body) {
        return new FileContent(path, LAYER, 0100644, body);
    }
}
