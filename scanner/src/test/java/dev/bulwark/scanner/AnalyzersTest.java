package dev.bulwark.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.FileAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The analyzer list: unique names, and each analyzer's file selection pinned by {@code analyzer-paths.txt}. */
class AnalyzersTest {

    private static final List<Analyzer> OS = Analyzers.os();
    private static final List<FileAnalyzer> FILES = Analyzers.files(true);

    @Test
    void namesAreUnique() {
        assertThat(names()).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "analyzer-paths.txt", delimiter = ' ')
    void wantedByExactlyTheListedAnalyzers(String path, String mode, long size, String expected) {
        int bits = Integer.parseInt(mode, 8);
        Set<String> wanting = Stream.concat(
                OS.stream().filter(a -> a.wants(path)).map(Analyzer::name),
                FILES.stream().filter(a -> a.wants(path, bits, size)).map(FileAnalyzer::name))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = expected.equals("-") ? Set.of() : new TreeSet<>(Arrays.asList(expected.split(",")));
        assertThat(wanting).isEqualTo(listed);
    }

    @Test
    void everyAnalyzerHasAPinnedPath() throws IOException {
        Set<String> pinned;
        try (InputStream in = AnalyzersTest.class.getResourceAsStream("analyzer-paths.txt")) {
            pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .flatMap(l -> Arrays.stream(l.substring(l.lastIndexOf(' ') + 1).split(",")))
                    .collect(Collectors.toSet());
        }
        assertThat(pinned).containsAll(names());
    }

    private static List<String> names() {
        return Stream.concat(OS.stream().map(Analyzer::name), FILES.stream().map(FileAnalyzer::name)).toList();
    }
}
